/**
 * `POST /api/auth/login`: password, then (for admins and analysts when REQUIRE_2FA is on, or anyone
 * who enrolled) a TOTP code or a one-time recovery code. Failed attempts are counted per (account,
 * client) and per client, with growing delays (db/login-throttle.ts); every failure is audited
 * without the password, and an unknown e-mail only as a keyed hash.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../../db/audit.ts';
import {
  ANY_ACCOUNT,
  accountKey,
  clearLoginFailures,
  loginWait,
  recordLoginFailure,
  type ThrottleKey,
} from '../../db/login-throttle.ts';
import { confirmEnrolment, startEnrolment, totpState, verifySecondFactor } from '../../db/totp.ts';
import {
  checkPassword,
  createSession,
  type DashboardUser,
  markSignedIn,
  normaliseEmail,
} from '../../db/users.ts';
import type { LoginChallenge, SessionResponse } from './api-types.ts';
import type { DashboardDeps } from './deps.ts';
import { ApiError } from './errors.ts';
import { doc } from './query.ts';

export const SESSION_COOKIE = 'vneid_session';
export const SESSION_TTL_MS = 12 * 3_600_000;
/** Failures from one client over all accounts before delays start (password spraying). */
const CLIENT_FREE_FAILURES = 50;

const LoginBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
  /** The 6-digit code from the authenticator app, or a recovery code. */
  code: z.string().trim().min(1).max(64).optional(),
});

/** Whether this account must give a second factor. */
async function needsSecondFactor(deps: DashboardDeps, user: DashboardUser) {
  const state = await totpState(deps.db, user.id);
  if (state?.confirmed) return { required: true, enrolled: true } as const;
  const required = deps.config.REQUIRE_2FA && user.role !== 'viewer';
  return { required, enrolled: false } as const;
}

export async function registerLogin(
  app: FastifyInstance,
  deps: DashboardDeps,
  cookieOptions: { path: string; httpOnly: boolean; sameSite: 'strict'; secure: boolean },
): Promise<void> {
  const free = deps.loginFreeFailures ?? 5;
  const unknownLabel = (email: string) =>
    `unknown:${createHmac('sha256', deps.config.SESSION_SECRET).update(email).digest('hex').slice(0, 12)}`;

  async function fail(
    request: FastifyRequest,
    keys: ThrottleKey[],
    audit: { user?: DashboardUser; email: string; reason: string },
    error: ApiError,
  ): Promise<never> {
    const now = deps.now();
    await recordLoginFailure(deps.db, keys, now);
    await writeAudit(
      deps.db,
      {
        userId: audit.user?.id ?? null,
        userEmail: audit.user?.email ?? unknownLabel(audit.email),
        action: 'auth.login_failed',
        details: { reason: audit.reason },
        ip: request.ip,
      },
      now,
    );
    throw error;
  }

  async function signIn(request: FastifyRequest, reply: FastifyReply, user: DashboardUser, key: ThrottleKey) {
    const now = deps.now();
    await clearLoginFailures(deps.db, key);
    const signedIn = await markSignedIn(deps.db, user, now);
    const session = await createSession(deps.db, user.id, now, SESSION_TTL_MS);
    await writeAudit(
      deps.db,
      { userId: user.id, userEmail: user.email, action: 'auth.login', ip: request.ip },
      now,
    );
    void reply.setCookie(SESSION_COOKIE, session.id, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
    return { user: signedIn, csrfToken: session.csrfToken };
  }

  app.post(
    '/auth/login',
    {
      config: { role: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in (password, then a code when two-factor sign-in applies); sets the session cookie',
        body: doc(LoginBody),
      },
    },
    async (request, reply): Promise<SessionResponse | LoginChallenge> => {
      const body = LoginBody.parse(request.body);
      const email = normaliseEmail(body.email);
      const client = request.ip;
      const accountPair: ThrottleKey = { account: accountKey(email), client, free };
      const keys = [accountPair, { account: ANY_ACCOUNT, client, free: CLIENT_FREE_FAILURES }];
      const wait = await loginWait(deps.db, keys, deps.now());
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        void reply.header('retry-after', String(seconds));
        throw new ApiError('rate_limited', `Too many failed sign-ins; try again in ${seconds} s.`);
      }
      const check = await checkPassword(deps.db, email, body.password);
      if (!check.ok) {
        const bad = new ApiError('bad_credentials', 'Wrong email or password.');
        return fail(
          request,
          keys,
          { ...(check.reason === 'unknown' ? {} : { user: check.user }), email, reason: check.reason },
          bad,
        );
      }
      const user = check.user;
      const second = await needsSecondFactor(deps, user);
      if (!second.required) return signIn(request, reply, user, accountPair);
      const now = deps.now();
      if (!second.enrolled) {
        if (body.code === undefined) {
          // A new secret each time the password is right and no code is given: shown once, here.
          const enrolment = await startEnrolment(deps.db, user, now);
          void reply.status(401);
          return {
            error: { code: 'enrolment_required', message: 'Set up two-factor sign-in, then enter a code.' },
            enrolment,
          };
        }
        const recoveryCodes = await confirmEnrolment(deps.db, user, body.code, now);
        if (!recoveryCodes) {
          const bad = new ApiError('bad_code', 'That code is not valid; check the time on your phone.');
          return fail(request, keys, { user, email, reason: 'enrolment_code' }, bad);
        }
        await writeAudit(
          deps.db,
          { userId: user.id, userEmail: user.email, action: 'auth.2fa_enrolled' },
          now,
        );
        return { ...(await signIn(request, reply, user, accountPair)), recoveryCodes };
      }
      if (body.code === undefined) {
        void reply.status(401);
        return { error: { code: 'code_required', message: 'Enter the code from your authenticator app.' } };
      }
      const factor = await verifySecondFactor(deps.db, user, body.code, now);
      if (!factor) {
        const bad = new ApiError('bad_code', 'That code is not valid or was already used.');
        return fail(request, keys, { user, email, reason: 'code' }, bad);
      }
      if (factor === 'recovery') {
        await writeAudit(
          deps.db,
          { userId: user.id, userEmail: user.email, action: 'auth.recovery_code' },
          now,
        );
      }
      return signIn(request, reply, user, accountPair);
    },
  );
}
