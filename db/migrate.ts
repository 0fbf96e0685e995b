import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Every `NNNN_name.ts` file in db/migrations, in name order. One file per feature avoids merge fights. */
class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const mod: unknown = await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href);
      if (!isMigration(mod)) throw new Error(`db/migrations/${file} does not export up()`);
      out[file.replace(/\.ts$/, '')] = mod;
    }
    return out;
  }
}

function isMigration(mod: unknown): mod is Migration {
  return typeof mod === 'object' && mod !== null && typeof (mod as { up?: unknown }).up === 'function';
}

/** Brings the schema up to date; runs at start-up on both dialects. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Features land in parallel, so a lower-numbered migration may arrive after a higher one ran.
  const migrator = new Migrator({
    db: db.kysely,
    provider: new FolderProvider(),
    allowUnorderedMigrations: true,
  });
  let outcome = await migrator.migrateToLatest();
  // PostgreSQL: Kysely's first-run bootstrap of its own bookkeeping tables can race with DDL in other
  // schemas of the same server (seen with parallel test schemas); the operation is idempotent, so retry.
  for (let attempt = 1; outcome.error && db.dialect === 'postgres' && attempt <= 3; attempt++) {
    await new Promise((r) => setTimeout(r, 200 * attempt));
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
