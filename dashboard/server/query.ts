/** Query-string parsing shared by the routes: filters from the URL into a SliceFilter. */
import { z } from 'zod';
import { CHANNELS } from '../../bots/shared/events.ts';
import {
  type Bucket,
  DAY_MS,
  localDateToMs,
  localDayStart,
  msToLocalDate,
  type SliceFilter,
} from '../../db/dashboard-filters.ts';
import { SENTIMENTS, TOPIC_IDS } from '../../workers/analysis/taxonomy.ts';
import { invalid } from './errors.ts';

const list = <T extends string>(allowed: readonly T[] | RegExp, name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const parts = [
        ...new Set(
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      for (const p of parts) {
        const ok = allowed instanceof RegExp ? allowed.test(p) : (allowed as readonly string[]).includes(p);
        if (!ok) {
          ctx.addIssue({ code: 'custom', message: `unknown ${name} "${p}"` });
          return z.NEVER;
        }
      }
      return parts;
    });

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const FilterQuery = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  channel: list(CHANNELS, 'channel'),
  topic: list(TOPIC_IDS, 'topic'),
  sentiment: list(SENTIMENTS, 'sentiment'),
  lang: list(/^[a-z]{2,3}$/, 'language'),
});
export type FilterQuery = z.output<typeof FilterQuery>;

/** Default view: the last 30 local days, today included. */
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 400;

export interface ParsedRange {
  filter: SliceFilter;
  from: string;
  to: string;
  days: number;
}

export function toSliceFilter(q: FilterQuery, now: number): ParsedRange {
  const today = localDayStart(now);
  const toDay = q.to ? localDateToMs(q.to) : today;
  const fromDay = q.from ? localDateToMs(q.from) : toDay - (DEFAULT_DAYS - 1) * DAY_MS;
  if (fromDay > toDay) throw invalid('range_reversed', 'from must not be after to');
  const days = Math.round((toDay - fromDay) / DAY_MS) + 1;
  if (days > MAX_DAYS) throw invalid('range_too_long', `the range may span at most ${MAX_DAYS} days`);
  return {
    filter: {
      fromMs: fromDay,
      toMs: toDay + DAY_MS,
      channels: q.channel,
      topics: q.topic,
      sentiments: q.sentiment,
      langs: q.lang,
    },
    from: msToLocalDate(fromDay),
    to: msToLocalDate(toDay),
    days,
  };
}

/** The same number of days just before the range, for "change against the previous period". */
export function previousPeriod(r: ParsedRange): ParsedRange {
  const span = r.filter.toMs - r.filter.fromMs;
  const filter = { ...r.filter, fromMs: r.filter.fromMs - span, toMs: r.filter.fromMs };
  return {
    filter,
    from: msToLocalDate(filter.fromMs),
    to: msToLocalDate(filter.toMs - DAY_MS),
    days: r.days,
  };
}

/** Hour buckets only make sense for short ranges; long ranges fall back to days or weeks. */
export function chooseBucket(requested: Bucket | undefined, days: number): Bucket {
  if (requested === 'hour' && days > 14) return 'day';
  if (requested) return requested;
  return days <= 2 ? 'hour' : days <= 120 ? 'day' : 'week';
}

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const IdParam = z.object({ id: z.coerce.number().int().positive() });

/** zod → JSON Schema for the OpenAPI document only; validation itself is zod's, in the handler. */
export function doc(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return rest;
}
