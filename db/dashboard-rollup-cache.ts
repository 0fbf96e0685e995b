import { rollupBy, rollupSeries, rollupTotal } from './dashboard-aggregates.ts';
import {
  type Bucket,
  bucketStart,
  DAY_MS,
  type Dimension,
  dimensionValues,
  localDayStart,
  type SliceFilter,
} from './dashboard-filters.ts';
import type { Db } from './database.ts';
import type { Changed, ChangeWatcher } from './rollup-changes.ts';

/** [channel, topic, sentiment, lang, count] summed over one local day. */
type Row = readonly [string, string, string, string, number];
/** [channel, topic, sentiment, lang, count, hour_ts]: one roll-up row as stored. */
type HourRow = readonly [string, string, string, string, number, number];
interface DayData {
  combos: Row[];
  hours: HourRow[];
}
const DIM_INDEX: Record<Dimension, 0 | 1 | 2 | 3> = { channel: 0, topic: 1, sentiment: 2, lang: 3 };

export interface RollupSource {
  total(filter: SliceFilter): Promise<number>;
  by(filter: SliceFilter, dim: Dimension): Promise<Map<string, number>>;
  series(filter: SliceFilter, bucket: Bucket, by: Dimension): Promise<Map<string, Map<number, number>>>;
  /** Forget a cached day (after a relabel of a message received at `ms`). */
  invalidate(ms: number): void;
}

function matcher(filter: SliceFilter): (r: Row | HourRow) => boolean {
  const sets = (['channel', 'topic', 'sentiment', 'lang'] as const).map((d) => {
    const v = dimensionValues(filter, d);
    return v && v.length > 0 ? new Set(v) : null;
  });
  return (r) => sets.every((s, i) => s === null || s.has(r[i] as string));
}

export function createRollupReader(
  db: Db,
  options: {
    now: () => number;
    ttlMs?: number;
    /** History written by any process (rollup_changes) drops the days it touched before the next read. */
    changes?: ChangeWatcher;
    /** Called after days were dropped for such a change (e.g. to forget suppression decisions). */
    onChange?: () => void;
  },
): RollupSource {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const todayTtl = Math.min(ttl, 15_000);
  const cache = new Map<number, { at: number; rows: Promise<DayData>; refreshing?: boolean }>();
  const generation = new Map<number, number>();
  // Range sums (≤ 324 combinations each) for the tiles and splits; dropped whenever any day changes.
  let rangeSums = new Map<string, Promise<Row[]>>();
  const changed = () => {
    rangeSums = new Map();
  };

  // Raw rows, no GROUP BY: sorting in SQL cost more than summing here; hours serve hour buckets.
  async function load(fromDay: number, toDay: number): Promise<Map<number, DayData>> {
    const rows = await db.kysely
      .selectFrom('rollups_hourly')
      .select(['hour_ts', 'channel', 'topic', 'sentiment', 'lang', 'count'])
      .where('hour_ts', '>=', fromDay)
      .where('hour_ts', '<', toDay)
      .execute();
    const sums = new Map<number, Map<string, [string, string, string, string, number]>>();
    const out = new Map<number, DayData>();
    for (let d = fromDay; d < toDay; d += DAY_MS) {
      out.set(d, { combos: [], hours: [] });
      sums.set(d, new Map());
    }
    for (const r of rows) {
      const hour = Number(r.hour_ts);
      const day = localDayStart(hour);
      const n = Number(r.count);
      out.get(day)?.hours.push([r.channel, r.topic, r.sentiment, r.lang, n, hour]);
      const bucket = sums.get(day);
      if (!bucket) continue;
      const key = `${r.channel}|${r.topic}|${r.sentiment}|${r.lang}`;
      const sum = bucket.get(key);
      if (sum) sum[4] += n;
      else bucket.set(key, [r.channel, r.topic, r.sentiment, r.lang, n]);
    }
    for (const [day, bucket] of sums) {
      const data = out.get(day);
      if (data) data.combos = [...bucket.values()];
    }
    return out;
  }

  function refresh(days: number[], now: number): void {
    if (days.length === 0) return;
    const first = days[0] ?? 0;
    const loading = load(first, (days[days.length - 1] ?? first) + DAY_MS);
    for (const d of days) {
      const rows = loading.then((m) => m.get(d) ?? { combos: [], hours: [] });
      // A failed load must not stay cached.
      rows.catch(() => cache.delete(d));
      cache.set(d, { at: now, rows });
    }
    changed();
  }

  const drop = (what: Changed) => {
    for (const day of what === 'all' ? [...cache.keys()] : what) {
      cache.delete(day);
      generation.set(day, (generation.get(day) ?? 0) + 1);
    }
    changed();
    options.onChange?.();
  };

  /** Data of every local day in [fromMs, toMs) (both local midnights). */
  async function days(fromMs: number, toMs: number): Promise<DayData[] & { memo: typeof rangeSums }> {
    await options.changes?.check(drop);
    const now = options.now();
    const today = localDayStart(now);
    const missing: number[] = [];
    const stale: number[] = [];
    for (let d = fromMs; d < toMs; d += DAY_MS) {
      const hit = cache.get(d);
      if (!hit) missing.push(d);
      // Today keeps changing: it is re-read after a few seconds and waited for.
      else if (d >= today && now - hit.at > todayTtl) missing.push(d);
      // Past days are served from memory while a refresh runs, so nobody waits for the reload.
      else if (d < today && now - hit.at > ttl && !hit.refreshing) stale.push(d);
    }
    refresh(missing, now);
    if (stale.length > 0) {
      for (const d of stale) {
        const hit = cache.get(d);
        if (hit) hit.refreshing = true;
      }
      const first = stale[0] ?? fromMs;
      const started = new Map(stale.map((d) => [d, generation.get(d) ?? 0]));
      load(first, (stale[stale.length - 1] ?? first) + DAY_MS).then(
        (m) => {
          for (const d of stale) {
            // A relabel during the reload invalidated the day; what was read may predate it.
            if ((generation.get(d) ?? 0) !== started.get(d)) continue;
            cache.set(d, { at: now, rows: Promise.resolve(m.get(d) ?? { combos: [], hours: [] }) });
          }
          changed();
        },
        () => {
          for (const d of stale) cache.delete(d);
        },
      );
    }
    const out: Promise<DayData>[] = [];
    for (let d = fromMs; d < toMs; d += DAY_MS) {
      out.push(cache.get(d)?.rows ?? Promise.resolve({ combos: [], hours: [] }));
    }
    // The range-sum memo that matches these rows: a reload finishing later replaces it, so sums
    // computed from these rows can never be remembered past that reload.
    const memo = rangeSums;
    return Object.assign(await Promise.all(out), { memo });
  }

  /** Every combination's total over [fromMs, toMs), unfiltered. */
  async function sums(fromMs: number, toMs: number): Promise<Row[]> {
    const all = await days(fromMs, toMs); // may refresh days, which clears rangeSums first
    const key = `${fromMs}|${toMs}`;
    let hit = all.memo.get(key);
    if (!hit) {
      const acc = new Map<string, [string, string, string, string, number]>();
      for (const day of all) {
        for (const r of day.combos) {
          const k = `${r[0]}|${r[1]}|${r[2]}|${r[3]}`;
          const a = acc.get(k);
          if (a) a[4] += r[4];
          else acc.set(k, [r[0], r[1], r[2], r[3], r[4]]);
        }
      }
      hit = Promise.resolve([...acc.values()]);
      all.memo.set(key, hit);
    }
    return hit;
  }

  const aligned = (f: SliceFilter) =>
    localDayStart(f.fromMs) === f.fromMs && localDayStart(f.toMs) === f.toMs;

  return {
    async total(filter) {
      if (!aligned(filter)) return rollupTotal(db, filter);
      const match = matcher(filter);
      let n = 0;
      for (const r of await sums(filter.fromMs, filter.toMs)) if (match(r)) n += r[4];
      return n;
    },
    async by(filter, dim) {
      if (!aligned(filter)) return rollupBy(db, filter, dim);
      const match = matcher(filter);
      const i = DIM_INDEX[dim];
      const out = new Map<string, number>();
      for (const r of await sums(filter.fromMs, filter.toMs)) {
        if (match(r)) out.set(r[i], (out.get(r[i]) ?? 0) + r[4]);
      }
      return out;
    },
    async series(filter, bucket, by) {
      if (!aligned(filter)) return rollupSeries(db, filter, bucket, by);
      const match = matcher(filter);
      const i = DIM_INDEX[by];
      const out = new Map<string, Map<number, number>>();
      const add = (key: string, b: number, n: number) => {
        const s = out.get(key) ?? new Map<number, number>();
        s.set(b, (s.get(b) ?? 0) + n);
        out.set(key, s);
      };
      const all = await days(filter.fromMs, filter.toMs);
      all.forEach((day, k) => {
        if (bucket === 'hour') {
          for (const r of day.hours) if (match(r)) add(r[i], r[5], r[4]);
          return;
        }
        const b = bucketStart(filter.fromMs + k * DAY_MS, bucket);
        for (const r of day.combos) if (match(r)) add(r[i], b, r[4]);
      });
      return out;
    },
    invalidate(ms) {
      const day = localDayStart(ms);
      cache.delete(day);
      generation.set(day, (generation.get(day) ?? 0) + 1);
      changed();
    },
  };
}
