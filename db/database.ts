import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema/index.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** A description safe to log (no password). */
  readonly label: string;
  /** PostgreSQL schema in use (`public` unless DATABASE_URL names one); undefined on SQLite. */
  readonly schema?: string;
  /** SQLite: the database file (absolute path or `:memory:`). */
  readonly file?: string;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (type 20) and NUMERIC (1700) as strings; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface ParsedDatabaseUrl {
  dialect: Dialect;
  /** SQLite: absolute file path or `:memory:`. PostgreSQL: the connection string without `schema`. */
  target: string;
  /** PostgreSQL only: a schema to create and use (tests isolate themselves with it). */
  schema?: string;
}

/** Parses `sqlite:<path>` or `postgres://…[?schema=name]`; throws with a message naming the problem. */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new Error('sqlite: needs a file path, e.g. sqlite:./data/feedback.db');
    return { dialect: 'sqlite', target: path === ':memory:' ? path : resolve(cwd, path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('is not a valid postgres:// URL');
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error('schema must be a lower-case identifier');
    }
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', target: parsed.toString(), ...(schema ? { schema } : {}) };
  }
  throw new Error('must start with sqlite: or postgres://');
}

export interface CreateDbOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * SQLite only. `full` (default): every commit is fsynced before it returns — the intake uses it, as
   * a webhook is answered only once its event is on disk. `normal`: commits survive a process crash
   * but not a power loss; the workers use it, because anything they lose that way is redone from the
   * durable inbox (rows simply stay pending).
   */
  durability?: 'full' | 'normal';
}

export async function createDb(url: string, options: CreateDbOptions = {}): Promise<Db> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') {
    if (parsed.target !== ':memory:') mkdirSync(dirname(parsed.target), { recursive: true });
    const sqlite = new SqliteDatabase(parsed.target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    // Deleted and overwritten content is zeroed in the file, not merely marked free (erasure, retention).
    sqlite.pragma('secure_delete = ON');
    // 64 MB of page cache (default 2 MB): the pipeline's indexes on hashed keys touch pages all over.
    sqlite.pragma('cache_size = -65536');
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return {
      kysely,
      dialect: 'sqlite',
      file: parsed.target,
      label: `sqlite:${parsed.target}`,
      close: () => kysely.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: parsed.target,
    max: options.poolSize ?? 10,
    ...(parsed.schema ? { options: `-c search_path=${parsed.schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (parsed.schema) await sql`create schema if not exists ${sql.id(parsed.schema)}`.execute(kysely);
  const safe = new URL(parsed.target);
  safe.password = '';
  return {
    kysely,
    dialect: 'postgres',
    schema: parsed.schema ?? 'public',
    label: `${safe.toString()}${parsed.schema ? ` (schema ${parsed.schema})` : ''}`,
    close: () => kysely.destroy(),
  };
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small statement, and the
 * pipeline repeats the same few statements for every message. Statements are cached by SQL text
 * (bounded; parameters are bound per call, so the cache holds no data).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Makes deleted bytes leave the disk as far as the database can. SQLite (secure_delete is on, so
 * deleted rows are zeroed in their pages): a TRUNCATE checkpoint copies the zeroed pages into the file
 * and empties the WAL, which still holds the old page images; it runs on a short-lived connection
 * that gives up at once when busy (the next call retries), so it never stalls a worker. PostgreSQL:
 * VACUUM of the given tables, so the dead row versions are removed and their space reused (their
 * bytes stay until overwritten, and WAL archives and backups keep theirs: README, "What is kept").
 * Returns false when it could not complete now.
 */
export async function purgeDeleted(db: Db, tables: readonly string[] = []): Promise<boolean> {
  if (db.dialect === 'sqlite') {
    if (!db.file || db.file === ':memory:') return true;
    const conn = new SqliteDatabase(db.file);
    try {
      conn.pragma('busy_timeout = 100');
      const [row] = conn.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return row?.busy === 0;
    } catch {
      return false;
    } finally {
      conn.close();
    }
  }
  for (const table of tables) await sql`vacuum ${sql.table(table)}`.execute(db.kysely);
  return true;
}

/** Cheap liveness probe for /readyz. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
