import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Word when it is fixed: citizens who asked to be told ("báo tôi"), who asked to stop ("dừng"), an
 * admin's resolution note for an incident (approved by a second admin), and what each citizen was told.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('update_optins'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('update_optins_uq', ['channel', 'author_hash', 'topic'])
    .execute();
  await db.schema.alterTable('contacts').addColumn('updates_stopped_at', 'bigint').execute();
  await withId(db, db.schema.createTable('incident_resolutions'))
    .addColumn('incident_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('note_vi', 'text', (c) => c.notNull())
    .addColumn('note_en', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'bigint', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .execute();
  await withId(db, db.schema.createTable('incident_notices'))
    .addColumn('incident_id', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reply_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('incident_notices_uq', ['incident_id', 'channel', 'author_hash'])
    .execute();
  await db.schema
    .createIndex('incident_notices_author_idx')
    .on('incident_notices')
    .columns(['channel', 'author_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_notices').execute();
  await db.schema.dropTable('incident_resolutions').execute();
  await db.schema.alterTable('contacts').dropColumn('updates_stopped_at').execute();
  await db.schema.dropTable('update_optins').execute();
}
