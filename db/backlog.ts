import type { Db } from './database.ts';

/**
 * Work the database still holds: pending and failed rows of the inbox (events) or the outbox (replies).
 * Both tables have an index on status, so this stays cheap however much is done.
 */
export async function backlog(
  db: Db,
  table: 'inbox' | 'replies',
): Promise<{ pending: number; failed: number }> {
  const rows = await db.kysely
    .selectFrom(table)
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute();
  const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { pending: of('pending'), failed: of('failed') };
}
