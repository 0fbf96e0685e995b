import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/helpers/databases.ts';
import { parseDatabaseUrl } from './database.ts';
import { migrateToLatest } from './migrate.ts';

describe('parseDatabaseUrl', () => {
  it('resolves relative sqlite paths against the working directory', () => {
    expect(parseDatabaseUrl('sqlite:./data/x.db', '/srv/app')).toEqual({
      dialect: 'sqlite',
      target: '/srv/app/data/x.db',
    });
    expect(parseDatabaseUrl('sqlite:/abs/x.db').target).toBe('/abs/x.db');
  });
  it('takes a schema parameter off a postgres URL', () => {
    const p = parseDatabaseUrl('postgres://u@h:5432/db?schema=abc');
    expect(p).toEqual({ dialect: 'postgres', target: 'postgres://u@h:5432/db', schema: 'abc' });
  });
  it('rejects anything else with a reason', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/sqlite: or postgres/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/file path/);
  });
});

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('creates every table and is a no-op the second time', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
    const tables = (await t.db.kysely.introspection.getTables()).map((x) => x.name);
    for (const name of ['inbox', 'contacts', 'messages', 'rollups_hourly', 'replies']) {
      expect(tables).toContain(name);
    }
  });

  it('keeps inbox events unique per channel and platform id', async () => {
    const row = {
      channel: 'telegram',
      event_id: '42',
      kind: 'message',
      author_hash: 'h',
      received_at: Date.now(),
      payload: '{}',
      status: 'pending' as const,
      error: null,
      processed_at: null,
    };
    await t.db.kysely.insertInto('inbox').values(row).execute();
    await expect(t.db.kysely.insertInto('inbox').values(row).execute()).rejects.toThrow();
    await t.db.kysely
      .insertInto('inbox')
      .values({ ...row, channel: 'zalo' })
      .execute();
    const big = await t.db.kysely.selectFrom('inbox').select('received_at').executeTakeFirstOrThrow();
    expect(typeof big.received_at).toBe('number');
  });
});
