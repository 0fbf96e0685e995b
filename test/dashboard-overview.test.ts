/**
 * The morning check on SQLite and PostgreSQL: a live face/NFC incident on Telegram after hotfix 2.1.6
 * is raised by the real spike detector over four weeks of ordinary history; the Overview's `rising`
 * leads with it (praise, though busier than usual, never appears; a topic whose previous count is
 * "< k" is kept), `since` is the incident's first hour, `previousComplete` says whether the previous
 * period lies after the first stored message, and `/incidents?open=true` describes the incident.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import type {
  IncidentsResponse,
  OverviewResponse,
  TimeseriesResponse,
} from '../dashboard/server/api-types.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { type SeedMessage, seedMessages } from '../dashboard/testing/seed.ts';
import type { Db } from '../db/database.ts';
import { addRelease } from '../db/trends.ts';
import { createUser } from '../db/users.ts';
import { createDetectSpikesProcessor } from '../workers/alerts.worker.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const H = 3_600_000;
const DAY = 24 * H;
const NOW = Date.UTC(2026, 10, 20, 5, 30); // 2026-11-20 12:30 in Ho Chi Minh City
const TODAY_START = Date.UTC(2026, 10, 19, 17); // local midnight
const SPIKE_START = Date.UTC(2026, 10, 20, 2); // 09:00 local
const HISTORY_START = TODAY_START - 28 * DAY;
const PASSWORD = 'correct horse battery';
const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
/** Ordinary messages per hour and topic, on every channel. */
const USUAL: Record<string, number> = { login: 2, otp: 1, face_nfc: 1, praise: 1 };
const CHANNELS = ['telegram', 'facebook', 'zalo'];

/** History as roll-ups plus enough distinct authors per day for every slice to be shown. */
async function seedHistory(db: Db) {
  const rollups = [];
  const authors = [];
  for (let h = HISTORY_START; h < TODAY_START; h += H) {
    for (const [topic, n] of Object.entries(USUAL)) {
      const channel = CHANNELS[(h / H) % 3] ?? 'telegram';
      const sentiment = topic === 'praise' ? 'positive' : 'negative';
      rollups.push({ hour_ts: h, channel, topic, sentiment, lang: 'vi', count: n });
    }
  }
  for (let d = HISTORY_START; d < TODAY_START; d += DAY)
    for (const topic of Object.keys(USUAL))
      for (const channel of CHANNELS)
        for (let a = 0; a < 6; a++)
          authors.push({
            day_ts: d,
            channel,
            topic,
            sentiment: topic === 'praise' ? 'positive' : 'negative',
            lang: 'vi',
            author_hash: `h-${topic}-${a}`,
          });
  for (let i = 0; i < rollups.length; i += 500)
    await db.kysely
      .insertInto('rollups_hourly')
      .values(rollups.slice(i, i + 500))
      .execute();
  for (let i = 0; i < authors.length; i += 500)
    await db.kysely
      .insertInto('author_days')
      .values(authors.slice(i, i + 500))
      .execute();
}

const FACE_TEXTS = [
  'Xác thực khuôn mặt thất bại liên tục sau khi cập nhật bản 2.1.6',
  'Không đọc được chip NFC trên căn cước gắn chip, đã thử nhiều lần',
  'Camera tối đen khi quét khuôn mặt trên điện thoại của tôi',
];

/** Today: ordinary traffic, praise three times busier, privacy new, and the face/NFC surge on Telegram. */
function today(): SeedMessage[] {
  const out: SeedMessage[] = [];
  let n = 0;
  const add = (m: Omit<SeedMessage, 'lang' | 'sentiment'> & { sentiment?: string }) => {
    n += 1;
    out.push({ lang: 'vi', sentiment: 'negative', ...m });
  };
  for (let h = TODAY_START; h < NOW; h += H) {
    for (const [topic, usual] of Object.entries(USUAL)) {
      const count = topic === 'praise' ? 3 * usual : usual;
      for (let i = 0; i < count; i++)
        add({
          receivedAt: h + 60_000 * (i + 1),
          channel: CHANNELS[n % 3] ?? 'telegram',
          topic,
          sentiment: topic === 'praise' ? 'positive' : 'negative',
          author: `t-${topic}-${n % 30}`,
          text: topic === 'praise' ? 'Cảm ơn, ứng dụng rất tiện' : `Tin nhắn về ${topic}`,
        });
    }
  }
  // Privacy: 12 citizens this morning; before today only "< k".
  for (let i = 0; i < 12; i++)
    add({
      receivedAt: TODAY_START + 8 * H + i * 60_000,
      channel: 'zalo',
      topic: 'privacy',
      author: `p-${i}`,
      text: 'Có cuộc gọi giả danh VNeID lừa đảo',
    });
  // The incident: 15, 25, 35 messages an hour, then the current half hour.
  const perHour = [15, 25, 35, 22];
  perHour.forEach((count, k) => {
    for (let i = 0; i < count; i++)
      add({
        receivedAt: SPIKE_START + k * H + Math.floor((i * (k === 3 ? 0.5 : 1) * H) / count),
        channel: 'telegram',
        topic: 'face_nfc',
        author: `f-${k}-${i}`,
        text: `${FACE_TEXTS[i % 3]}${i % 2 === 0 ? '' : ' ạ'}`,
      });
  });
  return out;
}

const SEARCHED = [
  'Không nhận được kết quả xác thực khuôn mặt',
  'Không nhận được thẻ, bị mất tài khoản',
  'Không nhận được mã OTP sau ba lần thử',
];

describe.each(DIALECTS)('the morning check on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const get = async <T>(role: string, url: string): Promise<T> => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[role] ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedHistory(t.db);
    // Two messages of one citizen yesterday: privacy's previous count is "< 5".
    await seedMessages(t.db, [
      {
        receivedAt: TODAY_START - 5 * H,
        channel: 'zalo',
        topic: 'privacy',
        sentiment: 'negative',
        lang: 'vi',
        author: 'p-old',
        text: 'Lộ dữ liệu?',
      },
      {
        receivedAt: TODAY_START - 4 * H,
        channel: 'zalo',
        topic: 'privacy',
        sentiment: 'negative',
        lang: 'vi',
        author: 'p-old',
        text: 'Lộ dữ liệu?',
      },
    ]);
    // Three messages the folded search for "không nhận được mã" finds (mặt, mất, mã), newest first.
    await seedMessages(
      t.db,
      SEARCHED.map((text, i) => ({
        receivedAt: TODAY_START - (2 + i) * DAY,
        channel: 'facebook',
        topic: 'other',
        sentiment: 'neutral',
        lang: 'vi',
        author: `s-${i}`,
        text,
      })),
    );
    const ids = await seedMessages(t.db, today());
    // The model was unsure of some of the incident's messages.
    const incidentIds = ids.slice(-97);
    await t.db.kysely
      .updateTable('messages')
      .set({ topic_score: 0.4 })
      .where('id', 'in', incidentIds.slice(0, 10))
      .execute();
    await addRelease(
      t.db,
      { at: SPIKE_START - 30 * 60_000, label: '2.1.6', kind: 'release', createdBy: 'test' },
      NOW,
    );
    const detect = createDetectSpikesProcessor({
      db: t.db,
      now: () => NOW,
      logger: silent,
      k: 5,
      tz: 'Asia/Ho_Chi_Minh',
      notifyTeam: async () => {},
    });
    const run = await detect();
    expect(run.opened.length).toBeGreaterThan(0);
    app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({ SUPPRESSION_K: '5' }),
      db: t.db,
      now: () => NOW,
      logger: silent,
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    await app.ready();
    for (const role of ['viewer', 'analyst'] as const) {
      await createUser(t.db, { email: `${role}@example.vn`, role, password: PASSWORD }, NOW);
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `${role}@example.vn`, password: PASSWORD },
      });
      const c = res.cookies.find((x) => x.name === 'vneid_session');
      cookies[role] = `vneid_session=${c?.value}`;
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('rising leads with the live incident, keeps a topic whose previous count was hidden, never praise', async () => {
    const o = await get<OverviewResponse>('viewer', '/api/overview?from=2026-11-20&to=2026-11-20');
    const topics = o.rising.map((r) => r.topic);
    expect(topics[0]).toBe('face_nfc');
    expect(topics).toContain('privacy');
    expect(o.topics.find((x) => x.topic === 'privacy')?.previous).toBe('< 5');
    expect(topics).not.toContain('praise');
    expect(topics).not.toContain('login'); // ordinary volume is not "rising"
    const face = o.rising[0];
    expect(face?.since).toBe(new Date(SPIKE_START).toISOString());
    expect(typeof face?.count).toBe('number');
    expect(Number(face?.count)).toBeGreaterThan(face?.expected ?? Infinity);
    expect(face?.expected).toBeGreaterThan(5); // one an hour, about 12.5 hours so far
    expect(face?.expected).toBeLessThan(20);
    // Most unusual first.
    const scores = o.rising.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('previousComplete: true when the previous period has data, false (and no percentages) when it starts before it', async () => {
    const day = await get<OverviewResponse>('viewer', '/api/overview?from=2026-11-20&to=2026-11-20');
    expect(day.previousComplete).toBe(true);
    expect(typeof day.changePct).toBe('number');
    expect(day.topics.find((x) => x.topic === 'login')?.changePct).toEqual(expect.any(Number));
    // Default range: the last 30 days, whose previous 30 days begin before the first stored hour.
    const month = await get<OverviewResponse>('viewer', '/api/overview');
    expect(month.previousComplete).toBe(false);
    expect(month.changePct).toBeNull();
    expect(month.topics.length).toBeGreaterThan(3);
    for (const topic of month.topics) expect(topic.changePct).toBeNull();
  });

  it('the open incident: topic, channel, since when, against expected, rising, after 2.1.6, unsure share, samples', async () => {
    const { items } = await get<IncidentsResponse>('analyst', '/api/incidents?open=true');
    expect(items).toHaveLength(1);
    const i = items[0];
    expect(i).toMatchObject({
      topic: 'face_nfc',
      channels: ['telegram'],
      start: new Date(SPIKE_START).toISOString(),
      end: null,
      open: true,
      trend: 'rising',
      release: { label: '2.1.6' },
    });
    // Its messages: face/NFC on Telegram since the start, the surge and the usual ones alike.
    const mine = today().filter(
      (m) => m.topic === 'face_nfc' && m.channel === 'telegram' && m.receivedAt >= SPIKE_START,
    ).length;
    expect(mine).toBeGreaterThan(97);
    expect(i?.count).toBe(mine);
    expect(i?.expected).toBeLessThan(10);
    expect(i?.lowConfidenceShare).toBeCloseTo(10 / mine, 5);
    expect(i?.samples).toHaveLength(3);
    expect(new Set(i?.samples.map((s) => s.text.replace(/ ạ$/, '')))).toEqual(new Set(FACE_TEXTS));
    expect(i?.samples.reduce((s, x) => s + x.similar, 0)).toBe(97);
    // Reading texts is audited; viewers get none.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'incidents.read')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    const asViewer = await get<IncidentsResponse>('viewer', '/api/incidents?open=true');
    expect(asViewer.items[0]?.samples).toEqual([]);
    expect(asViewer.items[0]?.count).toBe(mine);
  });

  it('chart buckets: shown cells plus the grey part are the real total, and no lone hidden cell can be subtracted', async () => {
    for (const q of [
      'from=2026-11-20&to=2026-11-20&bucket=hour',
      'from=2026-11-10&to=2026-11-20&bucket=day&by=channel',
    ]) {
      const ts = await get<TimeseriesResponse>('viewer', `/api/timeseries?${q}`);
      const o = await get<OverviewResponse>(
        'viewer',
        `/api/overview?${q.replace(/&bucket=\w+|&by=\w+/g, '')}`,
      );
      let sum = 0;
      let unsized = 0;
      ts.buckets.forEach((_, i) => {
        const shown = ts.series.reduce(
          (s, x) => s + (typeof x.values[i] === 'number' ? Number(x.values[i]) : 0),
          0,
        );
        const hiddenCells = ts.series.filter((x) => typeof x.values[i] === 'string').length;
        const hidden = ts.hidden[i];
        if (typeof hidden === 'number') {
          expect(hiddenCells === 1 && hidden > 0).toBe(false);
          if (hidden > 0) expect(hiddenCells).toBeGreaterThanOrEqual(2);
          expect(ts.totals[i]).toBe(shown + hidden);
          sum += shown + hidden;
        } else {
          unsized += 1;
          sum += shown;
        }
      });
      expect(sum).toBeLessThanOrEqual(Number(o.volume));
      if (unsized === 0) expect(sum).toBe(o.volume);
    }
  });

  it('search: a word typed with diacritics matches that spelling first; folded typing keeps time order; relevance', async () => {
    const texts = async (q: string, sort?: string) =>
      (
        await get<{ items: { text: string }[] }>(
          'analyst',
          `/api/messages?from=2026-11-01&to=2026-11-20&q=${encodeURIComponent(q)}${sort ? `&sort=${sort}` : ''}`,
        )
      ).items.map((m) => m.text);
    expect(await texts('không nhận được mã')).toEqual([SEARCHED[2], SEARCHED[0], SEARCHED[1]]);
    expect(await texts('khong nhan duoc ma')).toEqual(SEARCHED);
    expect((await texts('không nhận được mã', 'relevance'))[0]).toBe(SEARCHED[2]);
    expect((await texts('mất tài khoản', 'relevance'))[0]).toBe(SEARCHED[1]);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/messages?q=x&sort=best',
      headers: { cookie: cookies['analyst'] ?? '' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
