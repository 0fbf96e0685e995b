/**
 * What the bot may tell a citizen about their own data: their messages (redacted) and contact record
 * on one channel, and the message behind one of their reference codes. Always scoped to the asking
 * citizen's pseudonym, so a code typed by someone else finds nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema/index.ts';

type Conn = Transaction<Database> | Kysely<Database>;

export async function citizenMessages(
  db: Conn,
  channel: string,
  authorHash: string,
  limit: number,
): Promise<{
  messages: Array<{ receivedAt: number; topic: string; refCode: string | null; text: string }>;
  total: number;
}> {
  const base = db.selectFrom('messages').where('channel', '=', channel).where('author_hash', '=', authorHash);
  const [rows, count] = await Promise.all([
    base
      .select(['received_at', 'topic', 'ref_code', 'text_redacted'])
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    messages: rows.map((r) => ({
      receivedAt: Number(r.received_at),
      topic: r.topic,
      refCode: r.ref_code,
      text: r.text_redacted,
    })),
    total: Number(count.n),
  };
}

export async function citizenMessageByRef(
  db: Conn,
  channel: string,
  authorHash: string,
  refCode: string,
): Promise<{ receivedAt: number; topic: string } | undefined> {
  const row = await db
    .selectFrom('messages')
    .select(['received_at', 'topic'])
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .where('ref_code', '=', refCode)
    .executeTakeFirst();
  return row ? { receivedAt: Number(row.received_at), topic: row.topic } : undefined;
}

export async function contactRecord(
  db: Conn,
  channel: string,
  authorHash: string,
): Promise<{ firstSeenAt: number; noticeVersion: string | null } | undefined> {
  const row = await db
    .selectFrom('contacts')
    .select(['first_seen_at', 'notice_version'])
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  return row ? { firstSeenAt: Number(row.first_seen_at), noticeVersion: row.notice_version } : undefined;
}
