import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/helpers/databases.ts';
import { preparedQuery } from './prepared.ts';
import { bumpRollup } from './rollups.ts';

const INSERT_CONTACT = preparedQuery<'hash' | 'at', { id: number }>((db, p) =>
  db
    .insertInto('contacts')
    .values({
      channel: 'zalo',
      author_hash: p<string>('hash'),
      lang: null,
      first_seen_at: p<number>('at'),
      last_seen_at: p<number>('at'),
      notice_sent_at: null,
    })
    .returning('id'),
);

describe.each(DIALECTS)('prepared queries on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('binds fresh values on every run, a repeated param in every place, constants as built', async () => {
    const a = await INSERT_CONTACT.execute(t.db.kysely, { hash: 'h-a', at: 10 });
    const b = await INSERT_CONTACT.execute(t.db.kysely, { hash: 'h-b', at: 20 });
    expect(a.rows[0]?.id).not.toBe(b.rows[0]?.id);
    const rows = await t.db.kysely
      .selectFrom('contacts')
      .select(['author_hash', 'channel', 'first_seen_at', 'last_seen_at'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { author_hash: 'h-a', channel: 'zalo', first_seen_at: 10, last_seen_at: 10 },
      { author_hash: 'h-b', channel: 'zalo', first_seen_at: 20, last_seen_at: 20 },
    ]);
  });

  it('runs inside a transaction on its connection and rolls back with it', async () => {
    const slice = {
      receivedAt: 3_600_000 * 5 + 1,
      channel: 'telegram',
      topic: 'other',
      sentiment: 'neutral',
      lang: 'vi',
    };
    await t.db.kysely.transaction().execute(async (trx) => {
      await bumpRollup(trx, slice, 1);
      await bumpRollup(trx, slice, 1);
      await bumpRollup(trx, { ...slice, topic: 'praise' }, 1);
      await bumpRollup(trx, slice, -1);
    });
    await t.db.kysely
      .transaction()
      .execute(async (trx) => {
        await bumpRollup(trx, slice, 1);
        throw new Error('abort');
      })
      .catch(() => undefined);
    const counts = await t.db.kysely
      .selectFrom('rollups_hourly')
      .select(['topic', 'count', 'hour_ts'])
      .orderBy('topic')
      .execute();
    expect(counts).toEqual([
      { topic: 'other', count: 1, hour_ts: 3_600_000 * 5 },
      { topic: 'praise', count: 1, hour_ts: 3_600_000 * 5 },
    ]);
  });

  it('refuses a build whose params never reach the SQL', () => {
    const lost = preparedQuery<'x', never>((db, p) => {
      p('x');
      return db.selectFrom('contacts').select('id');
    });
    expect(() => lost.execute(t.db.kysely, { x: 1 })).toThrow(/lost its params: x/);
  });
});
