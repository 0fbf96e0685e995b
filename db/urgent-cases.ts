/**
 * urgent_cases: messages that report money lost, an account taken over or personal data misused,
 * from the moment the pipeline stores them until someone on the team marks them handled.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema/index.ts';

export interface UrgentCase {
  id: number;
  messageId: number;
  channel: string;
  kinds: string[];
  createdAt: number;
  notifiedAt: number | null;
  handledAt: number | null;
  handledBy: string | null;
  /** Redacted text, for roles that may read messages; absent otherwise. */
  text?: string;
  refCode?: string | null;
  topic?: string;
}

/** Records one urgent case in the pipeline's transaction (once per message). */
export async function insertUrgentCase(
  trx: Transaction<Database> | Kysely<Database>,
  c: { messageId: number; channel: string; authorHash: string; kinds: readonly string[]; now: number },
): Promise<void> {
  await trx
    .insertInto('urgent_cases')
    .values({
      message_id: c.messageId,
      channel: c.channel,
      author_hash: c.authorHash,
      kinds: c.kinds.join(','),
      created_at: c.now,
      notified_at: null,
      handled_at: null,
      handled_by: null,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

export async function listUrgentCases(
  db: Db,
  o: { status: 'open' | 'handled'; withText: boolean; limit?: number },
): Promise<UrgentCase[]> {
  const rows = await db.kysely
    .selectFrom('urgent_cases as u')
    .innerJoin('messages as m', 'm.id', 'u.message_id')
    .select([
      'u.id',
      'u.message_id',
      'u.channel',
      'u.kinds',
      'u.created_at',
      'u.notified_at',
      'u.handled_at',
      'u.handled_by',
      'm.text_redacted',
      'm.ref_code',
      'm.topic',
    ])
    .where('u.handled_at', o.status === 'open' ? 'is' : 'is not', null)
    .orderBy('u.id', o.status === 'open' ? 'asc' : 'desc')
    .limit(o.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    messageId: Number(r.message_id),
    channel: r.channel,
    kinds: r.kinds.split(',').filter(Boolean),
    createdAt: Number(r.created_at),
    notifiedAt: r.notified_at === null ? null : Number(r.notified_at),
    handledAt: r.handled_at === null ? null : Number(r.handled_at),
    handledBy: r.handled_by,
    topic: r.topic,
    ...(o.withText ? { text: r.text_redacted, refCode: r.ref_code } : {}),
  }));
}

export async function countOpenUrgentCases(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('urgent_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a case handled; false when it does not exist or was already handled. */
export async function markUrgentCaseHandled(db: Db, id: number, by: string, now: number): Promise<boolean> {
  const res = await db.kysely
    .updateTable('urgent_cases')
    .set({ handled_at: now, handled_by: by })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Cases the team chat has not been told about yet, oldest first. */
export async function unnotifiedUrgentCases(db: Db): Promise<Array<{ id: number; kinds: string[] }>> {
  const rows = await db.kysely
    .selectFrom('urgent_cases')
    .select(['id', 'kinds'])
    .where('notified_at', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), kinds: r.kinds.split(',').filter(Boolean) }));
}

export async function markUrgentCasesNotified(db: Db, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.kysely.updateTable('urgent_cases').set({ notified_at: now }).where('id', 'in', ids).execute();
}
