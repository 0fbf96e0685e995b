/**
 * Every API error carries a code from the one catalog (server/error-codes.ts) with its status, and the
 * UI has a Vietnamese and an English text for each; a deployment without accounts says how to create
 * the first one (start-up log and GET /api/setup). Both dialects.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import type { ReplyFailuresResponse } from '../dashboard/server/api-types.ts';
import { ERROR_CODES, type ErrorCode } from '../dashboard/server/error-codes.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { ERROR_TEXT } from '../dashboard/web/src/messages-app.ts';
import { createUser } from '../db/users.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { failedRepliesOfEachKind } from './helpers/replies.ts';

const NOW = Date.UTC(2026, 10, 20, 5, 0);
const PASSWORD = 'correct horse battery';

describe('the error catalog', () => {
  it('has a Vietnamese and an English text for every code, and they differ', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      expect(ERROR_TEXT.vi[code], code).toMatch(/\S/);
      expect(ERROR_TEXT.en[code], code).toMatch(/\S/);
      expect(ERROR_TEXT.vi[code], code).not.toBe(ERROR_TEXT.en[code]);
    }
    expect(Object.keys(ERROR_TEXT.vi).sort()).toEqual(Object.keys(ERROR_TEXT.en).sort());
  });
});

describe.each(DIALECTS)('API errors and first-run hints on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const warnings: string[] = [];
  let cookie = '';
  let csrf = '';
  let messageId = 0;
  let adminId = 0;

  /** The answer is `{ error: { code, message } }` with the catalog's status for the code. */
  function expectError(res: LightMyRequestResponse, code: ErrorCode, field?: string) {
    const body: { error: { code: string; message: string; field?: string } } = res.json();
    expect(body.error).toEqual({ code, message: expect.any(String), ...(field ? { field } : {}) });
    expect(res.statusCode).toBe(ERROR_CODES[code]);
  }
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const write = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    app.inject({ method, url, payload, headers: { cookie, 'x-csrf-token': csrf } });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({}),
      db: t.db,
      now: () => NOW,
      logger: { info: () => {}, warn: (_o, msg) => warnings.push(msg ?? ''), error: () => {} },
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('with no account: the start-up log and GET /api/setup give the command for the first admin', async () => {
    const hint = warnings.find((w) => w.includes('No dashboard account'));
    expect(hint).toContain('npm run --silent cli -- user add --email you@example.org --role admin');
    const res = await app.inject({ url: '/api/setup' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      hasAccounts: false,
      firstAdminCommand: expect.stringContaining('user add'),
    });
  });

  it('after the first account: setup says so; a new deployment has no messages until one is stored', async () => {
    adminId = (await createUser(t.db, { email: 'admin@example.vn', role: 'admin', password: PASSWORD }, NOW))
      .id;
    expect((await app.inject({ url: '/api/setup' })).json()).toMatchObject({ hasAccounts: true });
    expectError(await app.inject({ url: '/api/setup/data' }), 'unauthenticated');
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'admin@example.vn', password: 'wrong password!' },
      }),
      'bad_credentials',
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@example.vn', password: PASSWORD },
    });
    cookie = `vneid_session=${login.cookies.find((c) => c.name === 'vneid_session')?.value}`;
    csrf = login.json<{ csrfToken: string }>().csrfToken;
    expect((await get('/api/setup/data')).json()).toEqual({ hasMessages: false });
    const ids = await seedMessages(t.db, [
      {
        receivedAt: NOW - 3_600_000,
        channel: 'zalo',
        topic: 'otp',
        sentiment: 'negative',
        lang: 'vi',
        author: 'a1',
        text: 'Không nhận được mã OTP',
      },
    ]);
    messageId = ids[0] ?? 0;
    expect((await get('/api/setup/data')).json()).toEqual({ hasMessages: true });
  });

  it('answers each kind of mistake with its own code', async () => {
    expectError(await get('/api/overview?from=2026-11-10&to=2026-11-01'), 'range_reversed');
    expectError(await get('/api/overview?from=2020-01-01&to=2026-11-01'), 'range_too_long');
    expectError(await get('/api/overview?channel=myspace'), 'invalid_input', 'channel');
    expectError(await get('/api/messages/987654'), 'not_found');
    expectError(await get('/api/no-such-endpoint'), 'not_found');
    expectError(
      await app.inject({
        method: 'POST',
        url: `/api/messages/${messageId}/relabel`,
        headers: { cookie },
        payload: { topic: 'login' },
      }),
      'csrf',
    );
    expectError(
      await write('POST', `/api/messages/${messageId}/relabel`, { topic: 'otp', sentiment: 'negative' }),
      'same_labels',
    );
    expectError(await write('PATCH', `/api/admin/users/${adminId}`, { disabled: true }), 'own_account');
    expectError(
      await write('POST', '/api/admin/users', {
        email: 'admin@example.vn',
        role: 'viewer',
        password: PASSWORD,
      }),
      'account_exists',
    );
    expectError(
      await write('POST', '/api/admin/users', { email: 'not an email', role: 'viewer', password: PASSWORD }),
      'invalid_input',
      'email',
    );
  });

  it('names why replies failed, marking those outside the reply window (or blocked) as expected', async () => {
    await failedRepliesOfEachKind(t.db);
    const res = await get('/api/admin/reply-failures');
    expect(res.statusCode).toBe(200);
    const { items } = res.json<ReplyFailuresResponse>();
    expect(items).toEqual([
      { channel: 'telegram', reason: 'platform_down', expected: false, count: 1 },
      { channel: 'zalo', reason: 'token', expected: false, count: 1 },
      { channel: 'facebook', reason: 'outside_window', expected: true, count: 3 },
      { channel: 'telegram', reason: 'user_unavailable', expected: true, count: 1 },
      { channel: 'zalo', reason: 'outside_window', expected: true, count: 1 },
    ]);
  });
});
