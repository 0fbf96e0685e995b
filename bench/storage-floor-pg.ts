/**
 * The storage floor on PostgreSQL: the same statements as on SQLite (bench/storage-floor-sql.ts, in
 * PostgreSQL's spelling) as named prepared statements on one pg connection, in transactions of 80
 * messages, in a private schema of the migrated database that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { FLOOR_BATCH, FLOOR_SQL, floorInboxValues, floorValues, forPostgres } from './storage-floor-sql.ts';

/** µs a message on PostgreSQL at `baseUrl` (no `?schema`): migrate a private schema, run, drop it. */
export async function postgresFloor(baseUrl: string, n: number): Promise<number> {
  const schema = `floor_${randomBytes(4).toString('hex')}`;
  const migrated = await createDb(`${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`);
  await migrateToLatest(migrated);
  await migrated.close();
  const client = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const q = (name: keyof typeof FLOOR_SQL, values: unknown[]) =>
      client.query({ name, text: forPostgres(FLOOR_SQL[name]), values });
    const now = Date.now();
    await client.query('begin');
    for (let i = 1; i <= n; i++) await q('inbox', floorInboxValues(i, now));
    await client.query('commit');
    await client.query('analyze');
    const start = performance.now();
    for (let first = 1; first <= n; first += FLOOR_BATCH) {
      await client.query('begin');
      for (let id = first; id < first + FLOOR_BATCH && id <= n; id++) {
        const v = floorValues(id, now);
        await q('claim', v.claim);
        const c = (await q('contact', v.contact)).rows[0] as { id: number; notice_sent_at: number | null };
        await q('message', v.message);
        await q('rollup', v.rollup);
        await q('authorDay', v.authorDay);
        await q('reply', v.reply);
        if (c.notice_sent_at === null) await q('noticed', [now, c.id]);
      }
      await client.query('commit');
    }
    return ((performance.now() - start) * 1000) / n;
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await client.end();
  }
}
