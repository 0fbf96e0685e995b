/** Filters live in the URL so a link reproduces the view. Pure parsing/serialising plus one hook. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface Filters {
  from?: string;
  to?: string;
  channel?: string;
  topic?: string;
  sentiment?: string;
  lang?: string;
  bucket?: 'hour' | 'day' | 'week';
  q?: string;
  page?: number;
  /** ISO 8601 instants narrowing the days (an incident's or a chart bucket's span). */
  start?: string;
  end?: string;
  /** Order of search results. */
  sort?: 'relevance' | 'newest';
}

const KEYS = [
  'from',
  'to',
  'channel',
  'topic',
  'sentiment',
  'lang',
  'bucket',
  'q',
  'page',
  'start',
  'end',
] as const;

export function parseFilters(params: URLSearchParams): Filters {
  const out: Filters = {};
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const from = params.get('from');
  const to = params.get('to');
  if (from && date.test(from)) out.from = from;
  if (to && date.test(to)) out.to = to;
  for (const key of ['channel', 'topic', 'sentiment', 'lang', 'q'] as const) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  for (const key of ['start', 'end'] as const) {
    const v = params.get(key);
    if (v && !Number.isNaN(Date.parse(v))) out[key] = v;
  }
  const sort = params.get('sort');
  if (sort === 'relevance' || sort === 'newest') out.sort = sort;
  const bucket = params.get('bucket');
  if (bucket === 'hour' || bucket === 'day' || bucket === 'week') out.bucket = bucket;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}

/** Query string for the API (only the keys it understands for `keys`). */
export function toQuery(
  filters: Filters,
  keys: readonly (keyof Filters)[] = KEYS,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const v = filters[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Merges a change; any filter change sends the list back to page 1. */
export function mergeFilters(current: Filters, change: Partial<Filters>): Filters {
  const next: Filters = { ...current, ...change };
  if (!('page' in change)) delete next.page;
  for (const key of KEYS) if (next[key] === undefined || next[key] === '') delete next[key];
  return next;
}

export const SLICE_KEYS = ['from', 'to', 'channel', 'topic', 'sentiment', 'lang'] as const;

export function useFilters(): [Filters, (change: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const update = useCallback(
    (change: Partial<Filters>) => {
      const next = mergeFilters(parseFilters(params), change);
      setParams(new URLSearchParams(toQuery(next).slice(1)));
    },
    [params, setParams],
  );
  return [filters, update];
}
