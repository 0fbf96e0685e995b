import { DAY_MS, type SliceFilter } from './dashboard-filters.ts';

/**
 * A page of a broad search in time order, read window by window newest first (one day, then twice as
 * long each time) until the page is full: a page costs about the window it is found in, however many
 * matches the search has in all. `read(lo, hi, limit)` returns up to `limit` matches received in
 * [lo, hi), newest first.
 */
export async function searchByWindows<R>(
  filter: SliceFilter,
  options: { page: number; pageSize: number },
  read: (lo: number, hi: number, limit: number) => Promise<R[]>,
): Promise<R[]> {
  const need = options.page * options.pageSize;
  const out: R[] = [];
  let hi = filter.toMs;
  for (let span = DAY_MS; hi > filter.fromMs && out.length < need; span *= 2) {
    const lo = Math.max(filter.fromMs, hi - span);
    out.push(...(await read(lo, hi, need - out.length)));
    hi = lo;
  }
  return out.slice((options.page - 1) * options.pageSize, need);
}
