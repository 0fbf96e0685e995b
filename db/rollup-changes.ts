/**
 * Which past days' roll-ups changed since this process last looked (the `rollup_changes` log that
 * triggers on rollups_hourly append to, migration 0010). Any process writing history (cli import, a
 * worker storing a late delivery, a relabel, a re-classification, an erasure) is seen by every
 * dashboard process at its next check: two index lookups, at most once per `minIntervalMs`.
 */
import type { Db } from './database.ts';

/** Days to drop from a cache, or 'all' when the log no longer reaches back to what was seen last. */
export type Changed = readonly number[] | 'all';

export interface ChangeWatcher {
  /**
   * Looks for days changed since the previous look (the first only takes note of where the log is)
   * and hands them to `apply` once; concurrent callers wait for the same look.
   */
  check(apply: (changed: Changed) => void): Promise<void>;
}

/** Keep the log short: beyond this many rows the oldest are removed. */
const KEEP = 10_000;

export function createChangeWatcher(db: Db, options: { minIntervalMs?: number } = {}): ChangeWatcher {
  const interval = options.minIntervalMs ?? 1_000;
  let last: number | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;

  async function look(): Promise<Changed> {
    const edge = await db.kysely
      .selectFrom('rollup_changes')
      .select((eb) => [eb.fn.max<number>('id').as('max'), eb.fn.min<number>('id').as('min')])
      .executeTakeFirst();
    const max = edge?.max === null || edge?.max === undefined ? 0 : Number(edge.max);
    const min = edge?.min === null || edge?.min === undefined ? 0 : Number(edge.min);
    const seen = last;
    last = max;
    if (seen === undefined || max <= seen) return [];
    if (min > seen + 1) return 'all'; // rows this process never saw were pruned
    const rows = await db.kysely
      .selectFrom('rollup_changes')
      .select('day_ts')
      .distinct()
      .where('id', '>', seen)
      .where('id', '<=', max)
      .execute();
    if (max - min > 2 * KEEP)
      await db.kysely
        .deleteFrom('rollup_changes')
        .where('id', '<', max - KEEP)
        .execute();
    return rows.map((r) => Number(r.day_ts));
  }

  return {
    check(apply) {
      if (running) return running;
      // Wall-clock throttle (the dashboard's own clock may be fixed in tests).
      const t = performance.now();
      if (t - checkedAt < interval) return Promise.resolve();
      checkedAt = t;
      running = look()
        .then((changed) => {
          if (changed === 'all' || changed.length > 0) apply(changed);
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
