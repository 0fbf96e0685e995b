/** The only file that imports chart.js: one wrapper for bar (stacked), line and doughnut charts. */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { type ChartBand, type ChartMarker, HIDDEN_KEY, shownSum } from '../chart-truth.ts';
import type { ChartShape } from '../shape.ts';
import { overlayPlugin } from './chart-overlay.ts';

ChartJs.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

// Colour-blind-safe palette (Okabe–Ito plus greys), readable on white.
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#8C6D1F',
  '#332288',
  '#666666',
];
const SENTIMENT_COLOURS: Record<string, string> = {
  negative: '#C0392B',
  neutral: '#7F8C8D',
  positive: '#1E8449',
};

export interface ChartProps {
  kind: 'stacked' | 'line' | 'doughnut';
  shape: ChartShape;
  /** Accessible summary; the data is also available as a table next to each chart. */
  label: string;
  height?: number;
  /** Text for suppressed (null) values in tooltips, e.g. "< 5". */
  suppressedLabel: string;
  formatNumber: (n: number) => string;
  /** Text above a bucket (a grey part without its size, the bucket still in progress). */
  notes?: (string | null)[];
  /** Release markers: a dashed line at the bucket. */
  markers?: ChartMarker[];
  /** Incident periods: a shaded span of buckets. */
  bands?: ChartBand[];
  /** A bar segment was clicked: its series key and bucket index. */
  onBarClick?: (key: string, index: number) => void;
  /** A legend entry was clicked. */
  onLegendClick?: (key: string) => void;
}

function colourFor(key: string, i: number): string {
  if (key === HIDDEN_KEY) return '#BDBDBD';
  return SENTIMENT_COLOURS[key] ?? PALETTE[i % PALETTE.length] ?? '#666666';
}

export function Chart({
  kind,
  shape,
  label,
  height = 280,
  suppressedLabel,
  formatNumber,
  notes,
  markers,
  bands,
  onBarClick,
  onLegendClick,
}: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJs | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const doughnut = kind === 'doughnut';
    const datasets = doughnut
      ? [
          {
            label,
            data: shape.series.map((s) => s.data[0] ?? 0),
            backgroundColor: shape.series.map((s, i) => colourFor(s.key, i)),
          },
        ]
      : shape.series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: colourFor(s.key, i),
          borderColor: colourFor(s.key, i),
          borderWidth: kind === 'line' ? 2 : 0,
          pointRadius: kind === 'line' ? 2 : 0,
          spanGaps: false,
          stack: 'all',
        }));
    const labels = doughnut ? shape.series.map((s) => s.label) : shape.labels;
    chart.current?.destroy();
    chart.current = new ChartJs(canvas.current, {
      type: doughnut ? 'doughnut' : kind === 'line' ? 'line' : 'bar',
      data: { labels, datasets },
      plugins: doughnut
        ? []
        : [overlayPlugin({ notes: notes ?? [], markers: markers ?? [], bands: bands ?? [] })],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        ...(onBarClick && !doughnut
          ? {
              onClick: (_event, elements) => {
                const hit = elements[0];
                const key = hit ? shape.series[hit.datasetIndex]?.key : undefined;
                if (hit && key !== undefined) onBarClick(key, hit.index);
              },
              onHover: (event, elements) => {
                const target = event.native?.target;
                if (target instanceof HTMLElement)
                  target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
              },
            }
          : {}),
        plugins: {
          legend: {
            position: doughnut ? 'right' : 'bottom',
            labels: { boxWidth: 12 },
            ...(onLegendClick && !doughnut
              ? {
                  onClick: (_event, item) => {
                    const key =
                      item.datasetIndex === undefined ? undefined : shape.series[item.datasetIndex]?.key;
                    if (key !== undefined) onLegendClick(key);
                  },
                }
              : {}),
          },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const v = ctx.raw;
                const shown = typeof v === 'number' ? formatNumber(v) : suppressedLabel;
                return `${doughnut ? (ctx.label ?? '') : (ctx.dataset.label ?? '')}: ${shown}`;
              },
            },
          },
        },
        scales: doughnut
          ? {}
          : {
              x: {
                stacked: kind === 'stacked',
                ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 12 },
              },
              y: {
                stacked: kind === 'stacked',
                beginAtZero: true,
                ticks: { callback: (v) => formatNumber(Number(v)) },
              },
            },
      },
    });
    canvas.current.dataset['datasets'] = String(datasets.length);
    canvas.current.dataset['points'] = String(
      datasets.reduce((n, d) => n + d.data.filter((x) => typeof x === 'number' && x > 0).length, 0),
    );
    // What the bars add up to, and how many grey parts are drawn without a size (for checks and tests).
    canvas.current.dataset['sum'] = String(doughnut ? 0 : shownSum(shape));
    canvas.current.dataset['unsized'] = String(
      (notes ?? []).filter((n) => n?.includes(suppressedLabel)).length,
    );
    canvas.current.dataset['keys'] = JSON.stringify(shape.series.map((x) => x.key));
    canvas.current.dataset['markers'] = String(markers?.length ?? 0);
    canvas.current.dataset['bands'] = String(bands?.length ?? 0);
  }, [kind, shape, label, suppressedLabel, formatNumber, notes, markers, bands, onBarClick, onLegendClick]);

  useEffect(() => () => chart.current?.destroy(), []);

  return (
    <div className="chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} data-testid="chart" />
    </div>
  );
}
