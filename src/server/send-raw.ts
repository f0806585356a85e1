import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already text (GeoJSON written once, CSV, a text report), or that text already encoded, as it is. Fastify serializes only
 * objects, so the route's response schema still documents the shape without re-checking it on every request.
 */
export function sendRaw(reply: FastifyReply, contentType: string, body: string | Buffer, status = 200): void {
  void reply.code(status).type(contentType).send(body);
}
