/**
 * Reads rollups_hourly per local day and keeps completed days in memory for a short time. A 30-day
 * overview then costs one small query for today plus a merge of cached days, instead of scanning and
 * sorting ~100k roll-up rows per request. Today is re-read every 15 s; past days change only through
 * late imports and relabels: relabels invalidate their day here at once, imports show within `ttlMs`.
 */
import { sql } from 'kysely';
import { rollupBy, rollupSeries, rollupTotal } from './dashboard-aggregates.ts';
import {
  type Bucket,
  bucketStart,
  DAY_MS,
  type Dimension,
  dimensionValues,
  localDayStart,
  type SliceFilter,
  VN_OFFSET_MS,
} from './dashboard-filters.ts';
import type { Db } from './database.ts';

/** [channel, topic, sentiment, lang, count] for one local day. */
type Row = readonly [string, string, string, string, number];
const DIM_INDEX: Record<Dimension, 0 | 1 | 2 | 3> = { channel: 0, topic: 1, sentiment: 2, lang: 3 };

export interface RollupSource {
  total(filter: SliceFilter): Promise<number>;
  by(filter: SliceFilter, dim: Dimension): Promise<Map<string, number>>;
  series(filter: SliceFilter, bucket: Bucket, by: Dimension): Promise<Map<string, Map<number, number>>>;
  /** Forget a cached day (after a relabel of a message received at `ms`). */
  invalidate(ms: number): void;
}

function matcher(filter: SliceFilter): (r: Row) => boolean {
  const sets = (['channel', 'topic', 'sentiment', 'lang'] as const).map((d) => {
    const v = dimensionValues(filter, d);
    return v && v.length > 0 ? new Set(v) : null;
  });
  return (r) => sets.every((s, i) => s === null || s.has(r[i] as string));
}

export function createRollupReader(db: Db, options: { now: () => number; ttlMs?: number }): RollupSource {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const todayTtl = Math.min(ttl, 15_000);
  const cache = new Map<number, { at: number; rows: Promise<Row[]> }>();

  async function load(fromDay: number, toDay: number): Promise<Map<number, Row[]>> {
    const rows = await db.kysely
      .selectFrom('rollups_hourly')
      .select([
        sql<number>`((hour_ts + ${sql.lit(VN_OFFSET_MS)}) / ${sql.lit(DAY_MS)})`.as('d'),
        'channel',
        'topic',
        'sentiment',
        'lang',
        (eb) => eb.fn.sum<number>('count').as('n'),
      ])
      .where('hour_ts', '>=', fromDay)
      .where('hour_ts', '<', toDay)
      .groupBy([sql`1`, 'channel', 'topic', 'sentiment', 'lang'])
      .execute();
    const out = new Map<number, Row[]>();
    for (let d = fromDay; d < toDay; d += DAY_MS) out.set(d, []);
    for (const r of rows) {
      const day = Number(r.d) * DAY_MS - VN_OFFSET_MS;
      out.get(day)?.push([r.channel, r.topic, r.sentiment, r.lang, Number(r.n)]);
    }
    return out;
  }

  /** Rows of every local day in [fromMs, toMs) (both local midnights). */
  async function days(fromMs: number, toMs: number): Promise<Row[][]> {
    const now = options.now();
    const today = localDayStart(now);
    const missing: number[] = [];
    for (let d = fromMs; d < toMs; d += DAY_MS) {
      const hit = cache.get(d);
      // Today keeps changing: it is re-read after a few seconds rather than minutes.
      if (!hit || now - hit.at > (d >= today ? todayTtl : ttl)) missing.push(d);
    }
    if (missing.length > 0) {
      const first = missing[0] ?? fromMs;
      const last = (missing[missing.length - 1] ?? fromMs) + DAY_MS;
      const loading = load(first, last);
      for (const d of missing) {
        const rows = loading.then((m) => m.get(d) ?? []);
        // A failed load must not stay cached.
        rows.catch(() => cache.delete(d));
        cache.set(d, { at: now, rows });
      }
    }
    const out: Promise<Row[]>[] = [];
    for (let d = fromMs; d < toMs; d += DAY_MS) out.push(cache.get(d)?.rows ?? Promise.resolve([]));
    return Promise.all(out);
  }

  const aligned = (f: SliceFilter) =>
    localDayStart(f.fromMs) === f.fromMs && localDayStart(f.toMs) === f.toMs;

  return {
    async total(filter) {
      if (!aligned(filter)) return rollupTotal(db, filter);
      const match = matcher(filter);
      let n = 0;
      for (const rows of await days(filter.fromMs, filter.toMs))
        for (const r of rows) if (match(r)) n += r[4];
      return n;
    },
    async by(filter, dim) {
      if (!aligned(filter)) return rollupBy(db, filter, dim);
      const match = matcher(filter);
      const i = DIM_INDEX[dim];
      const out = new Map<string, number>();
      for (const rows of await days(filter.fromMs, filter.toMs)) {
        for (const r of rows) if (match(r)) out.set(r[i], (out.get(r[i]) ?? 0) + r[4]);
      }
      return out;
    },
    async series(filter, bucket, by) {
      if (bucket === 'hour' || !aligned(filter)) return rollupSeries(db, filter, bucket, by);
      const match = matcher(filter);
      const i = DIM_INDEX[by];
      const out = new Map<string, Map<number, number>>();
      const all = await days(filter.fromMs, filter.toMs);
      all.forEach((rows, k) => {
        const b = bucketStart(filter.fromMs + k * DAY_MS, bucket);
        for (const r of rows) {
          if (!match(r)) continue;
          const s = out.get(r[i]) ?? new Map<number, number>();
          s.set(b, (s.get(b) ?? 0) + r[4]);
          out.set(r[i], s);
        }
      });
      return out;
    },
    invalidate(ms) {
      cache.delete(localDayStart(ms));
    },
  };
}
