/**
 * The review queue API on SQLite and PostgreSQL: who may use it, the order (uncertainty × near-
 * duplicates), labels stored as the team's (confirmation or correction), skips, audit, CSRF.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import type { ReviewQueueResponse, TeamLabelsResponse } from '../dashboard/server/review-types.ts';
import { type SeedMessage, seedMessages } from '../dashboard/testing/seed.ts';
import { createModelRegistry } from '../db/models.ts';
import { listTeamLabels } from '../db/team-labels.ts';
import { createUser } from '../db/users.ts';
import { createDefaultAnalyzer } from '../workers/analysis/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOW = Date.UTC(2026, 10, 20, 5, 0);
const PASSWORD = 'correct horse battery';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

const base = (text: string, author: string, topic = 'login'): SeedMessage => ({
  receivedAt: NOW - 3_600_000,
  channel: 'telegram',
  topic,
  sentiment: 'negative',
  lang: 'vi',
  author,
  text,
});

describe.each(DIALECTS)('review queue API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  let unsure = 0;
  let copies: number[] = [];
  let sure = 0;

  const as = (role: string) => {
    const s = sessions[role];
    if (!s) throw new Error(`no session for ${role}`);
    return s;
  };
  const queue = async (role = 'analyst'): Promise<ReviewQueueResponse> => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/review/queue?limit=50',
      headers: { cookie: as(role).cookie },
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const post = (
    url: string,
    payload?: object,
    role = 'analyst',
    csrf = true,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: as(role).cookie, ...(csrf ? { 'x-csrf-token': as(role).csrf } : {}) },
      ...(payload ? { payload } : {}),
    });
  const setScores = (ids: number[], score: number, topics: { id: string; score: number }[]) =>
    t.db.kysely
      .updateTable('messages')
      .set({ topic_score: score, topics_json: JSON.stringify(topics) })
      .where('id', 'in', ids)
      .execute();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({}),
      db: t.db,
      now: () => NOW,
      logger: silent,
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    // One very unsure message; four copies of a fairly unsure one; one the model is sure of.
    [unsure = 0] = await seedMessages(t.db, [
      base('app báo lỗi gì đó mà tôi không hiểu nổi luôn á', 'u1', 'app_bug'),
    ]);
    copies = await seedMessages(
      t.db,
      [1, 2, 3, 4].map((i) =>
        base('Không nhận được mã OTP khi đăng nhập VNeID từ sáng đến giờ', `c${i}`, 'otp'),
      ),
    );
    [sure = 0] = await seedMessages(t.db, [
      base('Cảm ơn đội ngũ VNeID, ứng dụng rất tiện lợi', 's1', 'praise'),
    ]);
    await setScores([unsure], 0.3, [
      { id: 'app_bug', score: 0.3 },
      { id: 'login', score: 0.28 },
    ]);
    await setScores(copies, 0.6, [
      { id: 'otp', score: 0.6 },
      { id: 'login', score: 0.2 },
    ]);
    await setScores([sure], 0.95, [{ id: 'praise', score: 0.95 }]);
    // Old and non-text messages are never offered.
    const [old = 0] = await seedMessages(t.db, [
      { ...base('tin nhắn cũ lắm rồi', 'o1'), receivedAt: NOW - 60 * 86_400_000 },
    ]);
    await setScores([old], 0.1, [{ id: 'login', score: 0.1 }]);
    await app.ready();
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      await createUser(t.db, { email: `${role}@example.vn`, role, password: PASSWORD }, NOW);
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `${role}@example.vn`, password: PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'vneid_session');
      sessions[role] = { cookie: `vneid_session=${cookie?.value}`, csrf: String(res.json().csrfToken) };
    }
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('is for analysts and admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/review/queue' })).statusCode).toBe(401);
    const viewer = await app.inject({
      method: 'GET',
      url: '/api/review/queue',
      headers: { cookie: as('viewer').cookie },
    });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect((await post(`/api/review/${sure}/skip`, undefined, 'viewer')).statusCode).toBe(403);
  });

  it('orders by uncertainty × near-duplicates, one message per group, and audits what it showed', async () => {
    const q = await queue();
    expect(q.items.map((i) => i.id)).toEqual([copies[0], unsure, sure]);
    expect(q.items[0]).toMatchObject({ duplicates: 4, topic: 'otp', confidence: 0.6 });
    expect(q.items[0]?.margin).toBeCloseTo(0.4);
    expect(q.items[1]?.uncertainty).toBeGreaterThan(q.items[0]?.uncertainty ?? 1);
    expect(q.progress).toEqual({ labelledToday: 0, inQueue: 3, totalTeamLabels: 0 });
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'review.queue')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ shown: [copies[0], unsure, sure] });
  });

  it('validates labels and needs the CSRF token', async () => {
    const target = `/api/review/${unsure}/label`;
    const noCsrf = await post(target, { topic: 'login', sentiment: 'negative' }, 'analyst', false);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const bad = await post(target, { topic: 'nonsense', sentiment: 'negative' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_input');
    expect((await post(target, { topic: 'login' })).statusCode).toBe(400);
    expect(
      (await post('/api/review/999999/label', { topic: 'login', sentiment: 'neutral' })).statusCode,
    ).toBe(404);
    expect(await listTeamLabels(t.db)).toHaveLength(0);
  });

  it('an accepted label is a confirmation, a changed one a correction; both leave the queue', async () => {
    const accepted = await post(`/api/review/${copies[0]}/label`, { topic: 'otp', sentiment: 'negative' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({
      kind: 'confirmation',
      progress: { labelledToday: 1, inQueue: 2, totalTeamLabels: 1 },
    });
    const changed = await post(`/api/review/${unsure}/label`, { topic: 'login', sentiment: 'neutral' });
    expect(changed.json()).toMatchObject({ kind: 'correction', progress: { labelledToday: 2, inQueue: 1 } });
    // A correction relabels the message like the message page does.
    const m = await t.db.kysely
      .selectFrom('messages')
      .select(['topic', 'sentiment'])
      .where('id', '=', unsure)
      .executeTakeFirstOrThrow();
    expect(m).toEqual({ topic: 'login', sentiment: 'neutral' });
    expect(await t.db.kysely.selectFrom('corrections').select('message_id').execute()).toHaveLength(1);
    const labels = await listTeamLabels(t.db);
    expect(labels.map((l) => [l.messageId, l.kind, l.predictedTopic, l.labelledBy])).toEqual([
      [copies[0], 'confirmation', 'otp', 'analyst@example.vn'],
      [unsure, 'correction', 'app_bug', 'analyst@example.vn'],
    ]);
    expect((await queue()).items.map((i) => i.id)).toEqual([sure]);
    // Another analyst's count of today is their own; the team total is shared.
    expect((await queue('admin')).progress).toEqual({ labelledToday: 0, inQueue: 1, totalTeamLabels: 2 });
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'review.label')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.details).join(' ')).not.toContain('OTP khi');
  });

  it('a skip hides the message from that analyst only', async () => {
    const res = await post(`/api/review/${sure}/skip`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ skipped: true, progress: { inQueue: 0 } });
    expect((await queue()).items).toEqual([]);
    expect((await queue('admin')).items.map((i) => i.id)).toEqual([sure]);
    expect((await post('/api/review/999999/skip')).statusCode).toBe(404);
  });

  it("admins see how right the model in use is on the team's labels, beside the newest candidate", async () => {
    const url = '/api/admin/team-labels';
    const analyst = await app.inject({ method: 'GET', url, headers: { cookie: as('analyst').cookie } });
    expect(analyst.statusCode).toBe(403);
    const res = await app.inject({ method: 'GET', url, headers: { cookie: as('admin').cookie } });
    expect(res.statusCode).toBe(200);
    const body: TeamLabelsResponse = res.json();
    // The shipped model learned no team label: every label measures it.
    const analyzer = createDefaultAnalyzer();
    const labels = await listTeamLabels(t.db);
    const right = labels.filter((l) => analyzer.analyse(l.text).topic === l.topic).length;
    expect(body.current).toMatchObject({ version: analyzer.modelVersion, cutoffAt: null });
    expect(body.current.scores).toMatchObject({ n: 2, topicCorrect: right, topicAccuracy: right / 2 });
    expect(body.current.scores.perTopic.map((x) => x.topic).sort()).toEqual(['login', 'otp']);
    expect(body.current.scores.perWeek).toHaveLength(1);
    expect(body.candidate).toBeNull();

    const score = { n: 1, topicCorrect: 1, sentimentCorrect: 0, topicAccuracy: 1, sentimentAccuracy: 0 };
    const scores = {
      ...score,
      perTopic: [{ topic: 'otp', ...score }],
      perWeek: [{ weekStart: NOW, ...score }],
    };
    await createModelRegistry(t.db).add({
      version: 'candidate-1',
      createdAt: NOW,
      filePath: '/nonexistent',
      metrics: { teamLabels: { after: NOW - 1, candidate: scores, current: { ...scores, version: 'v0' } } },
      macroF1: 0.9,
      trainSize: 10,
      correctionsUsed: 1,
    });
    const again: TeamLabelsResponse = (
      await app.inject({ method: 'GET', url, headers: { cookie: as('admin').cookie } })
    ).json();
    expect(again.candidate).toMatchObject({
      version: 'candidate-1',
      promoted: false,
      rebuild: false,
      after: NOW - 1,
    });
    expect(again.candidate?.current.version).toBe('v0');
  });

  it('is in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/review/queue',
        '/api/review/{id}/label',
        '/api/review/{id}/skip',
        '/api/admin/team-labels',
      ]),
    );
  });
});
