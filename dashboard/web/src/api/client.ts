/** fetch wrapper: JSON in and out, the CSRF token on writes, API errors as `ApiFailure`. */
import type { ApiErrorBody } from '../../../server/api-types.ts';

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** An API error (`code` from the server's catalog) or a client-side one: `network`, `http`, `unknown`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body (some errors carry more than the code, e.g. a sign-in's next step). */
    readonly body?: unknown,
    /** The input field at fault, when the API names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = value.error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Listeners told when the session is gone (401), so the app can show the sign-in page. */
const unauthorised = new Set<() => void>();
export function onUnauthorised(fn: () => void): () => void {
  unauthorised.add(fn);
  return () => unauthorised.delete(fn);
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiFailure(0, 'network', 'network');
  }
  const body: unknown = res.headers.get('content-type')?.includes('json')
    ? await res.json()
    : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/auth/login')) for (const fn of unauthorised) fn();
    if (isErrorBody(body))
      throw new ApiFailure(res.status, body.error.code, body.error.message, body, body.error.field);
    throw new ApiFailure(res.status, 'http', `HTTP ${res.status}`);
  }
  // The server's response types are the contract (api-types.ts); the body is trusted to match them.
  return body as T;
}
