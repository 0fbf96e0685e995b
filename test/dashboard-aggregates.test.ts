import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMessages, seedMessages } from '../dashboard/testing/seed.ts';
import { rollupBy, rollupSeries, rollupTotal, Suppressor } from '../db/dashboard-aggregates.ts';
import { DAY_MS, localDayStart, localWeekStart } from '../db/dashboard-filters.ts';
import { listMessages } from '../db/dashboard-messages.ts';
import { createRollupReader } from '../db/dashboard-rollup-cache.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOW = Date.UTC(2026, 10, 20, 5, 0);

describe('local calendar arithmetic', () => {
  it('days start at Ho Chi Minh midnight and weeks on Monday', () => {
    // 2026-11-19 23:30 UTC is 2026-11-20 06:30 local, a Friday.
    const t = Date.UTC(2026, 10, 19, 23, 30);
    expect(new Date(localDayStart(t)).toISOString()).toBe('2026-11-19T17:00:00.000Z');
    expect(new Date(localWeekStart(t)).toISOString()).toBe('2026-11-15T17:00:00.000Z');
  });
});

describe.each(DIALECTS)('aggregates on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedMessages(t.db, demoMessages(NOW, 20, 12));
  });
  afterAll(async () => t.destroy());

  it('the day cache gives exactly what the direct roll-up queries give', async () => {
    const reader = createRollupReader(t.db, { now: () => NOW });
    const today = localDayStart(NOW);
    const filters = [
      { fromMs: today - 14 * DAY_MS, toMs: today + DAY_MS },
      {
        fromMs: today - 14 * DAY_MS,
        toMs: today + DAY_MS,
        channels: ['zalo'],
        sentiments: ['negative', 'neutral'],
      },
      { fromMs: today - 6 * DAY_MS, toMs: today - 2 * DAY_MS, topics: ['otp'] },
    ];
    for (const f of filters) {
      expect(await reader.total(f)).toBe(await rollupTotal(t.db, f));
      expect(await reader.by(f, 'channel')).toEqual(await rollupBy(t.db, f, 'channel'));
      for (const bucket of ['hour', 'day', 'week'] as const) {
        expect(await reader.series(f, bucket, 'topic')).toEqual(await rollupSeries(t.db, f, bucket, 'topic'));
      }
    }
    expect(await reader.total(filters[0]!)).toBeGreaterThan(0);
  });

  it('serves an expired past day once more while it reloads, then the new counts', async () => {
    let clock = NOW;
    const reader = createRollupReader(t.db, { now: () => clock, ttlMs: 60_000 });
    const day = localDayStart(NOW) - 5 * DAY_MS;
    const f = { fromMs: day, toMs: day + DAY_MS };
    const before = await reader.total(f);
    await seedMessages(t.db, [
      {
        receivedAt: day + 3_600_000,
        channel: 'zalo',
        topic: 'otp',
        sentiment: 'neutral',
        lang: 'vi',
        author: 'late',
        text: 'late import',
      },
    ]);
    expect(await reader.total(f)).toBe(before); // within the TTL: cached
    clock += 61_000;
    expect(await reader.total(f)).toBe(before); // expired: stale answer, reload started
    await expect.poll(() => reader.total(f)).toBe(before + 1);
  });

  it('suppresses a slice with many messages from fewer than k authors', async () => {
    await seedMessages(
      t.db,
      Array.from({ length: 9 }, (_, i) => ({
        receivedAt: NOW - 30 * DAY_MS,
        channel: 'telegram',
        topic: 'foreigner',
        sentiment: 'neutral',
        lang: 'en',
        author: `solo-${i % 3}`,
        text: 'passport question',
      })),
    );
    const day = localDayStart(NOW - 30 * DAY_MS);
    const s = new Suppressor(t.db, 5);
    const f = { fromMs: day, toMs: day + DAY_MS, topics: ['foreigner'] };
    expect(await s.show(f, 9)).toBe('< 5');
    expect(await new Suppressor(t.db, 3).show(f, 9)).toBe(9);
    expect(await s.show(f, 0)).toBe(0);
  });

  it('search follows edits of the redacted text (index kept in sync)', async () => {
    const [id] = await seedMessages(t.db, [
      {
        receivedAt: NOW - DAY_MS,
        channel: 'zalo',
        topic: 'other',
        sentiment: 'neutral',
        lang: 'vi',
        author: 'x',
        text: 'Xin chào quokka',
      },
    ]);
    const f = { fromMs: NOW - 3 * DAY_MS, toMs: NOW + DAY_MS };
    expect(
      (await listMessages(t.db, f, { q: 'quokka', page: 1, pageSize: 10 })).items.map((m) => m.id),
    ).toEqual([id]);
    await t.db.kysely
      .updateTable('messages')
      .set({ text_redacted: 'Xin chào wombat', text_normalised: 'xin chao wombat' })
      .where('id', '=', id!)
      .execute();
    expect((await listMessages(t.db, f, { q: 'quokka', page: 1, pageSize: 10 })).total).toBe(0);
    expect((await listMessages(t.db, f, { q: 'womb', page: 1, pageSize: 10 })).total).toBe(1);
    await t.db.kysely.deleteFrom('messages').where('id', '=', id!).execute();
    expect((await listMessages(t.db, f, { q: 'wombat', page: 1, pageSize: 10 })).total).toBe(0);
  });
});
