import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, onSendHookHandler } from 'fastify';

/** A body as compressed for one Accept-Encoding header. */
export interface CompressedForm {
  encoding: string;
  body: Buffer;
}

/**
 * Compressed forms of one kept body, by the client's Accept-Encoding header as sent (the same header always
 * negotiates the same encoding; browsers send one of a handful).
 */
export type CompressedForms = Map<string, CompressedForm>;
const FORMS_PER_BODY = 3;

/** The plugin's streams are readable-stream's, not node:stream's, so they are told by what they do. */
const isStream = (payload: unknown): payload is NodeJS.ReadableStream =>
  typeof payload === 'object' && payload !== null && typeof (payload as NodeJS.ReadableStream).pipe === 'function';

/** Replies whose compressed body is to be kept, and where. */
const keeping = new WeakMap<FastifyReply, CompressedForms>();

/**
 * Compresses every text answer (JSON, GeoJSON, CSV, HTML, the API docs) for clients that accept it. Brotli at
 * quality 5, not the default 11: the network GeoJSON is compressed on each request, and quality 11 costs ten times
 * the CPU for a few per cent. The web app's own assets are compressed once at build time and served as they are
 * (web-app.ts), so this leaves them alone. A body sent again and again (a kept route answer) can keep its compressed
 * forms: at quality 5 a 31 kB answer costs about 2 ms of CPU to compress, several times the rest of the request.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  // Added to each route after the plugin's own hook, so that it sees the compressed body: a Buffer when the plugin
  // compressed it at once, else (bodies over a few kB) the stream it compresses into, whose chunks are collected as
  // they pass to the client.
  const keep: onSendHookHandler = (request, reply, payload, done) => {
    const forms = keeping.get(reply);
    const header = request.headers['accept-encoding'];
    const encoding = reply.getHeader('content-encoding');
    if (forms !== undefined && header !== undefined && typeof encoding === 'string' && forms.size < FORMS_PER_BODY) {
      if (Buffer.isBuffer(payload)) forms.set(header, { encoding, body: payload });
      else if (isStream(payload)) {
        const chunks: Buffer[] = [];
        payload.on('data', (chunk: Buffer) => chunks.push(chunk));
        payload.once('end', () => forms.set(header, { encoding, body: Buffer.concat(chunks) }));
      }
    }
    done(null, payload);
  };
  app.addHook('onRoute', (route) => {
    const hooks = route.onSend;
    route.onSend = hooks === undefined ? [keep] : Array.isArray(hooks) ? [...hooks, keep] : [hooks, keep];
  });
}

/**
 * The form of a kept body compressed for this request's Accept-Encoding, when one was kept: sent as it is, with
 * the headers the plugin would set. Otherwise undefined, and the compressed body this reply gets is kept in `forms`.
 */
export function keptCompressedForm(reply: FastifyReply, forms: CompressedForms): CompressedForm | undefined {
  const header = reply.request.headers['accept-encoding'];
  const form = header === undefined ? undefined : forms.get(header);
  if (form === undefined) {
    keeping.set(reply, forms);
    return undefined;
  }
  void reply.header('content-encoding', form.encoding).header('vary', 'accept-encoding');
  return form;
}
