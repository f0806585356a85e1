import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { packageVersion } from '../data/package-version.js';
import type { ApiArea } from './context.js';
import { DOCS_CSP } from './security-headers.js';

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';

/** The OpenAPI document, generated from the routes' zod schemas, and a Swagger UI page to read and try it. */
export async function registerOpenApi(app: FastifyInstance, areas: readonly ApiArea[]): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Caravan API',
        version: packageVersion(),
        description:
          'Freight corridors of Central Asia and Iran: the network, route planning and transit-time reliability. Errors are `application/problem+json` (RFC 9457) with the fields at fault named in `errors`.',
      },
      tags: areas.map((area) => area.tag),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PATH,
    staticCSP: DOCS_CSP,
    // No call-outs to the public validator: the page must work offline and leak nothing.
    uiConfig: { validatorUrl: null, deepLinking: true, tryItOutEnabled: true },
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}
