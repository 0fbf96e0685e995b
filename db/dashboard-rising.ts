/**
 * "Rising" on the Overview: problem topics whose volume in the requested range is above what the
 * history before the range predicts (workers/analysis/trends/range.ts), most unusual first. Reads the
 * hourly roll-ups through the dashboard's roll-up source; the history never reaches back before the
 * first stored hour (the weeks before go-live are not quiet weeks).
 */
import { scoreRange } from '../workers/analysis/trends/range.ts';
import type { CountValue, Suppressor } from './dashboard-aggregates.ts';
import { DAY_MS, HOUR_MS, localDayStart, type SliceFilter, withDimension } from './dashboard-filters.ts';
import type { RollupSource } from './dashboard-rollup-cache.ts';

export interface RisingTopic {
  topic: string;
  count: CountValue;
  /** Expected volume over the same hours from the history before `from` (one decimal). */
  expected: number;
  /** ISO 8601: the first hour of the range's most anomalous stretch. */
  since: string;
  /** -log10 of the tail probability of the range's volume (higher = more unusual). */
  score: number;
}

/** Topics that are never "going wrong". */
export const NOT_PROBLEMS: ReadonlySet<string> = new Set(['praise']);

export interface RisingOptions {
  /** Fewest messages in the range (default 8, and never fewer than k). */
  minVolume?: number;
  /** -log10 p from which a range is unusual (default 2: p < 0.01). */
  minScore?: number;
  /** History used, in weeks before `from` (default 4). */
  weeks?: number;
  limit?: number;
}

export async function risingTopics(
  source: RollupSource,
  suppressor: Suppressor,
  filter: SliceFilter,
  firstHour: number | undefined,
  now: number,
  options: RisingOptions = {},
): Promise<RisingTopic[]> {
  if (firstHour === undefined) return [];
  const weeks = options.weeks ?? 4;
  const minVolume = Math.max(options.minVolume ?? 8, suppressor.k);
  const minScore = options.minScore ?? 2;
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const rangeEnd = Math.min(filter.toMs, currentHour + HOUR_MS);
  const historyStart = Math.max(filter.fromMs - weeks * 7 * DAY_MS, firstHour);
  if (rangeEnd <= filter.fromMs) return [];
  const loadFrom = Math.min(localDayStart(historyStart), filter.fromMs);
  const raw = await source.series({ ...filter, fromMs: loadFrom, toMs: filter.toMs }, 'hour', 'topic');
  const historyHours = Math.max(0, (filter.fromMs - historyStart) / HOUR_MS);
  const rangeHours = (rangeEnd - filter.fromMs) / HOUR_MS;
  const fraction = rangeEnd === currentHour + HOUR_MS ? (now - currentHour) / HOUR_MS : 1;
  const out: RisingTopic[] = [];
  for (const [topic, counts] of raw) {
    if (NOT_PROBLEMS.has(topic)) continue;
    const history = new Float64Array(historyHours);
    const range = new Float64Array(rangeHours);
    for (const [ts, n] of counts) {
      if (ts >= historyStart && ts < filter.fromMs) history[(ts - historyStart) / HOUR_MS] = n;
      else if (ts >= filter.fromMs && ts < rangeEnd) range[(ts - filter.fromMs) / HOUR_MS] = n;
    }
    const r = scoreRange(history, range, filter.fromMs, { weeks, lastHourFraction: fraction });
    if (!r || r.since === null || r.observed < minVolume || r.score < minScore) continue;
    const count = await suppressor.show(withDimension(filter, 'topic', topic), r.observed);
    if (typeof count !== 'number') continue; // too few citizens to say anything about
    out.push({
      topic,
      count,
      expected: Math.round(r.expected * 10) / 10,
      since: new Date(r.since).toISOString(),
      score: Math.round(r.score * 100) / 100,
    });
  }
  out.sort((a, b) => b.score - a.score || Number(b.count) - b.expected - (Number(a.count) - a.expected));
  return out.slice(0, options.limit ?? 5);
}
