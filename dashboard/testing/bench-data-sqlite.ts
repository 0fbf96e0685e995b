/**
 * Writes the dashboard benchmark's history (bench-data.ts) into an empty, migrated SQLite database:
 * raw prepared statements, one transaction per chunk; the search trigger and the secondary indexes of
 * `messages` are dropped during the load and put back exactly as the migrations wrote them (the FTS
 * index rebuilt once), which is several times faster than maintaining them row by row.
 */
import type SqliteDatabase from 'better-sqlite3';
import { type BenchMessage, type GenerateOptions, messageChunks, progress, Tally } from './bench-data.ts';

const CHUNK = 50_000;

function statements(sqlite: SqliteDatabase.Database) {
  return {
    message: sqlite.prepare(
      `insert into messages (id, inbox_id, channel, platform_message_id, author_hash, received_at, content_kind,
        text_redacted, text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score,
        model_version, ref_code, status, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, 0.8, ?, ?, 0.7, 'bench', ?, 'active', ?, ?)`,
    ),
    rollup: sqlite.prepare(
      `insert into rollups_hourly (hour_ts, channel, topic, sentiment, lang, count) values (?, ?, ?, ?, ?, ?)
       on conflict (hour_ts, channel, topic, sentiment, lang) do update set count = rollups_hourly.count + excluded.count`,
    ),
    authorDay: sqlite.prepare(
      'insert or ignore into author_days (day_ts, channel, topic, sentiment, lang, author_hash) values (?, ?, ?, ?, ?, ?)',
    ),
  };
}

const messageValues = (m: BenchMessage) => [
  m.id,
  m.id,
  m.channel,
  m.platformId,
  m.author,
  m.at,
  m.text,
  m.folded,
  m.lang,
  m.topic,
  m.topicsJson,
  m.sentiment,
  m.refCode,
  m.at,
  m.at,
];
const split = (k: string) => {
  const [first, ...rest] = k.split('|');
  return [Number(first), ...rest];
};

/** Fills an empty, migrated SQLite database. Returns rows written per table. */
export function generateSqlite(sqlite: SqliteDatabase.Database, o: GenerateOptions): Record<string, number> {
  const dropped = sqlite
    .prepare(
      `select type, name, sql from sqlite_master where tbl_name = 'messages' and sql is not null
        and ((type = 'trigger' and name = 'messages_fts_ai') or type = 'index')`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  for (const d of dropped) sqlite.exec(`drop ${d.type} ${d.name}`);
  const s = statements(sqlite);
  const tally = new Tally();
  let authorDays = 0;
  const writeAuthorDays = (keys: string[]) => {
    for (const k of keys) authorDays += s.authorDay.run(...split(k)).changes;
  };
  const report = progress('messages', o.rows);
  let done = 0;
  for (const chunk of messageChunks(o, CHUNK)) {
    sqlite.transaction(() => {
      for (const m of chunk) {
        s.message.run(...messageValues(m));
        tally.add(m);
      }
      writeAuthorDays(tally.takeAuthorDays());
    })();
    done += chunk.length;
    report(done);
  }
  sqlite.transaction(() => {
    writeAuthorDays(tally.takeAuthorDays(true));
    for (const [k, n] of tally.rollups) s.rollup.run(...split(k), n);
  })();
  console.log('  indexes and search index …');
  for (const d of dropped) if (d.type === 'index') sqlite.exec(d.sql);
  sqlite.exec(`insert into messages_fts(messages_fts) values ('rebuild')`);
  for (const d of dropped) if (d.type === 'trigger') sqlite.exec(d.sql);
  sqlite.exec('analyze');
  return { messages: o.rows, rollups_hourly: tally.rollups.size, author_days: authorDays };
}

/**
 * Adds `o.rows` more messages the way an import lands (row by row, search trigger and indexes in
 * place, one transaction), and returns how to take them out again so a kept database stays as
 * generated.
 */
export function importSqlite(sqlite: SqliteDatabase.Database, o: GenerateOptions): () => void {
  const s = statements(sqlite);
  const tally = new Tally();
  const added: string[] = [];
  sqlite.transaction(() => {
    for (const chunk of messageChunks(o, o.rows)) {
      for (const m of chunk) {
        s.message.run(...messageValues(m));
        tally.add(m);
      }
    }
    for (const k of tally.takeAuthorDays(true)) if (s.authorDay.run(...split(k)).changes > 0) added.push(k);
    for (const [k, n] of tally.rollups) s.rollup.run(...split(k), n);
  })();
  return () => {
    const del = sqlite.prepare(
      'delete from author_days where day_ts = ? and channel = ? and topic = ? and sentiment = ? and lang = ? and author_hash = ?',
    );
    const dec = sqlite.prepare(
      `update rollups_hourly set count = count - ?
        where hour_ts = ? and channel = ? and topic = ? and sentiment = ? and lang = ?`,
    );
    sqlite.transaction(() => {
      sqlite.prepare('delete from messages where id >= ?').run(o.firstId ?? 1);
      for (const k of added) del.run(...split(k));
      for (const [k, n] of tally.rollups) dec.run(n, ...split(k));
      sqlite.exec('delete from rollups_hourly where count <= 0');
    })();
  };
}
