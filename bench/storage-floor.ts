/**
 * `npm run bench:storage-floor [-- --db sqlite|postgres]` — the cheapest the pipeline's storage could
 * be: the statements one message needs (bench/storage-floor-sql.ts) as raw prepared statements in
 * transactions of 80 messages, with no queue, no analysis and no query builder. On SQLite it runs
 * on the migrated schema as it is, then without the search trigger, then also without the
 * author-hash indexes that erasure relies on, to show what each costs. `bench:pipeline` runs the
 * first of these (and PostgreSQL's) as its yardstick in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { postgresFloor } from './storage-floor-pg.ts';
import { FLOOR_BATCH, FLOOR_SQL, floorInboxValues, floorValues } from './storage-floor-sql.ts';

/** µs a message on SQLite, after dropping the given triggers/indexes from the migrated schema. */
export async function sqliteFloor(n: number, drop: string[] = []): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vneid-floor-'));
  const file = join(dir, 'floor.db');
  try {
    const migrated = await createDb(`sqlite:${file}`);
    await migrateToLatest(migrated);
    await migrated.close();
    const db = new SqliteDatabase(file);
    // As the workers' connection is opened (db/database.ts, durability "normal").
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    for (const statement of drop) db.exec(statement);
    const now = Date.now();
    const s = Object.fromEntries(
      Object.entries(FLOOR_SQL).map(([k, text]) => [k, db.prepare(text)]),
    ) as Record<keyof typeof FLOOR_SQL, SqliteDatabase.Statement>;
    db.transaction(() => {
      for (let i = 1; i <= n; i++) s.inbox.run(...floorInboxValues(i, now));
    })();
    const start = performance.now();
    for (let first = 1; first <= n; first += FLOOR_BATCH) {
      db.transaction(() => {
        for (let id = first; id < first + FLOOR_BATCH && id <= n; id++) {
          const v = floorValues(id, now);
          s.claim.run(...v.claim);
          const c = s.contact.get(...v.contact) as { id: number; notice_sent_at: number | null };
          s.message.get(...v.message);
          s.rollup.run(...v.rollup);
          s.authorDay.run(...v.authorDay);
          s.reply.get(...v.reply);
          if (c.notice_sent_at === null) s.noticed.run(now, c.id);
        }
      })();
    }
    const us = ((performance.now() - start) * 1000) / n;
    db.close();
    return us;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const line = (label: string, us: number) =>
  console.log(
    `${label.padEnd(44)} ${us.toFixed(0).padStart(4)} µs/message  ${Math.round(1e6 / us)} messages/s`,
  );

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' } } });
  const n = Number(process.env['BENCH_FLOOR_MSGS'] ?? 40_000);
  let full: number;
  if (values.db === 'postgres') {
    const url = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
    console.log(
      `storage floor on PostgreSQL: ${n} messages, transactions of ${FLOOR_BATCH}, raw prepared statements`,
    );
    full = await postgresFloor(url, n);
    line('schema as migrated', full);
  } else if (values.db === 'sqlite') {
    console.log(
      `storage floor on SQLite: ${n} messages, transactions of ${FLOOR_BATCH}, raw prepared statements`,
    );
    full = await sqliteFloor(n);
    line('schema as migrated', full);
    line('without the search trigger', await sqliteFloor(n, ['drop trigger messages_fts_ai']));
    line(
      '… and without the author-hash indexes',
      await sqliteFloor(n, [
        'drop trigger messages_fts_ai',
        'drop index messages_author_idx',
        'drop index replies_author_idx',
        'drop index author_days_author_idx',
        'drop index inbox_author_idx',
      ]),
    );
  } else {
    throw new Error('--db must be sqlite or postgres');
  }
  console.log(
    JSON.stringify({
      dialect: values.db,
      floor_us_per_msg: Math.round(full),
      floor_msgs_per_s: Math.round(1e6 / full),
    }),
  );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
