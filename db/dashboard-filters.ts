/**
 * The filter every dashboard query takes, and the time arithmetic of Asia/Ho_Chi_Minh (UTC+7 all
 * year, no daylight saving) that turns hourly roll-ups into local days and ISO weeks.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema/index.ts';

export const VN_OFFSET_MS = 7 * 3_600_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type Bucket = 'hour' | 'day' | 'week';

export interface SliceFilter {
  /** Inclusive start, epoch ms (a local midnight when it comes from the API). */
  fromMs: number;
  /** Exclusive end. */
  toMs: number;
  channels?: readonly string[] | undefined;
  topics?: readonly string[] | undefined;
  sentiments?: readonly string[] | undefined;
  langs?: readonly string[] | undefined;
}

/** Dimensions shared by rollups_hourly, author_days and messages. */
export type Dimension = 'channel' | 'topic' | 'sentiment' | 'lang';
export const DIMENSIONS: readonly Dimension[] = ['channel', 'topic', 'sentiment', 'lang'];

export function dimensionValues(filter: SliceFilter, dim: Dimension): readonly string[] | undefined {
  switch (dim) {
    case 'channel':
      return filter.channels;
    case 'topic':
      return filter.topics;
    case 'sentiment':
      return filter.sentiments;
    case 'lang':
      return filter.langs;
  }
}

/** `filter` narrowed further to one value of one dimension (a chart series, a tile). */
export function withDimension(filter: SliceFilter, dim: Dimension, value: string): SliceFilter {
  const key = ({ channel: 'channels', topic: 'topics', sentiment: 'sentiments', lang: 'langs' } as const)[
    dim
  ];
  return { ...filter, [key]: [value] };
}

type DimTable = 'rollups_hourly' | 'author_days' | 'messages';

/** WHERE clauses for the non-time dimensions, usable on any of the three tables. */
export function dimensionWhere<T extends DimTable>(eb: ExpressionBuilder<Database, T>, filter: SliceFilter) {
  const ands = [];
  for (const dim of DIMENSIONS) {
    const values = dimensionValues(filter, dim);
    if (values && values.length > 0) {
      // The column exists on all three tables; Kysely cannot see that through the generic.
      const ref = eb.ref(dim as never);
      ands.push(values.length === 1 ? eb(ref, '=', values[0] as never) : eb(ref, 'in', values as never));
    }
  }
  return eb.and(ands);
}

/** Local (UTC+7) midnight at or before `ms`. */
export function localDayStart(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
}

/** Local Monday midnight at or before `ms` (ISO weeks). */
export function localWeekStart(ms: number): number {
  const day = Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Monday = 0
  return (day - weekday) * DAY_MS - VN_OFFSET_MS;
}

export function bucketStart(ms: number, bucket: Bucket): number {
  if (bucket === 'hour') return Math.floor(ms / HOUR_MS) * HOUR_MS;
  return bucket === 'day' ? localDayStart(ms) : localWeekStart(ms);
}

export function nextBucket(start: number, bucket: Bucket): number {
  return start + (bucket === 'hour' ? HOUR_MS : bucket === 'day' ? DAY_MS : 7 * DAY_MS);
}

/** Every bucket start overlapping [fromMs, toMs). */
export function bucketStarts(fromMs: number, toMs: number, bucket: Bucket): number[] {
  const out: number[] = [];
  for (let b = bucketStart(fromMs, bucket); b < toMs; b = nextBucket(b, bucket)) out.push(b);
  return out;
}

/** `YYYY-MM-DD` (local date) → local midnight epoch ms. */
export function localDateToMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) - VN_OFFSET_MS;
}

/** Local midnight epoch ms → `YYYY-MM-DD`. */
export function msToLocalDate(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}
