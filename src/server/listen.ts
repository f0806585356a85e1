import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from './build-server.js';

export interface RunningServer {
  app: FastifyInstance;
  /** Where the app is, e.g. http://127.0.0.1:8080/ (with the real port when 0 asked for any free one). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions & { host: string; port: number }): Promise<RunningServer> {
  const app = await buildServer(options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { app, url: `http://${host}:${port}/`, close: () => app.close() };
}
