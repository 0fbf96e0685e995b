import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/** Urgent cases flagged to the team, and which version of the purpose notice each contact saw. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('urgent_cases'))
    .addColumn('message_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('notified_at', 'bigint')
    .addColumn('handled_at', 'bigint')
    .addColumn('handled_by', 'text')
    .execute();
  await db.schema
    .createIndex('urgent_cases_open_idx')
    .on('urgent_cases')
    .columns(['handled_at', 'id'])
    .execute();
  await db.schema
    .createIndex('urgent_cases_author_idx')
    .on('urgent_cases')
    .columns(['channel', 'author_hash'])
    .execute();
  await db.schema.alterTable('contacts').addColumn('notice_version', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('notice_version').execute();
  await db.schema.dropTable('urgent_cases').execute();
}
