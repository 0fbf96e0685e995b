import { type Kysely, sql } from 'kysely';
import { isSqlite, withId } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('dashboard_users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('dashboard_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dashboard_sessions_user_idx')
    .on('dashboard_sessions')
    .column('user_id')
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'bigint')
    .addColumn('user_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();

  // Aggregate endpoints read only the roll-ups; a covering index lets range scans skip the table.
  await db.schema
    .createIndex('rollups_hourly_cover_idx')
    .on('rollups_hourly')
    .columns(['hour_ts', 'topic', 'channel', 'sentiment', 'lang', 'count'])
    .execute();
  // Suppression checks of one topic over a few days: a range on (topic, day) instead of a day scan.
  await db.schema
    .createIndex('author_days_topic_day_idx')
    .on('author_days')
    .columns(['topic', 'day_ts', 'author_hash'])
    .execute();
  await db.schema
    .createIndex('messages_status_received_idx')
    .on('messages')
    .columns(['status', 'received_at'])
    .execute();

  if (isSqlite(db)) {
    // Full-text search over the redacted text (diacritics folded by the tokenizer) and its matching
    // form (teencode expanded). External content: the FTS index holds no second copy of the text.
    await sql`create virtual table messages_fts using fts5(
      text_redacted, text_normalised,
      content='messages', content_rowid='id',
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`insert into messages_fts(rowid, text_redacted, text_normalised)
      select id, text_redacted, text_normalised from messages`.execute(db);
    await sql`create trigger messages_fts_ai after insert on messages begin
      insert into messages_fts(rowid, text_redacted, text_normalised)
        values (new.id, new.text_redacted, new.text_normalised);
    end`.execute(db);
    await sql`create trigger messages_fts_ad after delete on messages begin
      insert into messages_fts(messages_fts, rowid, text_redacted, text_normalised)
        values ('delete', old.id, old.text_redacted, old.text_normalised);
    end`.execute(db);
    await sql`create trigger messages_fts_au after update of text_redacted, text_normalised on messages begin
      insert into messages_fts(messages_fts, rowid, text_redacted, text_normalised)
        values ('delete', old.id, old.text_redacted, old.text_normalised);
      insert into messages_fts(rowid, text_redacted, text_normalised)
        values (new.id, new.text_redacted, new.text_normalised);
    end`.execute(db);
  } else {
    // An expression index: PostgreSQL keeps it in sync itself; queries repeat the same expression.
    await sql`create index messages_search_gin on messages
      using gin (to_tsvector('simple', text_redacted || ' ' || text_normalised))`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    for (const t of ['messages_fts_ai', 'messages_fts_ad', 'messages_fts_au']) {
      await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
    }
    await sql`drop table if exists messages_fts`.execute(db);
  } else {
    await sql`drop index if exists messages_search_gin`.execute(db);
  }
  await db.schema.dropIndex('messages_status_received_idx').ifExists().execute();
  await db.schema.dropIndex('author_days_topic_day_idx').ifExists().execute();
  await db.schema.dropIndex('rollups_hourly_cover_idx').ifExists().execute();
  for (const t of ['audit_log', 'dashboard_sessions', 'dashboard_users']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
