import type { Kysely } from 'kysely';
import { isSqlite, withId } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('alerts'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('series_key', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('channel', 'text')
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('window_end', 'bigint', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('expected', 'double precision', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('sample_message_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('release_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'bigint')
    .addUniqueConstraint('alerts_series_start_uq', ['series_key', 'window_start'])
    .execute();
  await db.schema.createIndex('alerts_window_idx').on('alerts').columns(['window_start', 'id']).execute();
  await db.schema.createIndex('alerts_status_idx').on('alerts').columns(['status', 'series_key']).execute();

  await withId(db, db.schema.createTable('releases'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('releases_at_idx').on('releases').column('at').execute();

  await withId(db, db.schema.createTable('reports'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('pdf', isSqlite(db) ? 'blob' : 'bytea', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('reports_week_lang_uq', ['week', 'lang'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['reports', 'releases', 'alerts']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
