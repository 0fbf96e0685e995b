import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { DAY_MS } from '../db/dashboard-filters.ts';
import { COUNT_CAP, listMessages } from '../db/dashboard-messages.ts';
import { mulberry32 } from '../workers/analysis/prng.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOW = Date.UTC(2026, 10, 20, 5, 0);
const CHANNELS = ['facebook', 'zalo', 'telegram'] as const;

// More matches than COUNT_CAP (the broad-search path), stored in an arrival order unrelated to when
// they were written (as backfills and late deliveries are), over 40 days with some days empty.
describe.each(DIALECTS)('broad search in time order on %s', (dialect) => {
  let t: TestDatabase;
  const stored: Array<{ id: number; receivedAt: number; channel: string; match: boolean }> = [];
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const rand = mulberry32(3);
    const rows = Array.from({ length: COUNT_CAP + 400 }, (_, i) => {
      const day = Math.floor(rand() * 40);
      const receivedAt = NOW - (day >= 10 && day < 13 ? day + 5 : day) * DAY_MS - Math.floor(rand() * DAY_MS);
      const match = i % 7 !== 0;
      return {
        receivedAt,
        channel: CHANNELS[i % 3]!,
        topic: 'otp',
        sentiment: 'negative',
        lang: 'vi',
        author: `a${i % 50}`,
        text: match ? `không nhận được mã kangaroo lần ${i}` : `ứng dụng bị treo lần ${i}`,
      };
    });
    // A few backfilled rows: written long ago, stored last.
    for (let i = 0; i < 5; i++)
      rows.push({ ...rows[i]!, receivedAt: NOW - (30 + i) * DAY_MS, text: 'kangaroo cũ' });
    const ids = await seedMessages(t.db, rows);
    rows.forEach((r, i) => {
      stored.push({
        id: ids[i]!,
        receivedAt: r.receivedAt,
        channel: r.channel,
        match: r.text.includes('kangaroo'),
      });
    });
  });
  afterAll(async () => t.destroy());

  const expected = (fromMs: number, toMs: number, channel: string | undefined, page: number, size: number) =>
    stored
      .filter(
        (s) =>
          s.match && s.receivedAt >= fromMs && s.receivedAt < toMs && (!channel || s.channel === channel),
      )
      .sort((a, b) => b.receivedAt - a.receivedAt || b.id - a.id)
      .slice((page - 1) * size, page * size)
      .map((s) => s.id);

  it('pages are the matches newest first by when they were written, across windows and filters', async () => {
    const cases = [
      { fromMs: NOW - 45 * DAY_MS, toMs: NOW + DAY_MS, page: 1, size: 50 },
      { fromMs: NOW - 45 * DAY_MS, toMs: NOW + DAY_MS, page: 7, size: 50 },
      { fromMs: NOW - 45 * DAY_MS, toMs: NOW + DAY_MS, page: 23, size: 50 },
      { fromMs: NOW - 45 * DAY_MS, toMs: NOW - 8 * DAY_MS, page: 2, size: 100 },
      { fromMs: NOW - 45 * DAY_MS, toMs: NOW + DAY_MS, channel: 'zalo', page: 3, size: 25 },
    ];
    for (const c of cases) {
      const filter = { fromMs: c.fromMs, toMs: c.toMs, ...(c.channel ? { channels: [c.channel] } : {}) };
      const got = await listMessages(t.db, filter, { q: 'kangaroo', page: c.page, pageSize: c.size });
      expect(got.items.map((m) => m.id)).toEqual(expected(c.fromMs, c.toMs, c.channel, c.page, c.size));
    }
    const all = await listMessages(
      t.db,
      { fromMs: NOW - 45 * DAY_MS, toMs: NOW + DAY_MS },
      { q: 'kangaroo', page: 1, pageSize: 10 },
    );
    expect(all.totalCapped).toBe(true);
    expect(all.items).toHaveLength(10);
  });
});
