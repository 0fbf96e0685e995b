/**
 * Sign-in on SQLite and PostgreSQL: failed attempts only are counted, per (account, client), with
 * growing delays; a trusted proxy hop gives the client address; failures are audited; two-factor
 * sign-in (TOTP and recovery codes) for admins and analysts when REQUIRE_2FA is on.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { trustProxyOption } from '../app/server.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { resetSecondFactor } from '../db/totp.ts';
import { createUser } from '../db/users.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const T0 = Date.UTC(2026, 10, 20, 5, 0);
const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('sign-in on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clock = T0;
  const ids: Record<string, number> = {};

  const login = (
    email: string,
    password: string,
    opts: { ip?: string; xff?: string; code?: string } = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password, ...(opts.code !== undefined ? { code: opts.code } : {}) },
      remoteAddress: opts.ip ?? '10.0.0.1',
      ...(opts.xff ? { headers: { 'x-forwarded-for': opts.xff } } : {}),
    });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const config = loadConfig({
      TRUST_PROXY: '1',
      REQUIRE_2FA: 'true',
      SESSION_SECRET: 'a-session-secret-for-tests',
    });
    app = Fastify({ trustProxy: trustProxyOption(config.TRUST_PROXY) });
    const dashboard = createDashboard({
      config,
      db: t.db,
      now: () => clock,
      logger: silentLogger,
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    await app.ready();
    for (const [email, role] of [
      ['viewer@example.vn', 'viewer'],
      ['viewer2@example.vn', 'viewer'],
      ['admin@example.vn', 'admin'],
      ['analyst@example.vn', 'analyst'],
    ] as const) {
      ids[email] = (await createUser(t.db, { email, role, password: PASSWORD }, T0)).id;
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('never counts successful sign-ins: a team behind one address signs in as often as it needs', async () => {
    for (let i = 0; i < 12; i++) {
      expect((await login('viewer@example.vn', PASSWORD, { ip: '10.1.1.1' })).statusCode).toBe(200);
    }
  });

  it('delays an (account, client) pair after failures, growing, without locking the account out elsewhere', async () => {
    clock = T0 + 60_000;
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await login('viewer2@example.vn', 'wrong one', { ip: '10.2.2.2' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await login('viewer2@example.vn', PASSWORD, { ip: '10.2.2.2' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBe(1);
    // The owner, from their own address, is not affected.
    expect((await login('viewer2@example.vn', PASSWORD, { ip: '10.3.3.3' })).statusCode).toBe(200);
    // Each further failure doubles the wait.
    clock += 1000;
    expect((await login('viewer2@example.vn', 'wrong again', { ip: '10.2.2.2' })).statusCode).toBe(401);
    expect(
      Number((await login('viewer2@example.vn', PASSWORD, { ip: '10.2.2.2' })).headers['retry-after']),
    ).toBe(2);
    clock += 2000;
    expect((await login('viewer2@example.vn', 'wrong again', { ip: '10.2.2.2' })).statusCode).toBe(401);
    expect(
      Number((await login('viewer2@example.vn', PASSWORD, { ip: '10.2.2.2' })).headers['retry-after']),
    ).toBe(4);
    clock += 4000;
    expect((await login('viewer2@example.vn', PASSWORD, { ip: '10.2.2.2' })).statusCode).toBe(200);
    // A success clears the pair.
    expect((await login('viewer2@example.vn', 'wrong', { ip: '10.2.2.2' })).statusCode).toBe(401);
  });

  it('takes the client address from the trusted proxy hop, not from a header the client writes', async () => {
    clock = T0 + 3_600_000;
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      // The client makes up a new leftmost address each time; the proxy appends the real one.
      const r = await login('viewer@example.vn', 'guess', {
        ip: '10.0.0.254',
        xff: `198.51.100.${i}, 203.0.113.7`,
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(rows.some((r) => r.ip === '203.0.113.7')).toBe(true);
    expect(rows.some((r) => r.ip?.startsWith('198.51.100.'))).toBe(false);
  });

  it('audits failed sign-ins without the password, and an unknown e-mail only as a hash', async () => {
    clock = T0 + 2 * 3_600_000;
    expect((await login('nobody.here@example.vn', 'secret-guess-123', { ip: '10.4.4.4' })).statusCode).toBe(
      401,
    );
    expect((await login('viewer@example.vn', 'another-guess-456', { ip: '10.4.4.4' })).statusCode).toBe(401);
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login_failed')
      .where('ip', '=', '10.4.4.4')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.user_email).toMatch(/^unknown:[0-9a-f]{12}$/);
    expect(rows[1]).toMatchObject({ user_email: 'viewer@example.vn', user_id: ids['viewer@example.vn'] });
    const text = JSON.stringify(rows);
    expect(text).not.toContain('secret-guess-123');
    expect(text).not.toContain('another-guess-456');
    expect(text).not.toContain('nobody.here');
  });

  it('REQUIRE_2FA: an admin enrols with a code, then signs in with a code or a recovery code, each once', async () => {
    clock = T0 + 3 * 3_600_000;
    const ip = '10.5.5.5';
    const first = await login('admin@example.vn', PASSWORD, { ip });
    expect(first.statusCode).toBe(401);
    expect(first.cookies).toHaveLength(0);
    const body = first.json();
    expect(body.error.code).toBe('enrolment_required');
    expect(body.enrolment.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const totp = new TOTP({ secret: Secret.fromBase32(body.enrolment.secret) });
    expect((await login('admin@example.vn', PASSWORD, { ip, code: '000000' })).json().error.code).toBe(
      'bad_code',
    );
    const enrolled = await login('admin@example.vn', PASSWORD, {
      ip,
      code: totp.generate({ timestamp: clock }),
    });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.cookies.find((c) => c.name === 'vneid_session')).toBeDefined();
    const recovery: string[] = enrolled.json().recoveryCodes;
    expect(recovery).toHaveLength(10);
    const stored = await t.db.kysely.selectFrom('user_recovery_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(recovery[0]?.replace('-', '') ?? 'x');
    expect(JSON.stringify(stored)).not.toContain(recovery[0] ?? 'x');

    clock += 60_000;
    const noCode = await login('admin@example.vn', PASSWORD, { ip });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toEqual({ error: { code: 'code_required', message: expect.any(String) } });
    const code = totp.generate({ timestamp: clock });
    expect((await login('admin@example.vn', PASSWORD, { ip, code })).statusCode).toBe(200);
    // The same code again (replayed within its 30 s) is refused.
    expect((await login('admin@example.vn', PASSWORD, { ip, code })).json().error.code).toBe('bad_code');
    // A wrong password with a right code is still a wrong password.
    expect((await login('admin@example.vn', 'wrong', { ip: '10.5.5.6', code })).json().error.code).toBe(
      'bad_credentials',
    );
    clock += 60_000;
    const rc = recovery[3] ?? '';
    expect(
      (await login('admin@example.vn', PASSWORD, { ip: '10.5.5.7', code: rc.toUpperCase() })).statusCode,
    ).toBe(200);
    expect((await login('admin@example.vn', PASSWORD, { ip: '10.5.5.7', code: rc })).json().error.code).toBe(
      'bad_code',
    );
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').execute()).map(
      (r) => r.action,
    );
    expect(actions).toContain('auth.2fa_enrolled');
    expect(actions).toContain('auth.recovery_code');
  });

  it('REQUIRE_2FA applies to analysts too but not to viewers; a reset sends the user through enrolment again', async () => {
    clock = T0 + 4 * 3_600_000;
    expect((await login('analyst@example.vn', PASSWORD, { ip: '10.6.6.6' })).json().error.code).toBe(
      'enrolment_required',
    );
    expect((await login('viewer@example.vn', PASSWORD, { ip: '10.6.6.6' })).statusCode).toBe(200);
    expect(await resetSecondFactor(t.db, ids['admin@example.vn'] ?? 0)).toBe(true);
    expect((await login('admin@example.vn', PASSWORD, { ip: '10.6.6.6' })).json().error.code).toBe(
      'enrolment_required',
    );
  });
});
