/** CSV exports. Suppressed cells are written exactly as the API and UI show them ("< k"). */
import { type CsvCell, toCsv } from '../../workers/analysis/csv.ts';
import type { TimeseriesResponse } from './api-types.ts';

/** Asia/Ho_Chi_Minh wall time with its offset, e.g. `2026-11-02 00:00+07:00`. */
function localTime(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}+07:00`;
}

export function seriesCsv(ts: Pick<TimeseriesResponse, 'buckets' | 'series' | 'by'>): string {
  const rows: CsvCell[][] = [['bucket_start', ...ts.series.map((s) => s.key)]];
  ts.buckets.forEach((b, i) => {
    rows.push([localTime(b), ...ts.series.map((s) => s.values[i] ?? 0)]);
  });
  rows.push(['total', ...ts.series.map((s) => s.total)]);
  return toCsv(rows);
}
