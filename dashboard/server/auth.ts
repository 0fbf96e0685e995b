/**
 * Sessions, roles and CSRF for the API context. A session is an httpOnly SameSite=Strict cookie; every
 * write must carry the session's synchronizer token in `x-csrf-token`. Routes declare the least role
 * they need in `config.role`; `public` routes skip both checks.
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DashboardRole } from '../../db/schema/dashboard.ts';
import { type DashboardUser, deleteSession, findSession } from '../../db/users.ts';
import type { SessionResponse } from './api-types.ts';
import type { DashboardDeps } from './deps.ts';
import { ApiError, forbidden, unauthenticated } from './errors.ts';
import { registerLogin, SESSION_COOKIE } from './login.ts';

export { SESSION_COOKIE } from './login.ts';

const RANK: Record<DashboardRole, number> = { viewer: 1, analyst: 2, admin: 3 };

export type RouteRole = DashboardRole | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    dashUser: DashboardUser | null;
    dashCsrf: string | null;
    dashSessionId: string | null;
  }
  interface FastifyContextConfig {
    role?: RouteRole;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether an `Authorization` header carries `Bearer <token>` (constant-time). No token configured:
 * everything passes (the endpoint is open, as documented).
 */
export function bearerAllows(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] !== undefined && sameToken(m[1], token);
}

/** The signed-in user, for handlers behind a role (the preHandler guarantees it). */
export function userOf(request: FastifyRequest): DashboardUser {
  if (!request.dashUser) throw unauthenticated();
  return request.dashUser;
}

export function hasRole(user: DashboardUser, role: DashboardRole): boolean {
  return RANK[user.role] >= RANK[role];
}

export async function registerAuth(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const secure = deps.secureCookies ?? (deps.config.PUBLIC_URL ?? '').startsWith('https://');
  app.decorateRequest('dashUser', null);
  app.decorateRequest('dashCsrf', null);
  app.decorateRequest('dashSessionId', null);

  app.addHook('onRequest', async (request) => {
    const id = request.cookies[SESSION_COOKIE];
    if (!id) return;
    const session = await findSession(deps.db, id, deps.now());
    if (!session) return;
    request.dashUser = session.user;
    request.dashCsrf = session.csrfToken;
    request.dashSessionId = id;
  });

  app.addHook('preHandler', async (request) => {
    const role = request.routeOptions.config.role;
    if (role === undefined || role === 'public') return;
    const user = request.dashUser;
    if (!user) throw unauthenticated();
    if (!hasRole(user, role)) throw forbidden();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.dashCsrf || !sameToken(sent, request.dashCsrf)) {
        throw new ApiError('csrf', 'Missing or wrong CSRF token; reload the page.');
      }
    }
  });

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure } as const;

  await registerLogin(app, deps, cookieOptions);

  app.post(
    '/auth/logout',
    { config: { role: 'viewer' }, schema: { tags: ['auth'], summary: 'Sign out' } },
    async (request, reply) => {
      if (request.dashSessionId) await deleteSession(deps.db, request.dashSessionId);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { config: { role: 'viewer' }, schema: { tags: ['auth'], summary: 'The signed-in user and CSRF token' } },
    async (request): Promise<SessionResponse> => ({
      user: userOf(request),
      csrfToken: request.dashCsrf ?? '',
    }),
  );
}
