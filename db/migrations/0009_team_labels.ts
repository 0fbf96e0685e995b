import { type Kysely, sql } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Team labels: every label an analyst accepted (a confirmation) or changed (a correction), on the
 * redacted text only, with the author's pseudonym so erasure finds them. The review queue's skips, the
 * team-label span each trained model learned from, and model rebuilds that erasure asks for.
 * Existing relabels (`corrections`) become team labels: the latest one of each still-stored message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('team_labels'))
    .addColumn('message_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('text_redacted', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('predicted_topic', 'text', (c) => c.notNull())
    .addColumn('predicted_sentiment', 'text', (c) => c.notNull())
    .addColumn('labelled_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('labelled_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('team_labels_author_idx')
    .on('team_labels')
    .columns(['channel', 'author_hash'])
    .execute();
  await db.schema
    .createIndex('team_labels_time_idx')
    .on('team_labels')
    .columns(['labelled_at', 'id'])
    .execute();

  await db.schema
    .createTable('review_skips')
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .addColumn('skipped_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_skips_pk', ['user_id', 'message_id'])
    .execute();

  await db.schema
    .createTable('model_label_spans')
    .addColumn('model_version', 'text', (c) => c.primaryKey())
    .addColumn('cutoff_at', 'bigint', (c) => c.notNull())
    .addColumn('max_label_id', 'bigint', (c) => c.notNull())
    .addColumn('labels_used', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('model_rebuilds'))
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('erased_labels', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('done_version', 'text')
    .execute();

  await sql`insert into team_labels (message_id, channel, author_hash, text_redacted, lang, topic, sentiment,
      kind, model_version, predicted_topic, predicted_sentiment, labelled_by, created_at, labelled_at)
    select m.id, m.channel, m.author_hash, m.text_redacted, m.lang, c.new_topic, c.new_sentiment,
      case when c.new_topic = f.old_topic and c.new_sentiment = f.old_sentiment
        then 'confirmation' else 'correction' end,
      m.model_version, f.old_topic, f.old_sentiment, c.corrected_by, f.created_at, c.created_at
    from corrections c
    join messages m on m.id = c.message_id
    join corrections f on f.message_id = c.message_id
      and f.id = (select min(x.id) from corrections x where x.message_id = c.message_id)
    where c.id = (select max(y.id) from corrections y where y.message_id = c.message_id)
    order by c.created_at, c.id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['model_rebuilds', 'model_label_spans', 'review_skips', 'team_labels']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
