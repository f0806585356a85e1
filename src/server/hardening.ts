import { randomFillSync } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ServerLimits } from './limits.js';
import { HttpProblem, PROBLEM_MEDIA_TYPE } from './problem.js';
import { helmetHeaders } from './security-headers.js';

const ID_BYTES = 6;
/**
 * Random bytes drawn for a thousand ids at a time: one call to the system's generator per request cost more than
 * the rest of the request id work and the security headers together.
 */
const idPool = Buffer.alloc(ID_BYTES * 1024);
let idOffset = idPool.length;

/** A request id short enough to read out over the phone and unique enough for one server's log. */
function requestId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return `req-${idPool.toString('hex', idOffset - ID_BYTES, idOffset)}`;
}

/**
 * Fastify's own options for a shared server: request ids in every log line and answer, a time limit on receiving a
 * request, and problem+json answers (with the security headers) for the URLs Fastify refuses before any hook runs
 * (bad percent-encoding, over-long path parameters).
 */
export async function hardenedFastifyOptions(limits: ServerLimits): Promise<FastifyServerOptions> {
  const headers = await helmetHeaders();
  return {
    genReqId: requestId,
    // A client-chosen id would let one request's lines pass for another's in the log.
    requestIdHeader: false,
    requestTimeout: limits.requestSeconds * 1000,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const raw = reply.raw;
      for (const [name, value] of headers) raw.setHeader(name, value);
      const status =
        error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      const detail =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is longer than this server accepts (200 characters)'
          : 'the URL is not valid: check its percent-encoding';
      void reply
        .code(status)
        .header('x-request-id', request.id)
        .type(PROBLEM_MEDIA_TYPE)
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: status === 414 ? 'URI Too Long' : 'Bad Request',
            status,
            detail,
          }),
        );
    },
  };
}

/**
 * Per-client rate limits (a client is its token, else its address) and the request id on every answer, so that
 * what a user reports can be found in the log.
 */
export async function registerRequestLimits(app: FastifyInstance, limits: ServerLimits): Promise<void> {
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body;
    if (route.schema !== undefined && body !== undefined) route.schema.body = strictBody(body);
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  await app.register(rateLimit, {
    global: true,
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      request.principal === undefined ? `ip ${request.ip}` : `token ${request.principal.tokenId}`,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        `too many requests from this client: at most ${context.max} a minute; try again in ${context.after}`,
      ),
  });
}

/**
 * A JSON body schema that refuses keys it does not know (a misspelt option must not be silently ignored): objects,
 * and objects with a default, are made strict; other schemas are left as they are.
 */
function strictBody(schema: unknown): unknown {
  if (schema instanceof z.ZodObject) return schema.strict();
  if (schema instanceof z.ZodDefault && schema.unwrap() instanceof z.ZodObject)
    return (schema.unwrap() as z.ZodObject).strict().default(schema.def.defaultValue as never);
  return schema;
}
