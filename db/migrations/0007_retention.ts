import { type Kysely, sql } from 'kysely';
import { isSqlite } from './helpers.ts';

/**
 * Nothing lost, nothing kept: random queue-job keys and the reference-code sequence (a new database
 * lifetime never repeats the last one's job ids or codes), tombstones of erased events, the one
 * store of platform addresses, and a scrub of what earlier versions kept: raw payloads of processed
 * inbox rows (their latest addresses move to contact_addresses first) and Telegram chat ids in
 * message ids. SQLite's search index learns to really delete (FTS5 `secure-delete`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const lite = isSqlite(db);
  const random = lite ? sql`lower(hex(randomblob(8)))` : sql`substr(md5(random()::text || id::text), 1, 16)`;
  for (const table of ['inbox', 'replies']) {
    await db.schema.alterTable(table).addColumn('job_key', 'text').execute();
    await sql`update ${sql.table(table)} set job_key = ${random}`.execute(db);
  }

  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into sequences (name, value) values ('ref', 0)`.execute(db);

  await db.schema
    .createTable('erased_events')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contact_addresses')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_addresses_pk', ['channel', 'author_hash'])
    .execute();
  await db.schema
    .createIndex('contact_addresses_updated_idx')
    .on('contact_addresses')
    .column('updated_at')
    .execute();

  await moveAddressesOutOfPayloads(db);
  await sql`update inbox set payload = '{}' where status in ('done', 'ignored')`.execute(db);

  // Telegram message ids were `<chat id>:<message id>`; in a private chat (positive id) the chat id
  // is the user id. The author's pseudonym takes its place (bots/shared/pseudonym.ts storedMessageId).
  await (lite
    ? sql`update messages set platform_message_id =
        author_hash || ':' || substr(platform_message_id, instr(platform_message_id, ':') + 1)
        where channel = 'telegram' and platform_message_id glob '[0-9]*:*'`
    : sql`update messages set platform_message_id = author_hash || ':' || split_part(platform_message_id, ':', 2)
        where channel = 'telegram' and platform_message_id ~ '^[0-9]+:'`
  ).execute(db);

  if (lite) await sql`insert into messages_fts(messages_fts, rank) values ('secure-delete', 1)`.execute(db);
}

/** The latest reply address of each citizen, from the payloads about to be scrubbed. */
async function moveAddressesOutOfPayloads(db: Kysely<unknown>): Promise<void> {
  let lastId = 0;
  for (;;) {
    const rows = (
      await sql<{
        id: number;
        channel: string;
        author_hash: string | null;
        payload: string;
        received_at: number;
      }>`
        select id, channel, author_hash, payload, received_at from inbox
        where status in ('done', 'ignored') and id > ${lastId} order by id limit 1000`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    lastId = Number(rows[rows.length - 1]!.id);
    for (const r of rows) {
      const address = addressOf(r.payload);
      if (!address || !r.author_hash) continue;
      await sql`insert into contact_addresses (channel, author_hash, address, updated_at)
        values (${r.channel}, ${r.author_hash}, ${address}, ${Number(r.received_at)})
        on conflict (channel, author_hash) do update set address = excluded.address, updated_at = excluded.updated_at
        where excluded.updated_at >= contact_addresses.updated_at`.execute(db);
    }
  }
}

function addressOf(payload: string): string | undefined {
  try {
    const v: unknown = JSON.parse(payload);
    if (typeof v !== 'object' || v === null) return undefined;
    const a = (v as { address?: unknown }).address;
    if (typeof a !== 'object' || a === null || Object.keys(a).length === 0) return undefined;
    return JSON.stringify(a);
  } catch {
    return undefined;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['contact_addresses', 'erased_events', 'sequences']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  for (const table of ['inbox', 'replies']) await db.schema.alterTable(table).dropColumn('job_key').execute();
}
