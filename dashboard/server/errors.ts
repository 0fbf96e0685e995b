/** The API's few error classes, mapped once to `{ "error": { "code", "message" } }`. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { DashboardLogger } from './deps.ts';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to continue.');
export const forbidden = (message = 'Your role does not allow this.') =>
  new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found.`);
export const invalid = (message: string) => new ApiError(400, 'invalid_input', message);
export const rateLimited = (message: string) => new ApiError(429, 'rate_limited', message);

function zodMessage(err: ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'Invalid input.';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** The host's Fastify may run without a logger, so unexpected errors go to the injected one. */
export const errorHandler =
  (logger: DashboardLogger) =>
  (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void => {
    if (err instanceof ApiError) {
      void reply.status(err.statusCode).send({ error: { code: err.code, message: err.message } });
      return;
    }
    if (err instanceof ZodError) {
      void reply.status(400).send({ error: { code: 'invalid_input', message: zodMessage(err) } });
      return;
    }
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? 'rate_limited' : status === 413 ? 'too_large' : 'bad_request';
      void reply.status(status).send({ error: { code, message: err.message } });
      return;
    }
    logger.error({ err, method: request.method, url: request.routeOptions.url }, 'dashboard API error');
    void reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  };
