import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SeedMessage, seedMessages } from '../dashboard/testing/seed.ts';
import { Suppressor } from '../db/dashboard-aggregates.ts';
import { DAY_MS, localDayStart, type SliceFilter } from '../db/dashboard-filters.ts';
import { relabelMessage } from '../db/dashboard-messages.ts';
import { moveSlice, type Slice } from '../db/rollups.ts';
import { clearTables, createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOON = Date.parse('2026-11-20T05:00:00Z'); // 12:00 in Hanoi
const DAY = localDayStart(NOON);

function msg(author: string, topic: string, minute: number): SeedMessage {
  return {
    receivedAt: NOON + minute * 60_000,
    channel: 'telegram',
    topic,
    sentiment: 'negative',
    lang: 'vi',
    author,
    text: `Không nhận được mã OTP lần ${minute}`,
  };
}

const otpSlice: SliceFilter = { fromMs: DAY, toMs: DAY + DAY_MS, topics: ['otp'] };

describe.each(DIALECTS)('moving a message between slices keeps k-suppression honest on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());
  beforeEach(async () => clearTables(t.db, ['corrections', 'author_days', 'rollups_hourly', 'messages']));

  /** Four citizens with two OTP messages each, and `F` with one: 9 messages from 5 citizens. */
  async function seedFiveCitizens(): Promise<number> {
    const rows: SeedMessage[] = [];
    for (const [i, a] of ['A', 'B', 'C', 'D'].entries()) rows.push(msg(a, 'otp', i), msg(a, 'otp', 10 + i));
    rows.push(msg('F', 'otp', 30));
    const ids = await seedMessages(t.db, rows);
    return ids.at(-1) ?? -1;
  }

  async function otpShown(): Promise<number | string> {
    return new Suppressor(t.db, 5).show(otpSlice, 8);
  }

  async function authorsIn(topic: string): Promise<string[]> {
    const rows = await t.db.kysely
      .selectFrom('author_days')
      .select('author_hash')
      .where('topic', '=', topic)
      .orderBy('author_hash')
      .execute();
    return rows.map((r) => r.author_hash);
  }

  it('an edit or re-classification that moves the only message of a citizen takes them out of the old slice', async () => {
    const fId = await seedFiveCitizens();
    const from: Slice = {
      receivedAt: NOON + 30 * 60_000,
      channel: 'telegram',
      topic: 'otp',
      sentiment: 'negative',
      lang: 'vi',
    };
    await t.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('messages').set({ topic: 'login' }).where('id', '=', fId).execute();
      await moveSlice(trx, fId, from, { ...from, topic: 'login' }, 'F');
    });
    expect(await authorsIn('otp')).toEqual(['A', 'B', 'C', 'D']);
    expect(await authorsIn('login')).toEqual(['F']);
    // 8 OTP messages now come from 4 citizens: the count must be hidden.
    expect(await otpShown()).toBe('< 5');
  });

  it('the author stays in the old slice while another of their messages keeps them there', async () => {
    await seedFiveCitizens();
    const aFirst = await t.db.kysely
      .selectFrom('messages')
      .select(['id', 'received_at'])
      .where('author_hash', '=', 'A')
      .orderBy('received_at')
      .executeTakeFirstOrThrow();
    const from: Slice = {
      receivedAt: Number(aFirst.received_at),
      channel: 'telegram',
      topic: 'otp',
      sentiment: 'negative',
      lang: 'vi',
    };
    // The row is moved before its slice here (the pipeline's order); the moving message never counts.
    await t.db.kysely.transaction().execute(async (trx) => {
      await moveSlice(trx, aFirst.id, from, { ...from, topic: 'app_bug' }, 'A');
    });
    expect(await authorsIn('otp')).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(await authorsIn('app_bug')).toEqual(['A']);
    const counts = await t.db.kysely
      .selectFrom('rollups_hourly')
      .select(['topic', (eb) => eb.fn.sum<number>('count').as('n')])
      .groupBy('topic')
      .orderBy('topic')
      .execute();
    expect(counts.map((c) => [c.topic, Number(c.n)])).toEqual([
      ['app_bug', 1],
      ['otp', 8],
    ]);
  });

  it('a relabel in the dashboard goes through the same move', async () => {
    const fId = await seedFiveCitizens();
    await relabelMessage(
      t.db,
      fId,
      { topic: 'login', sentiment: 'negative' },
      'analyst@example.org',
      NOON + DAY_MS,
    );
    expect(await authorsIn('otp')).toEqual(['A', 'B', 'C', 'D']);
    expect(await otpShown()).toBe('< 5');
  });
});
