/**
 * How unusual a whole range is: the volume of a series over a range of hours against what its history
 * before the range predicts. Each hour of the range gets the seasonal baseline of seasonal.ts built
 * from the history alone (the same hour of the week in the weeks before the range, or the same hour on
 * the days before with less history); the sums of means and variances give the expected volume and
 * its spread, and the negative-binomial tail of tail.ts the probability. Pure.
 */
import { DAY_HOURS, HOUR_MS, seasonalBaseline, WEEK_HOURS } from './seasonal.ts';
import { log10UpperTail } from './tail.ts';

export interface RangeScore {
  observed: number;
  /** Expected volume over the range from the history before it. */
  expected: number;
  /** -log10 P(X >= observed); 0 when not above expectation; Infinity never (expected is floored). */
  score: number;
  /** Epoch ms of the first hour of the range's most anomalous stretch; null when never above baseline. */
  since: number | null;
}

export interface RangeOptions {
  weeks?: number;
  days?: number;
  /** Share (0-1] of the range's last hour that has elapsed (the current hour): its expectation is scaled. */
  lastHourFraction?: number;
}

/**
 * `history` is hourly counts from the first hour worth counting (never before go-live) up to the
 * range; `range` the hourly counts of the range, starting at `rangeStart`. Returns null when there is
 * no history to predict from.
 */
export function scoreRange(
  history: ArrayLike<number>,
  range: ArrayLike<number>,
  rangeStart: number,
  options: RangeOptions = {},
): RangeScore | null {
  const h = history.length;
  if (h < DAY_HOURS) return null;
  // Enough history for the weekly rhythm: project each range hour onto the week after the history.
  const period = h >= 2 * WEEK_HOURS ? WEEK_HOURS : DAY_HOURS;
  const perPhase = new Map<number, { mean: number; variance: number }>();
  const base = (phase: number) => {
    let b = perPhase.get(phase);
    if (!b) {
      const s = seasonalBaseline(history, h + phase, {
        ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
        ...(options.days === undefined ? {} : { days: options.days }),
        floor: 0,
      });
      b = { mean: s.mean, variance: s.variance };
      perPhase.set(phase, b);
    }
    return b;
  };
  let observed = 0;
  let mean = 0;
  let variance = 0;
  // Kadane over observed - expected: the stretch with the largest excess, and where it starts.
  let best = 0;
  let bestStart: number | null = null;
  let run = 0;
  let runStart = 0;
  for (let i = 0; i < range.length; i++) {
    const full = base(i % period);
    const f = i === range.length - 1 ? Math.min(1, Math.max(options.lastHourFraction ?? 1, 1 / 12)) : 1;
    const b = { mean: full.mean * f, variance: full.variance * f };
    const o = range[i] ?? 0;
    observed += o;
    mean += b.mean;
    variance += b.variance;
    const excess = o - Math.max(b.mean, 0.5);
    if (run <= 0) {
      run = excess;
      runStart = i;
    } else run += excess;
    if (run > best) {
      best = run;
      bestStart = runStart;
    }
  }
  const expected = Math.max(mean, 1);
  const v = Math.max(variance, expected);
  const score = observed > expected ? -log10UpperTail(observed, expected, v) : 0;
  return {
    observed,
    expected: mean,
    score,
    since: bestStart === null ? null : rangeStart + bestStart * HOUR_MS,
  };
}
