/**
 * Every error code the API answers with, and its HTTP status: the one catalog the UI translates
 * (dashboard/web/src/messages-app.ts must name each of them; the type check enforces it). The API's
 * `message` is English for logs and scripts; people see the UI's text for the code.
 */
export const ERROR_CODES = {
  /** Not signed in, or the session has ended. */
  unauthenticated: 401,
  bad_credentials: 401,
  /** A wrong, expired or already used authenticator or recovery code. */
  bad_code: 401,
  /** The role may not do this. */
  forbidden: 403,
  /** A write without the session's CSRF token (a stale tab). */
  csrf: 403,
  not_found: 404,
  /** A field failed validation; `field` names it when known. */
  invalid_input: 400,
  range_reversed: 400,
  range_too_long: 400,
  same_labels: 400,
  own_account: 400,
  account_exists: 409,
  /** The incident was already closed and its citizens told. */
  already_approved: 409,
  /** Notices to citizens need a second admin's approval. */
  second_admin_required: 403,
  /** A channel-wide incident names no topic to tell citizens about. */
  no_topic: 400,
  bad_request: 400,
  too_large: 413,
  rate_limited: 429,
  /** The demo is still replaying its sample. */
  demo_loading: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
