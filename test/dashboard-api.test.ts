import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import type { MetaResponse, ModelsResponse, StatusResponse } from '../dashboard/server/api-types.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { type SeedMessage, seedMessages } from '../dashboard/testing/seed.ts';
import type { InboxStatus } from '../db/schema/spine.ts';
import { createUser } from '../db/users.ts';
import type { JobMap, JobName } from '../workers/jobs.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOW = Date.UTC(2026, 10, 20, 5, 0); // 2026-11-20 12:00 in Ho Chi Minh City
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

function msg(over: Partial<SeedMessage> & { author: string }): SeedMessage {
  return {
    receivedAt: NOW - 2 * DAY,
    channel: 'telegram',
    topic: 'login',
    sentiment: 'negative',
    lang: 'vi',
    text: 'Tôi không đăng nhập được VNeID',
    ...over,
  };
}

/** 12 authors on login/telegram, 8 on otp/zalo (positive, en), 3 on face_nfc, 2 authors × 5 on app_bug. */
function fixture(): SeedMessage[] {
  const out: SeedMessage[] = [];
  for (let i = 0; i < 12; i++) out.push(msg({ author: `a${i}` }));
  for (let i = 0; i < 8; i++)
    out.push(
      msg({
        author: `b${i}`,
        channel: 'zalo',
        topic: 'otp',
        sentiment: 'positive',
        lang: 'en',
        text: 'OTP code never arrives',
      }),
    );
  for (let i = 0; i < 3; i++)
    out.push(
      msg({ author: `c${i}`, topic: 'face_nfc', channel: 'facebook', text: 'Không quét được khuôn mặt' }),
    );
  for (let i = 0; i < 10; i++)
    out.push(msg({ author: `d${i % 2}`, topic: 'app_bug', channel: 'facebook', text: 'Ứng dụng bị treo' }));
  // Previous period: fewer login messages, so login is "rising".
  for (let i = 0; i < 6; i++) out.push(msg({ author: `p${i}`, receivedAt: NOW - 40 * DAY }));
  return out;
}

describe.each(DIALECTS)('dashboard API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const queued: { name: JobName; data: unknown }[] = [];
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  let loginIds: number[] = [];

  async function login(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: `10.0.0.${email.length}`,
    });
  }
  function as(role: string) {
    const s = sessions[role];
    if (!s) throw new Error(`no session for ${role}`);
    return s;
  }
  const get = (role: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: as(role).cookie } });
  const json = (r: LightMyRequestResponse): Record<string, unknown> => r.json();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const config = loadConfig({ SUPPRESSION_K: '5' });
    app = Fastify();
    const dashboard = createDashboard({
      config,
      db: t.db,
      now: () => NOW,
      logger: silent,
      enqueue: async <N extends JobName>(name: N, data: JobMap[N]) => {
        queued.push({ name, data });
      },
      loginFreeFailures: 5,
    });
    await app.register(dashboard.api, { prefix: '/api' });
    // Seed before ready: past days are cached for minutes once read (the warm-up reads them).
    const ids = await seedMessages(t.db, fixture());
    loginIds = ids.slice(0, 12);
    await app.ready();
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      await createUser(t.db, { email: `${role}@example.vn`, role, password: PASSWORD }, NOW);
      const res = await login(`${role}@example.vn`);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'vneid_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Strict');
      sessions[role] = { cookie: `vneid_session=${cookie?.value}`, csrf: String(json(res)['csrfToken']) };
    }
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('answers 401 with the error shape to anonymous requests', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/overview' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('rejects a wrong password without saying which part was wrong', async () => {
    const res = await login('viewer@example.vn', 'nope nope nope');
    expect(res.statusCode).toBe(401);
    expect(json(res)['error']).toMatchObject({ code: 'bad_credentials' });
  });

  it('overview counts come from the roll-ups and small slices are "< k"', async () => {
    const res = await get('viewer', '/api/overview?from=2026-11-01&to=2026-11-20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.volume).toBe(33);
    const topic = (id: string) => body.topics.find((x: { topic: string }) => x.topic === id);
    expect(topic('login').count).toBe(12);
    expect(topic('otp').count).toBe(8);
    expect(topic('face_nfc').count).toBe('< 5'); // 3 messages
    expect(topic('app_bug').count).toBe('< 5'); // 10 messages but only 2 citizens
    expect(body.byChannel.find((x: { key: string }) => x.key === 'facebook').count).toBe(13);
    expect(body.rising.map((r: { topic: string }) => r.topic)).toContain('login');
  });

  it.each([
    ['channel=zalo', 8],
    ['topic=login,otp', 20],
    ['sentiment=positive', 8],
    ['lang=en', 8],
    ['channel=telegram&topic=login', 12],
  ])('filter %s narrows the overview volume to %i', async (filter, expected) => {
    const res = await get('viewer', `/api/overview?from=2026-11-01&to=2026-11-20&${filter}`);
    expect(res.json().volume).toBe(expected);
  });

  it('meta names every language the detector can report, in both UI languages', async () => {
    const res = await get('viewer', '/api/meta');
    expect(res.statusCode).toBe(200);
    const meta = res.json() as MetaResponse;
    for (const code of ['vi', 'en', 'und', 'zh', 'ja', 'ko', 'th', 'km', 'ru', 'fr']) {
      expect(meta.langNames[code]?.vi, code).toMatch(/\S/);
      expect(meta.langNames[code]?.en, code).toMatch(/\S/);
    }
    expect(meta.langNames['ko']).toEqual({ vi: 'Tiếng Hàn', en: 'Korean' });
  });

  it('topic terms are shown as citizens wrote them, only when at least k citizens used them', async () => {
    const login = (await get('viewer', '/api/topics/login/terms?from=2026-11-01&to=2026-11-20')).json();
    expect(login.terms).toContainEqual({ term: 'đăng nhập', count: 12 });
    expect(login.terms.every((x: { term: string }) => x.term !== 'dang nhap')).toBe(true);
    // Ten messages but two authors: below k = 5, so nothing about them is listed.
    const bug = (await get('viewer', '/api/topics/app_bug/terms?from=2026-11-01&to=2026-11-20')).json();
    expect(bug.terms).toEqual([]);
  });

  it('rejects unknown filter values with invalid_input', async () => {
    const res = await get('viewer', '/api/overview?channel=myspace');
    expect(res.statusCode).toBe(400);
    expect(json(res)['error']).toMatchObject({ code: 'invalid_input' });
  });

  it('time series by channel in day buckets, suppressed per cell, and the CSV shows the same "< k"', async () => {
    const res = await get('viewer', '/api/timeseries?from=2026-11-15&to=2026-11-20&by=topic&bucket=day');
    const body = res.json();
    expect(body.buckets).toHaveLength(6);
    const login = body.series.find((s: { key: string }) => s.key === 'login');
    expect(login.values.filter((v: unknown) => v !== 0)).toEqual([12]);
    const bug = body.series.find((s: { key: string }) => s.key === 'app_bug');
    expect(bug.total).toBe('< 5');
    const csv = await get(
      'viewer',
      '/api/export/timeseries.csv?from=2026-11-15&to=2026-11-20&by=topic&bucket=day',
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('< 5');
    expect(csv.body).toContain('2026-11-18 00:00+07:00');
  });

  it('viewers never get message text: 403 on messages', async () => {
    expect((await get('viewer', '/api/messages')).statusCode).toBe(403);
    expect((await get('viewer', `/api/messages/${loginIds[0]}`)).statusCode).toBe(403);
  });

  it('analysts search redacted text without diacritics and every read is audited', async () => {
    const res = await get('analyst', '/api/messages?from=2026-11-01&to=2026-11-20&q=dang%20nhap');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(12);
    const one = await get('analyst', `/api/messages/${loginIds[0]}`);
    expect(one.json().text).toContain('đăng nhập');
    const audit = await get('admin', '/api/admin/audit?pageSize=200');
    const actions = audit.json().items.map((i: { action: string }) => i.action);
    expect(actions).toContain('messages.list');
    expect(actions).toContain('message.read');
  });

  it('search results come newest first by when they were written, not by arrival', async () => {
    // The previous-period messages were seeded last (higher ids) but are 40 days older.
    const res = await get('analyst', '/api/messages?from=2026-10-01&to=2026-11-20&q=dang%20nhap&pageSize=50');
    const times = (res.json().items as { receivedAt: number }[]).map((m) => m.receivedAt);
    expect(times).toHaveLength(18);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times.at(-1)).toBe(NOW - 40 * DAY);
  });

  it('writes need the CSRF token', async () => {
    const url = `/api/messages/${loginIds[1]}/relabel`;
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: as('analyst').cookie },
      payload: { topic: 'otp' },
    });
    expect(res.statusCode).toBe(403);
    expect(json(res)['error']).toMatchObject({ code: 'csrf' });
  });

  it('relabel moves the message between roll-up buckets in one go and is audited', async () => {
    const id = loginIds[2];
    const res = await app.inject({
      method: 'POST',
      url: `/api/messages/${id}/relabel`,
      headers: { cookie: as('analyst').cookie, 'x-csrf-token': as('analyst').csrf },
      payload: { topic: 'otp', sentiment: 'neutral' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toMatchObject({
      topic: 'otp',
      sentiment: 'neutral',
      corrections: [{ oldTopic: 'login', newTopic: 'otp' }],
    });
    const overview = (await get('viewer', '/api/overview?from=2026-11-01&to=2026-11-20')).json();
    const topic = (tid: string) => overview.topics.find((x: { topic: string }) => x.topic === tid).count;
    expect(topic('login')).toBe(11);
    expect(topic('otp')).toBe(9);
    expect(overview.volume).toBe(33);
    const authors = await t.db.kysely
      .selectFrom('author_days')
      .selectAll()
      .where('author_hash', '=', 'a2')
      .execute();
    expect(authors.map((a) => a.topic)).toEqual(['otp']);
    const audit = (await get('admin', '/api/admin/audit?action=message.relabel')).json();
    expect(audit.items[0]).toMatchObject({ userEmail: 'analyst@example.vn', target: `message:${id}` });
  });

  it('only admins reach the admin endpoints', async () => {
    expect((await get('analyst', '/api/admin/users')).statusCode).toBe(403);
    const users = await get('admin', '/api/admin/users');
    expect(users.json().items).toHaveLength(3);
    const status = (await get('admin', '/api/admin/status')).json() as StatusResponse;
    expect(status.connectors).toHaveLength(3);
    expect(status.model).toBeNull(); // nothing promoted: the bundled model
    expect(status.queues).toBeNull(); // this app has no queue host to ask
  });

  it('the admin status counts the inbox and outbox backlog from the database', async () => {
    const before = ((await get('admin', '/api/admin/status')).json() as StatusResponse).backlog;
    const row = (status: InboxStatus, n: number) => ({
      channel: 'zalo',
      event_id: `backlog-${status}-${n}`,
      kind: 'message',
      author_hash: null,
      received_at: NOW,
      payload: '{}',
      status,
      attempts: 0,
      error: status === 'failed' ? 'boom' : null,
      processed_at: null,
    });
    await t.db.kysely
      .insertInto('inbox')
      .values([row('pending', 1), row('pending', 2), row('failed', 1), row('done', 1)])
      .execute();
    await t.db.kysely
      .insertInto('replies')
      .values({
        channel: 'zalo',
        in_reply_to: 'backlog-pending-1',
        purpose: 'ack',
        author_hash: null,
        target: '{}',
        text: 'x',
        status: 'failed',
        attempts: 3,
        error: 'gone',
        created_at: NOW,
        sent_at: null,
      })
      .execute();
    const after = ((await get('admin', '/api/admin/status')).json() as StatusResponse).backlog;
    expect(after).toEqual({
      inboxPending: before.inboxPending + 2,
      inboxFailed: before.inboxFailed + 1,
      repliesPending: before.repliesPending,
      repliesFailed: before.repliesFailed + 1,
    });
    // Each channel's last delivery comes from the inbox: the rows above are zalo's newest.
    const status = (await get('admin', '/api/admin/status')).json() as StatusResponse;
    expect(status.deliveries.map((d) => d.channel)).toEqual(['telegram', 'facebook', 'zalo']);
    expect(status.deliveries.find((d) => d.channel === 'zalo')?.lastDelivery).toBe(NOW);
  });

  it('admins see the trained models and can queue a retraining, which is audited', async () => {
    expect((await get('analyst', '/api/admin/models')).statusCode).toBe(403);
    await t.db.kysely
      .insertInto('models')
      .values({
        version: 'lr-test-1',
        created_at: NOW - DAY,
        file_path: '/nonexistent/model.vnm',
        metrics_json: 'null',
        macro_f1: 0.881,
        train_size: 2300,
        corrections_used: 0,
        requested_by: 'admin@example.vn',
        promoted: 1,
        promoted_at: NOW - DAY,
      })
      .execute();
    const models = (await get('admin', '/api/admin/models')).json() as ModelsResponse;
    expect(models.items).toEqual([
      {
        version: 'lr-test-1',
        createdAt: NOW - DAY,
        macroF1: 0.881,
        trainSize: 2300,
        correctionsUsed: 0,
        requestedBy: 'admin@example.vn',
        promoted: true,
        promotedAt: NOW - DAY,
      },
    ]);
    expect(models.correctedSinceInUse).toBe(models.correctedMessages);
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/retrain',
      headers: { cookie: as('admin').cookie, 'x-csrf-token': as('admin').csrf },
    });
    expect(res.statusCode).toBe(202);
    expect(queued).toContainEqual({ name: 'retrain', data: { requestedBy: 'admin@example.vn' } });
    const audit = (await get('admin', '/api/admin/audit?action=model.retrain')).json();
    expect(audit.items[0]).toMatchObject({ userEmail: 'admin@example.vn', action: 'model.retrain' });
    await t.db.kysely.deleteFrom('models').execute();
  });

  it('an admin erases a citizen found by their reference code; only counts remain and the act is audited', async () => {
    const [id] = await seedMessages(t.db, [
      msg({ author: 'erase-me', topic: 'privacy', receivedAt: NOW - 3 * DAY }),
      msg({ author: 'erase-me', topic: 'otp', receivedAt: NOW - 2 * DAY }),
      msg({ author: 'keep-me', topic: 'privacy', receivedAt: NOW - 3 * DAY }),
    ]);
    // The bot's earlier code format (still accepted); the seed writes a placeholder.
    const ref = 'GY-04XJ-DN';
    await t.db.kysely.updateTable('messages').set({ ref_code: ref }).where('id', '=', Number(id)).execute();
    const rollupsBefore = await t.db.kysely
      .selectFrom('rollups_hourly')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .executeTakeFirstOrThrow();
    const post = (role: string, refCode: string) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/erasure',
        headers: { cookie: as(role).cookie, 'x-csrf-token': as(role).csrf },
        payload: { refCode },
      });
    expect((await post('analyst', ref)).statusCode).toBe(403);
    expect((await post('admin', 'not a code')).statusCode).toBe(400);
    // Typed as a citizen might read it out: lower case, no dashes.
    const res = await post('admin', ref.toLowerCase().replaceAll('-', ''));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ refCode: ref, messages: 2, authorDays: 2 });
    const left = await t.db.kysely
      .selectFrom('messages')
      .select('author_hash')
      .where('author_hash', 'in', ['erase-me', 'keep-me'])
      .execute();
    expect(left.map((r) => r.author_hash)).toEqual(['keep-me']);
    const days = await t.db.kysely
      .selectFrom('author_days')
      .selectAll()
      .where('author_hash', '=', 'erase-me')
      .execute();
    expect(days).toEqual([]);
    const rollupsAfter = await t.db.kysely
      .selectFrom('rollups_hourly')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rollupsAfter.n)).toBe(Number(rollupsBefore.n)); // anonymous counts stay
    expect((await post('admin', ref)).statusCode).toBe(404); // nothing left to find
    const audit = (await get('admin', '/api/admin/audit?action=citizen.erase')).json();
    expect(audit.items[0]).toMatchObject({ userEmail: 'admin@example.vn', target: `ref:${ref}` });
    expect(JSON.stringify(audit.items[0])).not.toContain('erase-me');
  });

  it('generate-now enqueues the weekly-report job', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports/generate',
      headers: { cookie: as('analyst').cookie, 'x-csrf-token': as('analyst').csrf },
      payload: { week: '2026-W46', lang: 'en' },
    });
    expect(res.statusCode).toBe(202);
    expect(queued).toContainEqual({
      name: 'weekly-report',
      data: { week: '2026-W46', lang: 'en', requestedBy: 'analyst@example.vn' },
    });
    expect((await get('viewer', '/api/alerts')).json()).toEqual({ items: [], total: 0 });
  });

  it('rate-limits repeated sign-in attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@y.vn', password: 'p' },
        remoteAddress: '10.9.9.9',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[6]).toBe(429);
  });

  it('answers unknown endpoints and role-limited writes with the error shape', async () => {
    const missing = await get('viewer', '/api/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const ack = await app.inject({
      method: 'POST',
      url: '/api/alerts/1/ack',
      headers: { cookie: as('viewer').cookie, 'x-csrf-token': as('viewer').csrf },
    });
    expect(ack.statusCode).toBe(403);
    expect(json(ack)['error']).toMatchObject({ code: 'forbidden' });
  });

  it('describes itself as OpenAPI under /api/docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/overview');
  });
});
