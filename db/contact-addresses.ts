/**
 * The one store of platform addresses: where a reply or a later notice to a citizen goes (Telegram
 * `{chatId}`, Messenger `{psid}` or `{commentId}`, Zalo `{userId}`), the latest one per pseudonymous
 * citizen and channel. Nothing else keeps a platform address for longer than a reply takes. Personal
 * data: deleted on erasure (db/erasure.ts) and after ADDRESS_RETENTION_DAYS without contact
 * (db/retention.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Db } from './database.ts';
import { preparedQuery } from './prepared.ts';
import type { Database } from './schema/index.ts';

export type Address = Record<string, string>;

export interface ContactAddress {
  channel: string;
  authorHash: string;
  address: Address;
  /** When the citizen last wrote from this address (epoch ms). */
  updatedAt: number;
}

type Conn = Kysely<Database> | Transaction<Database>;

/** Records the address a citizen last wrote from (a newer one replaces it, an older one does not). */
export async function saveContactAddress(conn: Conn, a: ContactAddress): Promise<void> {
  await UPSERT_ADDRESS.execute(conn, {
    channel: a.channel,
    authorHash: a.authorHash,
    address: JSON.stringify(a.address),
    at: a.updatedAt,
  });
}

// On the pipeline's hot path: built once (db/prepared.ts).
const UPSERT_ADDRESS = preparedQuery<'channel' | 'authorHash' | 'address' | 'at', never>((db, p) =>
  db
    .insertInto('contact_addresses')
    .values({
      channel: p<string>('channel'),
      author_hash: p<string>('authorHash'),
      address: p<string>('address'),
      updated_at: p<number>('at'),
    })
    .onConflict((oc) =>
      oc
        .columns(['channel', 'author_hash'])
        .doUpdateSet((eb) => ({
          address: eb.ref('excluded.address'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('excluded.updated_at', '>=', (eb) => eb.ref('contact_addresses.updated_at')),
    ),
);

/** The addresses of these citizens on one channel (those still kept). */
export async function getContactAddresses(
  db: Db,
  channel: string,
  authorHashes: readonly string[],
): Promise<ContactAddress[]> {
  const out: ContactAddress[] = [];
  for (let i = 0; i < authorHashes.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('contact_addresses')
      .selectAll()
      .where('channel', '=', channel)
      .where('author_hash', 'in', authorHashes.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.push({
        channel: r.channel,
        authorHash: r.author_hash,
        address: parseAddress(r.address),
        updatedAt: r.updated_at,
      });
    }
  }
  return out;
}

export async function deleteContactAddress(conn: Conn, channel: string, authorHash: string): Promise<number> {
  const res = await conn
    .deleteFrom('contact_addresses')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Deletes addresses not used since `before` (epoch ms); returns how many. */
export async function pruneContactAddresses(conn: Conn, before: number): Promise<number> {
  const res = await conn.deleteFrom('contact_addresses').where('updated_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** An address stored as JSON (a malformed or non-object value is the empty address). */
export function parseAddress(s: string): Address {
  const v: unknown = JSON.parse(s);
  const out: Address = {};
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  }
  return out;
}
