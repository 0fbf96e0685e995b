/**
 * Aggregate reads for the dashboard. They touch only rollups_hourly (counts) and author_days (distinct
 * citizens for small-group suppression), never the messages table, so they stay fast at any volume.
 */
import { sql } from 'kysely';
import {
  type CountValue,
  isSuppressed,
  type Suppressed,
  shownCount,
  suppressedLabel,
} from '../workers/analysis/suppression.ts';
import { hasKAuthors } from './author-days.ts';
import {
  type Bucket,
  bucketStart,
  bucketStarts,
  DAY_MS,
  type Dimension,
  dimensionWhere,
  localDayStart,
  nextBucket,
  type SliceFilter,
  VN_OFFSET_MS,
  withDimension,
} from './dashboard-filters.ts';
import { mergeHidden } from './dashboard-hidden.ts';
import type { RollupSource } from './dashboard-rollup-cache.ts';
import type { Db } from './database.ts';

export type { CountValue, Suppressed } from '../workers/analysis/suppression.ts';
export { isSuppressed };

/** Total messages in the slice, from the hourly roll-ups. */
export async function rollupTotal(db: Db, filter: SliceFilter): Promise<number> {
  const row = await db.kysely
    .selectFrom('rollups_hourly')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), sql<number>`0`).as('n'))
    .where('hour_ts', '>=', filter.fromMs)
    .where('hour_ts', '<', filter.toMs)
    .where((eb) => dimensionWhere(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Totals per value of one dimension. */
export async function rollupBy(db: Db, filter: SliceFilter, dim: Dimension): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select([sql<string>`${sql.ref(dim)}`.as('key'), (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', filter.fromMs)
    .where('hour_ts', '<', filter.toMs)
    .where((eb) => dimensionWhere(eb, filter))
    .groupBy(dim)
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

function bucketExpr(bucket: Bucket) {
  // Integer division on both dialects (literals: SQLite would bind JS numbers as REAL): hour → local day number → ISO week number (Monday start).
  if (bucket === 'hour') return sql<number>`hour_ts`;
  if (bucket === 'day') return sql<number>`((hour_ts + ${sql.lit(VN_OFFSET_MS)}) / ${sql.lit(DAY_MS)})`;
  return sql<number>`(((hour_ts + ${sql.lit(VN_OFFSET_MS)}) / ${sql.lit(DAY_MS)}) + 3) / 7`;
}

function bucketKeyToMs(key: number, bucket: Bucket): number {
  if (bucket === 'hour') return key;
  if (bucket === 'day') return key * DAY_MS - VN_OFFSET_MS;
  return (key * 7 - 3) * DAY_MS - VN_OFFSET_MS;
}

/** Counts per (bucket start, value of `by`). */
export async function rollupSeries(
  db: Db,
  filter: SliceFilter,
  bucket: Bucket,
  by: Dimension,
): Promise<Map<string, Map<number, number>>> {
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select([
      bucketExpr(bucket).as('b'),
      sql<string>`${sql.ref(by)}`.as('key'),
      (eb) => eb.fn.sum<number>('count').as('n'),
    ])
    .where('hour_ts', '>=', filter.fromMs)
    .where('hour_ts', '<', filter.toMs)
    .where((eb) => dimensionWhere(eb, filter))
    .groupBy([sql`1`, sql`2`])
    .execute();
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const series = out.get(r.key) ?? new Map<number, number>();
    series.set(bucketKeyToMs(Number(r.b), bucket), Number(r.n));
    out.set(r.key, series);
  }
  return out;
}

/**
 * Decides "< k" for slices. author_days is per local day, so a slice is checked over the local days it
 * touches. The distinct scan stops as soon as k authors are seen; results are memoised per request.
 */
export class Suppressor {
  private readonly cache = new Map<string, Promise<boolean>>();
  /**
   * @param memo shared across requests. New messages only add authors, so a remembered "enough" stays
   *   true and a remembered "too few" errs on the private side; relabels clear it, and it expires after
   *   a few minutes so erasures are reflected too (see createSuppressionMemo).
   */
  constructor(
    private readonly db: Db,
    readonly k: number,
    private readonly memo?: { map: Map<string, Promise<boolean>> },
  ) {}

  get label(): Suppressed {
    return suppressedLabel(this.k);
  }

  /** True when the slice has at least k distinct citizens. */
  hasEnoughAuthors(filter: SliceFilter): Promise<boolean> {
    const from = localDayStart(filter.fromMs);
    const to = filter.toMs;
    const key = JSON.stringify([from, to, filter.channels, filter.topics, filter.sentiments, filter.langs]);
    const shared = this.memo?.map ?? this.cache;
    let hit = shared.get(key);
    if (!hit) {
      hit = hasKAuthors(this.db, filter, this.k);
      hit.catch(() => shared.delete(key));
      shared.set(key, hit);
    }
    return hit;
  }

  /** The count to show for a slice whose message count is `count`. */
  show(filter: SliceFilter, count: number): Promise<CountValue> {
    return shownCount(count, this.k, () => this.hasEnoughAuthors(filter));
  }
}

export interface SeriesPoint {
  key: string;
  total: CountValue;
  values: CountValue[];
}

/**
 * A suppressed time series grouped by one dimension, with every bucket of the range present. `hidden`
 * is each bucket's grey "< k" part (db/dashboard-hidden.ts) and `totals` each bucket's total.
 */
export async function timeSeries(
  source: RollupSource,
  suppressor: Suppressor,
  filter: SliceFilter,
  bucket: Bucket,
  by: Dimension,
): Promise<{ buckets: number[]; series: SeriesPoint[]; hidden: CountValue[]; totals: CountValue[] }> {
  const buckets = bucketStarts(filter.fromMs, filter.toMs, bucket);
  const raw = await source.series(filter, bucket, by);
  // Hour cells are checked against their local day, the finest grain author_days keeps.
  const cellSpan = (b: number) =>
    bucket === 'hour'
      ? { fromMs: localDayStart(b), toMs: localDayStart(b) + DAY_MS }
      : { fromMs: Math.max(b, filter.fromMs), toMs: Math.min(nextBucket(b, bucket), filter.toMs) };
  const series: SeriesPoint[] = [];
  const rawRows: number[][] = [];
  for (const [key, counts] of raw) {
    const keyFilter = withDimension(filter, by, key);
    const row = buckets.map((b) => counts.get(b) ?? 0);
    const values = await Promise.all(
      row.map((n, i) => suppressor.show({ ...keyFilter, ...cellSpan(buckets[i] ?? 0) }, n)),
    );
    series.push({ key, total: await suppressor.show(keyFilter, sum(row)), values });
    rawRows.push(row);
  }
  const hidden: CountValue[] = [];
  const totals: CountValue[] = [];
  for (let i = 0; i < buckets.length; i++) {
    const cellRaw = rawRows.map((r) => r[i] ?? 0);
    const total = await suppressor.show({ ...filter, ...cellSpan(buckets[i] ?? 0) }, sum(cellRaw));
    const merged = mergeHidden(
      cellRaw,
      series.map((s) => s.values[i] ?? 0),
      total,
      suppressor.label,
    );
    merged.shown.forEach((v, j) => {
      const s = series[j];
      if (s) s.values[i] = v;
    });
    hidden.push(merged.hidden);
    totals.push(typeof merged.hidden === 'string' ? suppressor.label : sum(cellRaw));
  }
  series.sort(
    (a, b) => (typeof b.total === 'number' ? b.total : 0) - (typeof a.total === 'number' ? a.total : 0),
  );
  return { buckets, series, hidden, totals };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

export interface Breakdown {
  key: string;
  count: CountValue;
}

/** Suppressed totals per value of one dimension, largest first. */
export async function breakdown(
  source: RollupSource,
  suppressor: Suppressor,
  filter: SliceFilter,
  dim: Dimension,
): Promise<Breakdown[]> {
  const counts = await source.by(filter, dim);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return Promise.all(
    sorted.map(async ([key, n]) => ({
      key,
      count: await suppressor.show(withDimension(filter, dim, key), n),
    })),
  );
}

export { bucketStart };

/** Cross-request memo of suppression decisions, dropped every `ttlMs` and on relabel. */
export function createSuppressionMemo(now: () => number, ttlMs = 5 * 60_000) {
  let map = new Map<string, Promise<boolean>>();
  let since = now();
  return {
    current(): { map: Map<string, Promise<boolean>> } {
      const t = now();
      if (t - since > ttlMs) {
        map = new Map();
        since = t;
      }
      return { map };
    },
    clear(): void {
      map = new Map();
    },
  };
}
