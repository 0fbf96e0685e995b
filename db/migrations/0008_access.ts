import type { Kysely } from 'kysely';
import { isSqlite, withId } from './helpers.ts';

/**
 * Access hardening: the aggregate-only copy of each weekly report (what viewers download), failed
 * sign-in counters per (account, client), and two-factor sign-in (TOTP secrets, hashed recovery codes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_aggregate_files')
    .addColumn('report_id', 'bigint', (c) => c.primaryKey())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('pdf', isSqlite(db) ? 'blob' : 'bytea', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_pk', ['account', 'client'])
    .execute();

  await db.schema
    .createTable('user_totp')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('last_step', 'bigint')
    .execute();

  await withId(db, db.schema.createTable('user_recovery_codes'))
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('user_recovery_codes_user_idx')
    .on('user_recovery_codes')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['user_recovery_codes', 'user_totp', 'login_failures', 'report_aggregate_files']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
