/**
 * The few error classes every connector maps its platform's failures into (once per platform), and
 * the HTTP layer maps to status codes (once, in bots/shared/webhook-route.ts and the API).
 */
export class InvalidInputError extends Error {
  readonly code = 'invalid_input';
}

export class AuthError extends Error {
  readonly code = 'unauthorized';
}

export class NotFoundError extends Error {
  readonly code = 'not_found';
}

/** The platform asked us to slow down; retry after `retryAfterMs`. */
export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * The platform failed. `permanent` means retrying cannot help (4xx other than 429, outside the
 * messaging window, blocked by the user); otherwise retry with backoff (5xx, network).
 */
export class UpstreamError extends Error {
  readonly code = 'upstream';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
