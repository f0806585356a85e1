import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoRouteError, RouteQueryError } from '../routing/plan-routes.js';
import { asStoreFault, StoreFaultError } from '../store/store-errors.js';

/** RFC 9457 problem details: every error the API returns has this shape and the media type below. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const problemSchema = z.object({
  type: z.string().describe('about:blank: the status code says what kind of problem it is'),
  title: z.string(),
  status: z.number(),
  detail: z.string().describe('what went wrong, in a sentence a person can act on'),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('for invalid requests: each field at fault, by name, and what was expected'),
});

export type Problem = z.output<typeof problemSchema>;
type FieldError = NonNullable<Problem['errors']>[number];

/**
 * An error that becomes a response with this status and message, naming the fields at fault; `extensions` are
 * further members of the problem document (RFC 9457 §3.2), e.g. the rejected rows of an import.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }

  static invalidField(field: string, message: string): HttpProblem {
    return new HttpProblem(400, `${field}: ${message}`, [{ field, message }]);
  }
}

function problem(status: number, detail: string, errors?: FieldError[], extensions?: Record<string, unknown>): Problem {
  const standard: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(errors === undefined ? {} : { errors }),
  };
  // Extensions follow the standard members and never replace one.
  return { ...standard, ...extensions, ...standard };
}

export function sendProblem(reply: FastifyReply, value: Problem): FastifyReply {
  return reply.code(value.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(value));
}

/** Errors from Fastify itself that are the client's doing, with a message better than Fastify's code. */
const CLIENT_ERRORS: Record<string, (error: FastifyError) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => 'the request body is larger than this server accepts',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (error) => `${error.message}; send application/json`,
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'the request body is empty; send a JSON object',
  FST_ERR_CTP_INVALID_JSON_BODY: (error) => `the request body is not valid JSON: ${error.message}`,
  FST_REQ_FILE_TOO_LARGE: () => 'the uploaded file is larger than this server accepts',
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => 'expected a multipart/form-data upload with the file in the field "file"',
  FST_FILES_LIMIT: () => 'send one file per request',
  FST_PARTS_LIMIT: () => 'send one file per request, in the field "file"',
};

function toProblem(error: FastifyError, requestId: string): Problem {
  const thrown: unknown = error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      field: issue.instancePath.slice(1).replaceAll('/', '.') || (error.validationContext ?? 'request'),
      message: issue.message ?? 'invalid value',
    }));
    return problem(400, errors.map(({ field, message }) => `${field}: ${message}`).join('; '), errors);
  }
  if (thrown instanceof HttpProblem) return problem(thrown.status, thrown.message, thrown.errors, thrown.extensions);
  if (thrown instanceof NoRouteError) return problem(404, thrown.message);
  if (thrown instanceof RouteQueryError) {
    if (thrown.field === undefined) return problem(400, thrown.message);
    return problem(400, `${thrown.field}: ${thrown.message}`, [{ field: thrown.field, message: thrown.message }]);
  }
  const fault = asStoreFault(thrown);
  if (fault instanceof StoreFaultError) return problem(503, fault.brief, undefined, { requestId });
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const describe = CLIENT_ERRORS[error.code];
    return problem(status, describe === undefined ? error.message : describe(error));
  }
  return problem(
    500,
    `the server failed to answer this request; the error is in its log under the request id ${requestId}`,
    undefined,
    { requestId },
  );
}

/** Every error and unknown path answers as application/problem+json; server faults are logged, not shown. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const value = toProblem(error, request.id);
    if (value.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, value);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, `no such resource: ${request.method} ${request.url.split('?')[0]}`)),
  );
}
