import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { OutgoingHttpHeader } from 'node:http';

/**
 * Content Security Policy of the web app: everything from this origin and nothing else. MapLibre runs its workers
 * from blob: URLs and draws images from blob:/data: URLs; the app has no inline script or style. Insecure requests
 * are not upgraded: the server speaks plain HTTP on the loopback address.
 */
export const APP_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Swagger UI sets inline styles on the elements it renders; it loads nothing from elsewhere. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
  // Plain HTTP on loopback: HSTS would only confuse a browser that later meets HTTPS on the same host.
  strictTransportSecurity: false,
};

let probed: Promise<[string, OutgoingHttpHeader][]> | undefined;

/**
 * The headers helmet sets with our options, read once per process from a probe server. @fastify/helmet rebuilds
 * helmet's middleware (parsing the policy again) on every request, which cost about half of the cheapest request.
 */
export function helmetHeaders(): Promise<[string, OutgoingHttpHeader][]> {
  probed ??= probeHelmetHeaders();
  return probed;
}

async function probeHelmetHeaders(): Promise<[string, OutgoingHttpHeader][]> {
  const probe = Fastify();
  await probe.register(helmet, HELMET_OPTIONS);
  let headers: [string, OutgoingHttpHeader][] = [];
  probe.get('/', (_request, reply) => {
    // In the handler only the onRequest hooks, helmet's, have written headers; Fastify adds its own when sending.
    headers = Object.entries(reply.raw.getHeaders()).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, value] as [string, OutgoingHttpHeader]],
    );
    return '';
  });
  await probe.inject('/');
  await probe.close();
  if (!headers.some(([name]) => name === 'content-security-policy'))
    throw new Error('helmet set no Content-Security-Policy on the probe server');
  return headers;
}

/** Security headers on every response (helmet's defaults with the policy above); no CORS headers are ever sent. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const headers = await helmetHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}
