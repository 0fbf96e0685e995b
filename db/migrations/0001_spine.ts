import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('inbox'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('processed_at', 'bigint')
    .addUniqueConstraint('inbox_channel_event_uq', ['channel', 'event_id'])
    .execute();
  await db.schema.createIndex('inbox_status_idx').on('inbox').columns(['status', 'id']).execute();
  await db.schema.createIndex('inbox_author_idx').on('inbox').column('author_hash').execute();

  await withId(db, db.schema.createTable('contacts'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('notice_sent_at', 'bigint')
    .addUniqueConstraint('contacts_channel_author_uq', ['channel', 'author_hash'])
    .execute();

  await withId(db, db.schema.createTable('messages'))
    .addColumn('inbox_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('platform_message_id', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('content_kind', 'text', (c) => c.notNull())
    .addColumn('text_redacted', 'text', (c) => c.notNull())
    .addColumn('text_normalised', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('topic_score', 'real', (c) => c.notNull())
    .addColumn('topics_json', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('sentiment_score', 'real', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('ref_code', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('edited_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('messages_channel_platform_uq', ['channel', 'platform_message_id'])
    .execute();
  await db.schema.createIndex('messages_received_idx').on('messages').column('received_at').execute();
  await db.schema.createIndex('messages_author_idx').on('messages').column('author_hash').execute();
  await db.schema
    .createIndex('messages_topic_received_idx')
    .on('messages')
    .columns(['topic', 'received_at'])
    .execute();

  await db.schema
    .createTable('rollups_hourly')
    .addColumn('hour_ts', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_hourly_pk', ['hour_ts', 'channel', 'topic', 'sentiment', 'lang'])
    .execute();

  // Which pseudonymous authors wrote into each daily slice: lets the dashboard tell "fewer than k
  // distinct citizens" without scanning messages. Rows of an erased citizen are deleted.
  await db.schema
    .createTable('author_days')
    .addColumn('day_ts', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('author_days_pk', [
      'day_ts',
      'channel',
      'topic',
      'sentiment',
      'lang',
      'author_hash',
    ])
    .execute();
  await db.schema.createIndex('author_days_author_idx').on('author_days').column('author_hash').execute();

  await withId(db, db.schema.createTable('replies'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text')
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addUniqueConstraint('replies_channel_reply_uq', ['channel', 'in_reply_to'])
    .execute();
  await db.schema.createIndex('replies_status_idx').on('replies').columns(['status', 'id']).execute();
  await db.schema.createIndex('replies_author_idx').on('replies').column('author_hash').execute();

  await withId(db, db.schema.createTable('corrections'))
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.notNull())
    .addColumn('old_topic', 'text', (c) => c.notNull())
    .addColumn('new_topic', 'text', (c) => c.notNull())
    .addColumn('old_sentiment', 'text', (c) => c.notNull())
    .addColumn('new_sentiment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_message_idx').on('corrections').column('message_id').execute();
  await db.schema.createIndex('corrections_created_idx').on('corrections').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'corrections',
    'replies',
    'author_days',
    'rollups_hourly',
    'messages',
    'contacts',
    'inbox',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
