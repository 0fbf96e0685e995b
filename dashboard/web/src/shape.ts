/** Pure data shaping for charts and tiles (unit-tested in shape.test.ts). */
import type { CountValue, TimeseriesResponse } from '../../server/api-types.ts';

/** Chart value: suppressed cells become gaps (null), never a misleading number. */
export function chartValue(v: CountValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

export interface ChartSeries {
  label: string;
  key: string;
  data: (number | null)[];
}

export interface ChartShape {
  labels: string[];
  series: ChartSeries[];
}

export function seriesToChart(
  ts: Pick<TimeseriesResponse, 'buckets' | 'series' | 'bucket'>,
  labelOf: (key: string) => string,
  bucketLabel: (ms: number, bucket: TimeseriesResponse['bucket']) => string,
  maxSeries = 8,
): ChartShape {
  const kept = ts.series.slice(0, maxSeries);
  const rest = ts.series.slice(maxSeries);
  const series: ChartSeries[] = kept.map((s) => ({
    key: s.key,
    label: labelOf(s.key),
    data: s.values.map(chartValue),
  }));
  if (rest.length > 0) {
    // The tail is summed into one series; a suppressed cell there stays a gap rather than an undercount.
    series.push({
      key: 'rest',
      label: labelOf('rest'),
      data: ts.buckets.map((_, i) => {
        let sum = 0;
        for (const s of rest) {
          const v = s.values[i];
          if (typeof v !== 'number') return null;
          sum += v;
        }
        return sum;
      }),
    });
  }
  return { labels: ts.buckets.map((b) => bucketLabel(b, ts.bucket)), series };
}

/** "1.234" / "< 5" for a tile or table cell. */
export function showCount(v: CountValue, num: (n: number) => string): string {
  return typeof v === 'number' ? num(v) : v;
}

/** "+12,5 %" style change, or an en dash when it cannot be computed. */
export function showChange(pct: number | null, num: (n: number) => string): string {
  if (pct === null) return '–';
  return `${pct > 0 ? '+' : ''}${num(pct)} %`;
}

export function isEmptySeries(ts: Pick<TimeseriesResponse, 'series'>): boolean {
  return ts.series.every((s) => s.values.every((v) => v === 0));
}
