/**
 * Hidden cells of a stacked chart, merged into one grey "< k" part per bucket so a bar is as tall as
 * the bucket's real total whenever that total may itself be shown. Never so that one hidden cell can
 * be worked out by subtraction: when only one cell of a bucket would be hidden, the smallest shown cell
 * is hidden with it as long as another shown cell remains; otherwise (or when the total itself is
 * hidden) the grey part is shown without its size. Pure.
 */
import type { CountValue, Suppressed } from '../workers/analysis/suppression.ts';

export function mergeHidden(
  raw: readonly number[],
  shown: readonly CountValue[],
  total: CountValue,
  label: Suppressed,
): { shown: CountValue[]; hidden: CountValue } {
  const out = [...shown];
  const hiddenIdx = out.flatMap((v, i) => (typeof v === 'string' && (raw[i] ?? 0) > 0 ? [i] : []));
  if (hiddenIdx.length === 0) return { shown: out, hidden: 0 };
  if (typeof total === 'string') return { shown: out, hidden: label };
  if (hiddenIdx.length === 1) {
    let second = -1;
    let positives = 0;
    out.forEach((v, i) => {
      if (typeof v !== 'number' || v <= 0) return;
      positives += 1;
      if (second < 0 || v < Number(out[second])) second = i;
    });
    // Hiding the bucket's only shown cell would leave a grey bar: show the grey part without a size.
    if (positives < 2) return { shown: out, hidden: label };
    out[second] = label;
    hiddenIdx.push(second);
  }
  return { shown: out, hidden: hiddenIdx.reduce((s, i) => s + (raw[i] ?? 0), 0) };
}
