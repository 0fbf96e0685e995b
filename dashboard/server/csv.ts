/** CSV exports. Suppressed cells are written exactly as the API and UI show them ("< k"). */
import type { TimeseriesResponse } from './api-types.ts';

function cell(value: string | number): string {
  const s = String(value);
  // Quote always-risky cells; a leading = + - @ is neutralised so spreadsheets never run it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Asia/Ho_Chi_Minh wall time with its offset, e.g. `2026-11-02 00:00+07:00`. */
function localTime(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}+07:00`;
}

export function seriesCsv(ts: Pick<TimeseriesResponse, 'buckets' | 'series' | 'by'>): string {
  const header = ['bucket_start', ...ts.series.map((s) => s.key)];
  const lines = [header.map(cell).join(',')];
  ts.buckets.forEach((b, i) => {
    lines.push([localTime(b), ...ts.series.map((s) => s.values[i] ?? 0)].map(cell).join(','));
  });
  lines.push(['total', ...ts.series.map((s) => s.total)].map(cell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
