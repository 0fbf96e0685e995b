import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, sql } from 'kysely';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_ID = 7_301_042;

/** Every `NNNN_name.ts` file in db/migrations, in name order. One file per feature avoids merge fights. */
async function loadMigrations(): Promise<Array<[string, Migration]>> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
  const out: Array<[string, Migration]> = [];
  for (const file of files) {
    const mod: unknown = await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href);
    if (!isMigration(mod)) throw new Error(`db/migrations/${file} does not export up()`);
    out.push([file.replace(/\.ts$/, ''), mod]);
  }
  return out;
}

function isMigration(mod: unknown): mod is Migration {
  return typeof mod === 'object' && mod !== null && typeof (mod as { up?: unknown }).up === 'function';
}

/**
 * Brings the schema up to date; runs at start-up on both dialects. Our own small migrator rather than
 * Kysely's: its bookkeeping bootstrap relies on introspecting every schema of the server, which
 * misfires when many schemas exist (parallel test schemas). Here the bookkeeping table lives on the
 * connection's search_path, each migration runs in its own transaction with its record, and
 * concurrent start-ups are serialised (PostgreSQL advisory lock; SQLite's single writer). Features
 * land in parallel, so a lower-numbered migration that arrives later still runs.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrations = await loadMigrations();
  return db.kysely.connection().execute(async (conn) => {
    if (db.dialect === 'postgres') await sql`select pg_advisory_lock(${LOCK_ID})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (name varchar(255) primary key, applied_at bigint not null)`.execute(
        conn,
      );
      const done = new Set(
        (await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map(
          (r) => r.name,
        ),
      );
      const applied: string[] = [];
      for (const [name, migration] of migrations) {
        if (done.has(name)) continue;
        try {
          await conn.transaction().execute(async (trx) => {
            await migration.up(trx as unknown as Kysely<unknown>);
            await sql`insert into schema_migrations (name, applied_at) values (${name}, ${Date.now()})`.execute(
              trx,
            );
          });
        } catch (err) {
          throw new Error(`migration ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        applied.push(name);
      }
      return applied;
    } finally {
      if (db.dialect === 'postgres') await sql`select pg_advisory_unlock(${LOCK_ID})`.execute(conn);
    }
  });
}
