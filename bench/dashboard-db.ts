/**
 * The dashboard benchmark's database on either dialect: generated (with progress) into a temporary
 * SQLite file or a private PostgreSQL schema, dropped afterwards; or, with `reuse`, kept between runs
 * as `data/bench/dashboard-<rows>.db` or the schema `bench_dashboard_<rows>` (a half-generated one is
 * never reused: it gets its final name only once complete).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { GenerateOptions } from '../dashboard/testing/bench-data.ts';
import { generatePostgres, importPostgres } from '../dashboard/testing/bench-data-pg.ts';
import { generateSqlite, importSqlite } from '../dashboard/testing/bench-data-sqlite.ts';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export interface BenchDatabase {
  /** DATABASE_URL for the app. */
  url: string;
  /** Adds messages the way an import does; returns how to take them out again. */
  importRows(o: GenerateOptions): Promise<() => Promise<void>>;
  /** Drops the temporary database (keeps a reused one). */
  close(): Promise<void>;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function sqliteDatabase(root: string, o: GenerateOptions, reuse: boolean): Promise<BenchDatabase> {
  const dir = reuse ? join(root, 'data', 'bench') : mkdtempSync(join(tmpdir(), 'vneid-dash-bench-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `dashboard-${o.rows}.db`);
  if (!reuse || !existsSync(file)) {
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    const db = await createDb(`sqlite:${partial}`);
    await migrateToLatest(db);
    await db.close();
    const started = performance.now();
    const sqlite = new SqliteDatabase(partial);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -200000');
    const counts = generateSqlite(sqlite, o);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    renameSync(partial, file);
    console.log(`generated ${JSON.stringify(counts)} in ${seconds(started)} s → ${file}`);
  } else {
    console.log(`reusing ${file}`);
  }
  return {
    url: `sqlite:${file}`,
    async importRows(more) {
      const sqlite = new SqliteDatabase(file);
      sqlite.pragma('busy_timeout = 10000');
      const undo = importSqlite(sqlite, more);
      return async () => {
        undo();
        sqlite.close();
      };
    },
    close: async () => {
      if (!reuse) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDatabase(baseUrl: string, o: GenerateOptions, reuse: boolean): Promise<BenchDatabase> {
  const schema = reuse ? `bench_dashboard_${o.rows}` : `bench_dash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_namespace where nspname = $1', [schema]);
  if (exists.rowCount === 0) {
    const partial = `${schema}_partial`;
    await admin.query(`drop schema if exists ${partial} cascade`);
    const db = await createDb(`${baseUrl}?schema=${partial}`);
    await migrateToLatest(db);
    await db.close();
    const started = performance.now();
    const client = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${partial}` });
    await client.connect();
    const counts = await generatePostgres(client, o);
    await client.end();
    await admin.query(`alter schema ${partial} rename to ${schema}`);
    console.log(`generated ${JSON.stringify(counts)} in ${seconds(started)} s → schema ${schema}`);
  } else {
    console.log(`reusing schema ${schema}`);
  }
  return {
    url: `${baseUrl}?schema=${schema}`,
    async importRows(more) {
      const client = new pg.Client({ connectionString: baseUrl, options: `-c search_path=${schema}` });
      await client.connect();
      const undo = await importPostgres(client, more);
      return async () => {
        await undo();
        await client.end();
      };
    },
    close: async () => {
      if (!reuse) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

export function openBenchDatabase(
  dialect: 'sqlite' | 'postgres',
  o: GenerateOptions,
  opts: { reuse: boolean; root: string; pgUrl: string },
): Promise<BenchDatabase> {
  return dialect === 'sqlite'
    ? sqliteDatabase(opts.root, o, opts.reuse)
    : postgresDatabase(opts.pgUrl, o, opts.reuse);
}
