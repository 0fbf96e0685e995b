/**
 * detect-spikes and weekly-report processors on real databases, with a fixed clock moved by hand and
 * a recording notifyTeam (the outbox is the replies' own; its key makes announcements idempotent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { addRelease, getReportFile, listAlerts, listReports } from '../db/trends.ts';
import { createBackfillAlertsProcessor, createDetectSpikesProcessor } from '../workers/alerts.worker.ts';
import { mulberry32 } from '../workers/analysis/prng.ts';
import { createWeeklyReportProcessor } from '../workers/report.worker.ts';
import { weekBounds } from '../workers/reports/iso-week.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const H = 3_600_000;
const DAILY = [
  0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.7, 1.2, 1.8, 2, 1.9, 1.6, 1.3, 1.4, 1.5, 1.4, 1.3, 1.2, 1.1, 1.3, 1.6,
  1.5, 1, 0.4,
];
const ORIGIN = weekBounds('2026-W43', TZ).start; // four weeks of history before the incident week
const SPIKE = weekBounds('2026-W47', TZ).start + 2 * 24 * H + 10 * H; // Wednesday 10:00 local
const logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Usual count for an hour: daily and weekly rhythm with seeded noise. */
function usual(hourTs: number): number {
  const i = (hourTs - ORIGIN) / H;
  const rand = mulberry32(i + 1);
  const dow = Math.floor(i / 24) % 7;
  const lambda = 12 * (DAILY[i % 24] ?? 1) * (dow >= 5 ? 0.6 : 1);
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * (rand() + rand() + rand() - 1.5) * 2));
}

/** Ordinary OTP-on-Telegram traffic for every hour of [from, to). */
async function seedUsual(db: Db, from: number, to: number) {
  const rows = [];
  for (let h = from; h < to; h += H) {
    rows.push({
      hour_ts: h,
      channel: 'telegram',
      topic: 'otp',
      sentiment: 'negative',
      lang: 'vi',
      count: usual(h),
    });
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db.kysely
      .insertInto('rollups_hourly')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

async function setCount(db: Db, hourTs: number, count: number) {
  await db.kysely
    .insertInto('rollups_hourly')
    .values({ hour_ts: hourTs, channel: 'telegram', topic: 'otp', sentiment: 'negative', lang: 'vi', count })
    .onConflict((oc) =>
      oc.columns(['hour_ts', 'channel', 'topic', 'sentiment', 'lang']).doUpdateSet({ count }),
    )
    .execute();
}

describe.each(DIALECTS)('trend workers on %s', (dialect) => {
  let t: TestDatabase;
  let clock = 0;
  const notes = new Map<string, string>();
  const deps = () => ({
    db: t.db,
    now: () => clock,
    logger,
    k: 5,
    tz: TZ,
    notifyTeam: async (key: string, text: string) => {
      if (!notes.has(key)) notes.set(key, text);
    },
  });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedUsual(t.db, ORIGIN, SPIKE);
    for (let i = 0; i < 3; i++) {
      await t.db.kysely
        .insertInto('messages')
        .values({
          inbox_id: 1000 + i,
          channel: 'telegram',
          platform_message_id: `m${i}`,
          author_hash: `a${i}`,
          received_at: SPIKE + i * 60_000,
          content_kind: 'text',
          text_redacted: 'Không nhận được mã OTP',
          text_normalised: 'khong nhan duoc ma otp',
          lang: 'vi',
          topic: 'otp',
          topic_score: 0.9,
          topics_json: '[]',
          sentiment: 'negative',
          sentiment_score: 0.9,
          model_version: 'kw-1',
          ref_code: `R${i}`,
          status: 'active',
          edited_at: null,
          created_at: SPIKE,
          updated_at: SPIKE,
        })
        .execute();
    }
    await addRelease(
      t.db,
      { at: SPIKE - 40 * 60_000, label: '2.1.5', kind: 'release', createdBy: 'lead@vneid' },
      SPIKE,
    );
  });
  afterAll(async () => t.destroy());

  it('raises one alert per series within the first hour of a spike, then extends and closes it', async () => {
    const detect = createDetectSpikesProcessor(deps());
    // 20 minutes into the hour: a third of the usual volume plus 40 complaints.
    await setCount(t.db, SPIKE, Math.round(usual(SPIKE) / 3) + 40);
    clock = SPIKE + 20 * 60_000;
    const first = await detect();
    expect(first.opened).toHaveLength(2); // topic:otp and channel:telegram
    const again = await detect();
    expect(again.opened).toEqual([]);
    expect([...notes.keys()].sort()).toEqual(first.opened.map((id) => `alert:${id}`).sort());
    const text = notes.get(`alert:${first.opened[0]}`) ?? '';
    expect(text).toMatch(/Đột biến phản hồi: (Mã OTP|Telegram)/);
    expect(text).toContain('Bắt đầu gần mốc “2.1.5”');

    // A six-hour incident, one of whose hours dips, then quiet hours.
    const extra = [40, 60, 10, 50, 40, 30];
    for (let h = 0; h < 10; h++) {
      const hour = SPIKE + h * H;
      await setCount(t.db, hour, usual(hour) + (extra[h] ?? 0));
      // Just after the hour completes (the roll-up of the hour in progress is still empty).
      clock = hour + H + 60_000;
      const run = await detect();
      expect(run.opened).toEqual([]);
    }
    clock = SPIKE + 10 * H + 5 * 60_000;
    await detect();
    const { items, total } = await listAlerts(t.db, {});
    expect(total).toBe(2);
    for (const a of items) {
      expect(a.status).toBe('closed');
      expect(a.windowStart).toBe(SPIKE);
      expect(a.windowEnd).toBe(SPIKE + 6 * H);
      expect(a.observed).toBeGreaterThan(a.expected + 200);
      expect(a.release?.label).toBe('2.1.5');
    }
    expect(items.find((a) => a.scope === 'topic')?.sampleMessageIds).toHaveLength(3);
    expect(notes.size).toBe(2);
  });

  it('backfills history the live detector never saw: the same incidents, closed, without announcing', async () => {
    // As if the incident week had been imported: no alerts yet.
    const live = (await listAlerts(t.db, {})).items.map((a) => [
      a.topic ?? a.channel,
      a.windowStart,
      a.windowEnd,
    ]);
    await t.db.kysely.deleteFrom('alerts').execute();
    const announced = notes.size;
    clock = SPIKE + 24 * H;
    const backfill = createBackfillAlertsProcessor(deps());
    const run = await backfill({ data: { fromMs: ORIGIN + 4 * 7 * 24 * H } });
    expect(run.created).toHaveLength(2);
    const { items } = await listAlerts(t.db, {});
    expect(items.map((a) => [a.topic ?? a.channel, a.windowStart, a.windowEnd]).sort()).toEqual(live.sort());
    for (const a of items) {
      expect(a.status).toBe('closed');
      expect(a.release?.label).toBe('2.1.5');
    }
    expect(items.find((a) => a.scope === 'topic')?.sampleMessageIds).toHaveLength(3);
    expect(notes.size).toBe(announced); // the past is not news for the team chat
    expect((await backfill({ data: { fromMs: ORIGIN } })).created).toEqual([]);
  });

  it('stores the weekly report for the previous week and announces it once', async () => {
    clock = weekBounds('2026-W48', TZ).start + 8 * H; // Monday 08:00
    const run = createWeeklyReportProcessor(deps());
    const res = await run({ data: {} });
    expect(res.week).toBe('2026-W47');
    const again = await run({ data: { week: '2026-W47', lang: 'vi' } });
    expect(again.id).toBe(res.id);
    const en = await run({ data: { week: '2026-W47', lang: 'en', requestedBy: 'lead@vneid' } });
    expect(en.id).not.toBe(res.id);
    const reports = await listReports(t.db);
    expect(reports.map((r) => [r.week, r.lang, r.createdBy])).toEqual([
      ['2026-W47', 'vi', null],
      ['2026-W47', 'en', 'lead@vneid'],
    ]);
    expect(reports[0]?.modelVersion).toBe('kw-1');
    const pdf = await getReportFile(t.db, res.id, 'pdf');
    expect(pdf?.body.subarray(0, 5).toString()).toBe('%PDF-');
    const html = (await getReportFile(t.db, res.id, 'html'))?.body.toString('utf8') ?? '';
    expect(html).toContain('bắt đầu gần mốc “2.1.5”');
    expect(notes.get(`report:${res.id}`)).toContain('2026-W47');
    expect(notes.get(`report:${en.id}`)).toContain('VNeID weekly feedback report 2026-W47');
    await expect(run({ data: { week: '2026-47' } })).rejects.toThrow(/ISO week/);
  });
});

describe.each(DIALECTS)('spike detection in the first weeks after go-live on %s', (dialect) => {
  let t: TestDatabase;
  afterAll(async () => t.destroy());

  it('does not mistake the time before go-live for quiet hours', async () => {
    t = await createTestDatabase(dialect);
    // Ten ordinary days of traffic, nothing before: the product went live ten days ago.
    const golive = SPIKE - 10 * 24 * H;
    await seedUsual(t.db, golive, SPIKE);
    const detect = createDetectSpikesProcessor({
      db: t.db,
      now: () => SPIKE - H + 50 * 60_000,
      logger,
      k: 5,
      tz: TZ,
      notifyTeam: async () => {},
    });
    expect((await detect()).opened).toEqual([]);
    const backfill = createBackfillAlertsProcessor({
      db: t.db,
      now: () => SPIKE,
      logger,
      k: 5,
      tz: TZ,
      notifyTeam: async () => {},
    });
    expect((await backfill({ data: { fromMs: golive } })).created).toEqual([]);
  });
});
