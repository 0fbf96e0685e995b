import { type Kysely, sql } from 'kysely';
import { isSqlite } from './helpers.ts';

/**
 * SQLite's search index, leaner: searches are always folded (dashboard-messages.ts `searchTerms`), so
 * only the folded column can ever match; indexing the redacted text too doubled the index work done
 * on every message insert. Without per-row column sizes (`columnsize=0`): nothing ranks by bm25.
 * Measured on the pipeline's statements: about 30 µs less per message (bench/RESULTS.md).
 * PostgreSQL's expression index is left as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) return;
  await dropSearch(db);
  await sql`create virtual table messages_fts using fts5(
    text_normalised,
    content='messages', content_rowid='id', columnsize=0,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`insert into messages_fts(messages_fts) values ('rebuild')`.execute(db);
  await sql`create trigger messages_fts_ai after insert on messages begin
    insert into messages_fts(rowid, text_normalised) values (new.id, new.text_normalised);
  end`.execute(db);
  await sql`create trigger messages_fts_ad after delete on messages begin
    insert into messages_fts(messages_fts, rowid, text_normalised) values ('delete', old.id, old.text_normalised);
  end`.execute(db);
  await sql`create trigger messages_fts_au after update of text_normalised on messages begin
    insert into messages_fts(messages_fts, rowid, text_normalised) values ('delete', old.id, old.text_normalised);
    insert into messages_fts(rowid, text_normalised) values (new.id, new.text_normalised);
  end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) return;
  await dropSearch(db);
  await sql`create virtual table messages_fts using fts5(
    text_redacted, text_normalised,
    content='messages', content_rowid='id',
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`insert into messages_fts(messages_fts) values ('rebuild')`.execute(db);
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
}

async function dropSearch(db: Kysely<unknown>): Promise<void> {
  for (const t of ['messages_fts_ai', 'messages_fts_ad', 'messages_fts_au']) {
    await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
  }
  await sql`drop table if exists messages_fts`.execute(db);
}
