/**
 * Writes the dashboard benchmark's history (bench-data.ts) into an empty, migrated PostgreSQL schema:
 * one multi-row insert (`unnest` of column arrays) per chunk; the secondary indexes of `messages`
 * (the search GIN index among them) are dropped during the load and created again afterwards with
 * their own definitions, then the tables analysed.
 */
import type pg from 'pg';
import { type BenchMessage, type GenerateOptions, messageChunks, progress, Tally } from './bench-data.ts';

const CHUNK = 20_000;

async function insertMessages(client: pg.ClientBase, chunk: BenchMessage[]): Promise<void> {
  const col = <K extends keyof BenchMessage>(k: K) => chunk.map((m) => m[k]);
  await client.query(
    `insert into messages (id, inbox_id, channel, platform_message_id, author_hash, received_at, content_kind,
       text_redacted, text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score,
       model_version, ref_code, status, created_at, updated_at)
     select id, id, channel, pid, author, at, 'text', txt, folded, lang, topic, 0.8, tj, sentiment, 0.7,
       'bench', ref, 'active', at, at
     from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       as t(id, channel, pid, author, at, txt, folded, lang, topic, tj, sentiment, ref)`,
    [
      col('id'),
      col('channel'),
      col('platformId'),
      col('author'),
      col('at'),
      col('text'),
      col('folded'),
      col('lang'),
      col('topic'),
      col('topicsJson'),
      col('sentiment'),
      col('refCode'),
    ],
  );
}

/** Inserts author-day keys ("day|channel|topic|sentiment|lang|author"); returns the ones that were new. */
async function insertAuthorDays(client: pg.ClientBase, keys: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const parts = keys.slice(i, i + CHUNK).map((k) => k.split('|'));
    const res = await client.query<{ k: string }>(
      `insert into author_days (day_ts, channel, topic, sentiment, lang, author_hash)
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       on conflict do nothing
       returning day_ts || '|' || channel || '|' || topic || '|' || sentiment || '|' || lang || '|' || author_hash as k`,
      [0, 1, 2, 3, 4, 5].map((n) => parts.map((p) => p[n])),
    );
    for (const r of res.rows) out.push(r.k);
  }
  return out;
}

/** Adds `sign` × each count to rollups_hourly (keys "hour|channel|topic|sentiment|lang"). */
async function addRollups(client: pg.ClientBase, rollups: Map<string, number>, sign = 1): Promise<void> {
  const parts = [...rollups].map(([k, n]) => [...k.split('|'), String(sign * n)]);
  await client.query(
    `insert into rollups_hourly (hour_ts, channel, topic, sentiment, lang, count)
     select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
     on conflict (hour_ts, channel, topic, sentiment, lang) do update set count = rollups_hourly.count + excluded.count`,
    [0, 1, 2, 3, 4, 5].map((n) => parts.map((p) => p[n])),
  );
}

/** Fills an empty, migrated schema (the client's search_path). Returns rows written per table. */
export async function generatePostgres(
  client: pg.ClientBase,
  o: GenerateOptions,
): Promise<Record<string, number>> {
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = 'messages'
        and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)`,
  );
  for (const i of indexes) await client.query(`drop index ${i.indexname}`);
  const tally = new Tally();
  let authorDays = 0;
  const report = progress('messages', o.rows);
  let done = 0;
  for (const chunk of messageChunks(o, CHUNK)) {
    await client.query('begin');
    await insertMessages(client, chunk);
    for (const m of chunk) tally.add(m);
    authorDays += (await insertAuthorDays(client, tally.takeAuthorDays())).length;
    await client.query('commit');
    done += chunk.length;
    report(done);
  }
  authorDays += (await insertAuthorDays(client, tally.takeAuthorDays(true))).length;
  await addRollups(client, tally.rollups);
  await client.query(`select setval(pg_get_serial_sequence('messages', 'id'), $1)`, [
    o.rows + (o.firstId ?? 1),
  ]);
  console.log('  indexes (search GIN index included) …');
  await client.query('set maintenance_work_mem = "256MB"');
  for (const i of indexes) await client.query(i.indexdef);
  await client.query('analyze');
  return { messages: o.rows, rollups_hourly: tally.rollups.size, author_days: authorDays };
}

/**
 * Adds `o.rows` more messages the way an import lands (indexes in place, one transaction), and returns
 * how to take them out again so a kept schema stays as generated.
 */
export async function importPostgres(
  client: pg.ClientBase,
  o: GenerateOptions,
): Promise<() => Promise<void>> {
  const tally = new Tally();
  await client.query('begin');
  for (const chunk of messageChunks(o, CHUNK)) {
    await insertMessages(client, chunk);
    for (const m of chunk) tally.add(m);
  }
  const added = await insertAuthorDays(client, tally.takeAuthorDays(true));
  await addRollups(client, tally.rollups);
  await client.query('commit');
  return async () => {
    await client.query('begin');
    await client.query('delete from messages where id >= $1', [o.firstId ?? 1]);
    const parts = added.map((k) => k.split('|'));
    await client.query(
      `delete from author_days a using unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         as t(d, c, tp, s, l, h)
       where a.day_ts = t.d and a.channel = t.c and a.topic = t.tp and a.sentiment = t.s and a.lang = t.l and a.author_hash = t.h`,
      [0, 1, 2, 3, 4, 5].map((n) => parts.map((p) => p[n])),
    );
    await addRollups(client, tally.rollups, -1);
    await client.query('delete from rollups_hourly where count <= 0');
    await client.query('commit');
  };
}
