/**
 * A stacked time chart that tells the truth (pure, unit-tested): hidden cells are one grey "< k" part
 * per bucket (its size from the API, or a "< k" note when the size may not be shown), so a bar is the
 * bucket's real total; the current, partial bucket is noted; release markers and incident periods are
 * placed on the buckets they fall in; each bucket knows its span for the drill-down.
 */
import type { CountValue, TimeseriesResponse } from '../../server/api-types.ts';
import type { ChartSeries, ChartShape } from './shape.ts';

export const HIDDEN_KEY = 'hidden';

export interface ChartMarker {
  index: number;
  label: string;
}
export interface ChartBand {
  from: number;
  /** Inclusive last bucket index. */
  to: number;
  label: string;
}

export interface TruthfulShape extends ChartShape {
  notes: (string | null)[];
  markers: ChartMarker[];
  bands: ChartBand[];
  /** [start, end) epoch ms of each bucket. */
  spans: { startMs: number; endMs: number }[];
}

export interface TruthOptions {
  labelOf: (key: string) => string;
  bucketLabel: (ms: number, bucket: TimeseriesResponse['bucket']) => string;
  /** Label of the grey part, e.g. "< 5". */
  hiddenLabel: string;
  /** Note on the bucket still in progress, e.g. "in progress". */
  partialLabel: string;
  now: number;
  /** Exclusive end of the range (epoch ms). */
  rangeEndMs: number;
  releases?: readonly { at: number; label: string }[];
  incidents?: readonly { startMs: number; endMs: number | null; label: string }[];
  maxSeries?: number;
}

type Ts = Pick<TimeseriesResponse, 'buckets' | 'series' | 'bucket' | 'hidden'>;

const num = (v: CountValue | undefined) => (typeof v === 'number' ? v : null);

function indexOf(spans: TruthfulShape['spans'], ms: number): number {
  return spans.findIndex((s) => ms >= s.startMs && ms < s.endMs);
}

export function truthfulChart(ts: Ts, o: TruthOptions): TruthfulShape {
  const max = o.maxSeries ?? 8;
  const kept = ts.series.slice(0, max);
  const rest = ts.series.slice(max);
  const series: ChartSeries[] = kept.map((s) => ({
    key: s.key,
    label: o.labelOf(s.key),
    data: s.values.map(num),
  }));
  if (rest.length > 0) {
    // Hidden cells of the tail are already in the grey part: the tail sums only what is shown.
    series.push({
      key: 'rest',
      label: o.labelOf('rest'),
      data: ts.buckets.map((_, i) => rest.reduce((sum, s) => sum + (num(s.values[i]) ?? 0), 0)),
    });
  }
  const hidden = ts.hidden ?? ts.buckets.map(() => 0);
  if (hidden.some((h) => h !== 0)) {
    series.push({
      key: HIDDEN_KEY,
      label: o.hiddenLabel,
      data: hidden.map((h) => (typeof h === 'number' && h > 0 ? h : null)),
    });
  }
  const spans = ts.buckets.map((b, i) => ({ startMs: b, endMs: ts.buckets[i + 1] ?? o.rangeEndMs }));
  const notes = spans.map((s, i) => {
    const parts: string[] = [];
    if (typeof hidden[i] === 'string') parts.push(o.hiddenLabel);
    if (o.now >= s.startMs && o.now < s.endMs) parts.push(o.partialLabel);
    return parts.length > 0 ? parts.join(' · ') : null;
  });
  const markers = (o.releases ?? [])
    .map((r) => ({ index: indexOf(spans, r.at), label: r.label }))
    .filter((m) => m.index >= 0);
  const last = spans.length - 1;
  const bands = (o.incidents ?? []).flatMap((inc) => {
    const end = inc.endMs ?? o.now;
    const from = inc.startMs < (spans[0]?.startMs ?? 0) ? 0 : indexOf(spans, inc.startMs);
    const to = end > (spans[last]?.endMs ?? 0) ? last : indexOf(spans, Math.max(inc.startMs, end - 1));
    return from >= 0 && to >= from ? [{ from, to, label: inc.label }] : [];
  });
  return { labels: ts.buckets.map((b) => o.bucketLabel(b, ts.bucket)), series, notes, markers, bands, spans };
}

/** What the bars add up to: every shown number, the grey parts included. */
export function shownSum(shape: Pick<ChartShape, 'series'>): number {
  return shape.series.reduce((s, x) => s + x.data.reduce<number>((a, v) => a + (v ?? 0), 0), 0);
}
