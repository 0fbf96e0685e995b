/**
 * Text every dialect can store. PostgreSQL refuses U+0000 in text (`invalid byte sequence for
 * encoding "UTF8": 0x00`), and a lone UTF-16 surrogate is not text at all (drivers silently turn it
 * into U+FFFD, or fail). The intake applies this to every string of an event before it is stored,
 * and the pipeline again when it reads a stored event, so both paths store the same thing.
 */
import type { Db } from './database.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_WORK = /[\u0000\uD800-\uDFFF]/;

/** Drops U+0000 and turns lone surrogates into U+FFFD; other text is returned as it is. */
export function storableText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** JSON.stringify / JSON.parse with every string made storable. */
export const storableJson = {
  stringify: (value: unknown): string =>
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? storableText(v) : v)),
  parse: (text: string): unknown =>
    JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' ? storableText(v) : v)),
};

/**
 * Inbox rows that failed for good only because their text could not be stored (before the intake
 * made it storable) go back to pending, so the sweeper queues them again. Run at worker start-up.
 */
export async function reviveUnstorableFailures(db: Db): Promise<number> {
  const res = await db.kysely
    .updateTable('inbox')
    .set({ status: 'pending', error: null })
    .where('status', '=', 'failed')
    .where((eb) => eb.or([eb('error', 'like', '%invalid byte sequence%'), eb('error', 'like', '%0x00%')]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
