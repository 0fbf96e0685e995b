/**
 * author_days: one row per (local day, slice, pseudonymous author). The distinct-author look-up behind
 * the small-group rule (`shownCount` in the analysis core) for the dashboard and the weekly report.
 */
import { dimensionWhere, localDayStart, type SliceFilter } from './dashboard-filters.ts';
import type { Db } from './database.ts';

/**
 * True when at least `k` distinct authors wrote into the slice. author_days is per local day, so the
 * slice is widened to the local days it touches. The distinct scan stops as soon as it has k.
 */
export async function hasKAuthors(db: Db, filter: SliceFilter, k: number): Promise<boolean> {
  const base = db.kysely
    .selectFrom('author_days')
    .where('day_ts', '>=', localDayStart(filter.fromMs))
    .where('day_ts', '<', filter.toMs)
    .where((w) => dimensionWhere(w, filter));
  // Fast path: a few rows in primary-key order almost always show k different authors already.
  const sample = await base
    .select('author_hash')
    .limit(k * 10)
    .execute();
  if (new Set(sample.map((r) => r.author_hash)).size >= k) return true;
  if (sample.length < k * 10) return false; // that was every row of the slice
  const row = await db.kysely
    .selectFrom(base.select('author_hash').distinct().limit(k).as('a'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) >= k;
}
