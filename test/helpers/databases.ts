import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDb, type Db } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Database } from '../../db/schema/index.ts';

export const PG_BASE_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestDatabase {
  db: Db;
  url: string;
  /** Drops the schema / deletes the file. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database: a temp SQLite file, or a new schema in the local PostgreSQL. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vneid-db-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const db = await createDb(url);
    await migrateToLatest(db);
    return {
      db,
      url,
      destroy: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = `${PG_BASE_URL}?schema=${schema}`;
  const db = await createDb(url, { poolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    url,
    destroy: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.kysely);
      await db.close();
    },
  };
}

/** Empties the given tables (between tests sharing one database), children before parents. */
export async function clearTables(db: Db, tables: readonly (keyof Database)[]): Promise<void> {
  for (const table of tables) await db.kysely.deleteFrom(table).execute();
}
