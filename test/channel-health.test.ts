/**
 * A silent channel is news: per channel the last delivery and the last complete hours against the
 * seasonal baseline, quiet when far fewer messages arrived than those hours normally bring; the Zalo
 * token's age and refresh state. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelHealth, zaloTokenHealth } from '../db/channel-health.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 5, 30);
const HOUR = Math.floor(NOW / H) * H;

describe.each(DIALECTS)('channel health on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const rows = [];
    // Two weeks of 10 messages an hour on Telegram and Facebook; Facebook silent for the last 3 hours.
    for (let h = HOUR - 14 * 24 * H; h < HOUR; h += H) {
      rows.push({
        hour_ts: h,
        channel: 'telegram',
        topic: 'otp',
        sentiment: 'negative',
        lang: 'vi',
        count: 10,
      });
      if (h < HOUR - 3 * H)
        rows.push({
          hour_ts: h,
          channel: 'facebook',
          topic: 'otp',
          sentiment: 'negative',
          lang: 'vi',
          count: 10,
        });
    }
    for (let i = 0; i < rows.length; i += 500)
      await t.db.kysely
        .insertInto('rollups_hourly')
        .values(rows.slice(i, i + 500))
        .execute();
    await t.db.kysely
      .insertInto('inbox')
      .values({
        channel: 'telegram',
        event_id: 'e1',
        kind: 'message',
        author_hash: null,
        received_at: NOW - 60_000,
        payload: '{}',
        status: 'done',
        error: null,
        processed_at: NOW,
      })
      .execute();
    await t.db.kysely
      .insertInto('zalo_tokens')
      .values({
        account: 'oa',
        access_token: 'a',
        refresh_token: 'r',
        expires_at: NOW - 1,
        version: 1,
        lease_owner: null,
        lease_until: null,
        seed_hash: 'x',
        updated_at: NOW - 25 * H,
      })
      .execute();
  });
  afterAll(async () => t?.destroy());

  it('a channel that went silent in hours it is normally busy is quiet; a busy one is not', async () => {
    const health = await channelHealth(t.db, ['telegram', 'facebook', 'zalo'], NOW);
    const of = (c: string) => health.find((x) => x.channel === c);
    expect(of('facebook')).toMatchObject({
      quiet: true,
      lastDelivery: null,
      recent: { hours: 3, observed: 0 },
    });
    expect(of('facebook')?.recent.expected).toBeGreaterThan(20);
    expect(of('telegram')).toMatchObject({
      quiet: false,
      lastDelivery: NOW - 60_000,
      recent: { observed: 30 },
    });
    expect(of('zalo')).toMatchObject({ quiet: false, recent: { observed: 0, expected: 0 } }); // never busy
  });

  it('the Zalo token: when it was stored and whether it expired', async () => {
    expect(await zaloTokenHealth(t.db, NOW)).toEqual({
      updatedAt: NOW - 25 * H,
      expiresAt: NOW - 1,
      state: 'expired',
    });
  });
});
