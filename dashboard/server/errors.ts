/** The API's few error classes, mapped once to `{ "error": { "code", "message" } }`. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { DashboardLogger } from './deps.ts';
import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, for `invalid_input`. */
    readonly field?: string,
  ) {
    super(message);
    this.statusCode = ERROR_CODES[code];
  }
}

/** The body of every API error; `field` only for input errors that name one. */
export function errorBody(code: ErrorCode, message: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

export const unauthenticated = () => new ApiError('unauthenticated', 'Sign in to continue.');
export const forbidden = (message = 'Your role does not allow this.') => new ApiError('forbidden', message);
export const notFound = (what: string) => new ApiError('not_found', `${what} not found.`);
export const invalid = (code: ErrorCode, message: string) => new ApiError(code, message);
export const rateLimited = (message: string) => new ApiError('rate_limited', message);

function zodError(err: ZodError): { message: string; field?: string } {
  const issue = err.issues[0];
  if (!issue) return { message: 'Invalid input.' };
  const field = issue.path.map(String).join('.');
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}

/** The host's Fastify may run without a logger, so unexpected errors go to the injected one. */
export const errorHandler =
  (logger: DashboardLogger) =>
  (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void => {
    if (err instanceof ApiError) {
      void reply.status(err.statusCode).send(errorBody(err.code, err.message, err.field));
      return;
    }
    if (err instanceof ZodError) {
      const { message, field } = zodError(err);
      void reply.status(400).send(errorBody('invalid_input', message, field));
      return;
    }
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? 'rate_limited' : status === 413 ? 'too_large' : 'bad_request';
      void reply.status(status).send(errorBody(code, err.message));
      return;
    }
    logger.error({ err, method: request.method, url: request.routeOptions.url }, 'dashboard API error');
    void reply.status(500).send(errorBody('internal', 'Something went wrong on our side.'));
  };
