import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, type Principal, type Role, type TokenRegistry } from '../store/tokens.js';
import { HttpProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a request needs; default viewer (read). Anything that writes to the store asks for more. */
    role?: Role;
  }
  interface FastifyRequest {
    /** Who made the request, when it carried a valid token. */
    principal: Principal | undefined;
  }
}

/** Who may do what, and which Host names the server answers to. */
export interface AccessOptions {
  /** Whether requests without a token may read (the loopback default); writes always need a token. */
  anonymousRead: boolean;
  /**
   * Host names (no port) the server answers to: the loopback names, plus those it is reached by from elsewhere.
   * A request naming any other host (a DNS-rebinding page) is refused with 421.
   */
  allowedHosts: readonly string[];
}

export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export const LOOPBACK_ACCESS: AccessOptions = { anonymousRead: true, allowedHosts: LOOPBACK_HOSTS };

/** Whether an address to listen on is reachable from this machine only. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Paths anyone may read whatever the settings: the probe of load balancers, and the web app's own files. */
const isPublic = (path: string): boolean => path === '/api/health' || !path.startsWith('/api/');

/** The host name of a Host header, without its port; lower case. */
function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

/**
 * A state-changing request is refused when a browser says it comes from another site: its Origin is not this
 * server's, or (browsers that send no Origin) its Sec-Fetch-Site is cross-site. This is what stops a hostile page's
 * form POST; tokens (sent in a header no form can set) stop the rest.
 */
function crossOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    // Both through URL, so that a default port (http://localhost:80 vs Host localhost) compares equal.
    try {
      const from = new URL(origin);
      if (from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host) return undefined;
    } catch {
      // An Origin that is not a URL ("null" from a sandboxed page or a file) is another site's.
    }
    return `Origin ${origin}`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site ${String(site)}`;
  return undefined;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match === null ? '' : match[1];
}

function unauthorized(reply: FastifyReply, message: string): HttpProblem {
  reply.header('www-authenticate', 'Bearer realm="caravan"');
  return new HttpProblem(401, message);
}

/**
 * Host, Origin and token checks on every request, before any handler runs: wrong Host → 421, a cross-origin write
 * → 403, a write (or, off loopback, any API request) without a valid token → 401, with too small a role → 403.
 */
export function registerAccessControl(
  app: FastifyInstance,
  access: AccessOptions,
  tokens: TokenRegistry | undefined,
): void {
  const allowed = new Set(access.allowedHosts.map((host) => host.toLowerCase()));
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const host = hostName(request.headers.host ?? '');
    if (!allowed.has(host))
      throw new HttpProblem(
        421,
        `this server does not answer to the host "${host.slice(0, 100)}"; reach it as ${[...allowed].join(', ')} (serve --allowed-host adds names)`,
      );
    const writes = !SAFE_METHODS.has(request.method);
    if (writes) {
      const foreign = crossOrigin(request);
      if (foreign !== undefined)
        throw new HttpProblem(
          403,
          `cross-origin request refused (${foreign.slice(0, 120)}): use the app on this server`,
        );
    }
    const token = bearerToken(request);
    if (token !== undefined) {
      const principal = token === '' || tokens === undefined ? undefined : await tokens.verify(token);
      if (principal === undefined) throw unauthorized(reply, 'the token is not valid (unknown, malformed or revoked)');
      request.principal = principal;
    }
    const path = request.url.split('?')[0] ?? '';
    const needed = request.routeOptions.config.role ?? 'viewer';
    const principal = request.principal;
    if (principal === undefined) {
      if (needed === 'viewer' && (access.anonymousRead || isPublic(path))) return;
      throw unauthorized(
        reply,
        `this request needs a token with the role ${needed} or higher: send Authorization: Bearer TOKEN (caravan tokens create)`,
      );
    }
    if (!roleAllows(principal.role, needed))
      throw new HttpProblem(
        403,
        `the token "${principal.name}" has the role ${principal.role}; this request needs ${needed}`,
      );
  });
}
