import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The model registry: every trained model with its held-out metrics; at most one is promoted
  // (the one the pipeline labels with). Files live under the data directory; this table points at them.
  await withId(db, db.schema.createTable('models'))
    .addColumn('version', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('metrics_json', 'text', (c) => c.notNull())
    .addColumn('macro_f1', 'double precision', (c) => c.notNull())
    .addColumn('train_size', 'integer', (c) => c.notNull())
    .addColumn('corrections_used', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('promoted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('promoted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('models_promoted_idx')
    .on('models')
    .columns(['promoted', 'promoted_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('models').ifExists().execute();
}
