/**
 * Seasonal baseline for an hourly count series. Citizens write more in the morning and on weekdays, so
 * the expectation for an hour is built from the same hour of the week in previous weeks (weekly rhythm
 * carries the daily one); with under two weeks of history it falls back to the same hour on previous
 * days. A trimmed mean drops the largest sample so one past incident does not raise the baseline.
 */

export const HOUR_MS = 3_600_000;
export const DAY_HOURS = 24;
export const WEEK_HOURS = 168;

export interface Baseline {
  /** Expected count for a full hour. */
  mean: number;
  /** Variance of a single hour around that mean, plus the uncertainty of the mean itself. */
  variance: number;
  /** How many past samples the baseline rests on (0 = no history: never score). */
  samples: number;
}

export interface BaselineOptions {
  /** Previous weeks to look back (default 4). */
  weeks?: number;
  /** Previous days for the fallback (default 7). */
  days?: number;
  /** Least expected count of an hour (default 0.5; sums over many hours use 0). */
  floor?: number;
}

function trimmedStats(values: number[]): { mean: number; variance: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  // Drop the largest when there are enough samples: a past spike must not hide the next one.
  const kept = sorted.length >= 3 ? sorted.slice(0, -1) : sorted;
  const n = kept.length;
  const mean = kept.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? kept.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : mean;
  return { mean, variance, n };
}

/**
 * Baseline for index `i` of `counts` (hour i; counts[0] is the oldest hour). Only hours before `i`
 * are used, so a spike never explains itself.
 */
export function seasonalBaseline(
  counts: ArrayLike<number>,
  i: number,
  options: BaselineOptions = {},
): Baseline {
  const weeks = options.weeks ?? 4;
  const days = options.days ?? 7;
  const weekly: number[] = [];
  for (let w = 1; w <= weeks; w++) {
    const j = i - w * WEEK_HOURS;
    if (j < 0) break;
    weekly.push(counts[j] ?? 0);
  }
  const samples =
    weekly.length >= 2
      ? weekly
      : (() => {
          const daily: number[] = [];
          for (let d = 1; d <= days; d++) {
            const j = i - d * DAY_HOURS;
            if (j < 0) break;
            daily.push(counts[j] ?? 0);
          }
          return daily;
        })();
  if (samples.length === 0) return { mean: 0, variance: 0, samples: 0 };
  const { mean, variance, n } = trimmedStats(samples);
  // A floor of 0.5 messages/hour keeps quiet hours from turning two messages into an "incident";
  // the minimum-volume rule does the rest.
  const m = Math.max(mean, options.floor ?? 0.5);
  // Single-hour variance (at least Poisson) plus the sampling variance of the mean estimate.
  const v = Math.max(variance, m) * (1 + 1 / n);
  if (m === 0) return { mean: 0, variance: 0, samples: n };
  return { mean: m, variance: v, samples: n };
}
