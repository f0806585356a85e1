import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SentAnswer } from '../answer-cache.js';
import { keptCompressedForm } from '../compression.js';
import type { ApiArea, ServerContext } from '../context.js';
import { problemSchema } from '../problem.js';
import { routeAnswer, routeInputSchema, type RouteAnswer, type RouteInput } from '../route-answer.js';
import { sendRaw } from '../send-raw.js';
import { routeResponseSchema } from '../schemas/route-response.js';

const DESCRIPTION =
  'Finds the best routes and reports each leg, border crossing, gauge change and transshipment with its km, hours, USD and kg CO2e, the totals and the running totals. Takes every option of `caravan route`, named in camelCase (`avoidCountry`, `valueOfTime`, …); lists may be arrays or comma-separated text. Places are node ids or names in any case.';

/**
 * From the answers already sent; else on the server's own thread (synchronously: no promise per request), or on a
 * route worker thread when the server has them (`caravan serve --workers`).
 */
function answer(context: ServerContext, input: RouteInput, reply: FastifyReply): Promise<void> | undefined {
  const { network, routeAnswers } = context;
  const known = routeAnswers.find(network, input);
  if (known !== undefined) {
    const form = keptCompressedForm(reply, known.compressed);
    sendRaw(reply, known.contentType, form?.body ?? known.body);
    return undefined;
  }
  const send = ({ contentType, body }: RouteAnswer) => {
    const sent: SentAnswer = { contentType, body: Buffer.from(body), compressed: new Map() };
    routeAnswers.keep(network, input, sent);
    keptCompressedForm(reply, sent.compressed);
    sendRaw(reply, sent.contentType, sent.body);
  };
  if (context.routeWorkers === undefined) {
    send(routeAnswer(context, input));
    return undefined;
  }
  return context.routeWorkers.answer(input).then(send);
}

export const routeArea: ApiArea = {
  tag: { name: 'routes', description: 'Best routes between two places, costed step by step' },
  register(app: FastifyInstance, context: ServerContext) {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const response = { 200: routeResponseSchema, 400: problemSchema, 404: problemSchema };
    api.get(
      '/api/route',
      {
        schema: {
          tags: ['routes'],
          summary: 'Plan routes (options in the query string)',
          description: DESCRIPTION,
          querystring: routeInputSchema,
          response,
        },
      },
      (request, reply) => answer(context, request.query, reply),
    );
    api.post(
      '/api/route',
      {
        schema: {
          tags: ['routes'],
          summary: 'Plan routes (options in a JSON body)',
          description: DESCRIPTION,
          body: routeInputSchema,
          response,
        },
      },
      (request, reply) => answer(context, request.body, reply),
    );
  },
};
