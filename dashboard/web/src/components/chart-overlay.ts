/** A chart.js plugin drawing incident periods (shaded), release markers (dashed lines) and bucket notes. */
import type { Chart, Plugin } from 'chart.js';
import type { ChartBand, ChartMarker } from '../chart-truth.ts';

export function overlayPlugin(o: {
  notes: (string | null)[];
  markers: ChartMarker[];
  bands: ChartBand[];
}): Plugin<'bar' | 'line'> {
  const centre = (chart: Chart, i: number) => chart.scales['x']?.getPixelForValue(i) ?? 0;
  const half = (chart: Chart) => {
    const n = Math.max(1, chart.data.labels?.length ?? 1);
    return (chart.chartArea.right - chart.chartArea.left) / n / 2;
  };
  return {
    id: 'vneid-overlay',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      for (const b of o.bands) {
        const x0 = centre(chart, b.from) - half(chart);
        const x1 = centre(chart, b.to) + half(chart);
        ctx.fillStyle = 'rgba(179, 38, 30, 0.08)';
        ctx.fillRect(x0, chartArea.top, x1 - x0, chartArea.bottom - chartArea.top);
        ctx.fillStyle = '#8c1d17';
        ctx.font = '11px sans-serif';
        ctx.fillText(b.label, x0 + 3, chartArea.top + 11);
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = '11px sans-serif';
      for (const m of o.markers) {
        const x = centre(chart, m.index) - half(chart);
        ctx.strokeStyle = '#332288';
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#332288';
        ctx.fillText(m.label, x + 3, chartArea.top + 24);
      }
      ctx.textAlign = 'center';
      ctx.fillStyle = '#55606e';
      o.notes.forEach((note, i) => {
        if (!note) return;
        let top = chartArea.bottom;
        for (let d = 0; d < chart.data.datasets.length; d++) {
          const el = chart.getDatasetMeta(d).data[i];
          if (el && chart.isDatasetVisible(d) && el.y < top) top = el.y;
        }
        ctx.fillText(note, centre(chart, i), Math.max(chartArea.top + 10, top - 4));
      });
      ctx.restore();
      // Where each drawn segment is (CSS pixels in the canvas), so checks can click a given bar.
      const hits: { d: number; i: number; x: number; y: number }[] = [];
      chart.data.datasets.forEach((_, d) => {
        chart.getDatasetMeta(d).data.forEach((el, i) => {
          const props = el.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base?: number };
          if (Number.isFinite(props.y) && props.base !== undefined && props.base - props.y > 2)
            hits.push({ d, i, x: Math.round(props.x), y: Math.round((props.y + props.base) / 2) });
        });
      });
      chart.canvas.dataset['hits'] = JSON.stringify(hits);
    },
  };
}
