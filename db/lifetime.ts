/**
 * What keeps a new database lifetime (a reset, a restored backup) from repeating the last one's
 * names: queue job keys are random, and reference-code numbers come from a sequence that never falls
 * behind the clock, so a restored (older) sequence value cannot re-issue a code already given out.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** A random key for a row's queue job (64 bits, hex). */
export function newJobKey(): string {
  return randomBytes(8).toString('hex');
}

/** Reference-code numbers count in units of 100 µs since 2026-01-01 UTC (9 base-32 digits: ~110 years). */
const REF_EPOCH_MS = Date.UTC(2026, 0, 1);
const REF_TICKS_PER_MS = 10;

/**
 * Reserves `n` consecutive reference-code numbers and returns the first. The sequence moves to
 * max(stored + n, clock + n − 1): strictly increasing, and never behind the clock, so numbers
 * issued after a backup was taken are not issued again once it is restored (the pipeline issues far
 * fewer than 10,000 codes a second, so the sequence does not run ahead of the clock). Its own short
 * statement, outside the pipeline's transaction, so concurrent workers wait on it only briefly; a
 * number reserved by a transaction that then fails is simply never used.
 */
export async function reserveRefNumbers(db: Db, n: number, nowMs: number): Promise<number> {
  const clock = Math.max(0, Math.floor((nowMs - REF_EPOCH_MS) * REF_TICKS_PER_MS)) + n - 1;
  const row = await sql<{ value: number }>`update sequences
    set value = case when value + ${n} > ${clock} then value + ${n} else ${clock} end
    where name = 'ref' returning value`.execute(db.kysely);
  const last = row.rows[0]?.value;
  if (last === undefined) throw new Error('the reference-code sequence is missing (migration 0007)');
  return Number(last) - n + 1;
}

/** An inbox or outbox row as its queue job names it: the row id and its random job key. */
export interface JobRef {
  id: number;
  key: string | null;
}
