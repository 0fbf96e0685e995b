/**
 * Spike detection on hourly counts: a seasonal baseline (seasonal.ts), a negative-binomial tail score
 * (tail.ts), a minimum volume and effect size, and hysteresis so one incident is one alert.
 * Pure: the caller supplies the counts, the time and the incident it already knows about.
 */

import { type BaselineOptions, HOUR_MS, seasonalBaseline } from './seasonal.ts';
import { log10UpperTail } from './tail.ts';

export interface SpikeOptions extends BaselineOptions {
  /** -log10 of the tail probability that starts an incident (default 6: p < 1e-6, few false alarms
   * even across dozens of series checked every five minutes). */
  startScore?: number;
  /** Score that keeps a running incident going (default 2). */
  continueScore?: number;
  /** Fewest messages in an hour (or the elapsed part of the current hour) to start an incident. */
  minVolume?: number;
  /** Observed must be at least this multiple of expected to start (default 1.5). */
  minRatio?: number;
  /** Quiet complete hours after which an incident is over (default 3). */
  cooldownHours?: number;
}

const DEFAULTS = { startScore: 6, continueScore: 2, minVolume: 8, minRatio: 1.5, cooldownHours: 3 };

export interface HourScore {
  hourTs: number;
  observed: number;
  /** Expected for the same span (scaled down for the current, partial hour). */
  expected: number;
  /** -log10 P(X >= observed | baseline); 0 when not above expectation or without history. */
  score: number;
}

export interface HourlySeries {
  /** Epoch ms of the hour of counts[0]. */
  startTs: number;
  counts: ArrayLike<number>;
}

/**
 * Scores hours `fromIndex`..end. The last hour may be in progress: `lastHourFraction` (0-1] of it has
 * elapsed, and its expectation is scaled to match, so a spike is caught within its first hour.
 */
export function scoreHours(
  series: HourlySeries,
  fromIndex: number,
  options: SpikeOptions & { lastHourFraction?: number } = {},
): HourScore[] {
  const out: HourScore[] = [];
  const last = series.counts.length - 1;
  for (let i = Math.max(0, fromIndex); i <= last; i++) {
    const fraction = i === last ? Math.min(1, Math.max(options.lastHourFraction ?? 1, 1 / 12)) : 1;
    const base = seasonalBaseline(series.counts, i, options);
    const observed = series.counts[i] ?? 0;
    const expected = base.mean * fraction;
    const score =
      base.samples === 0 || observed <= expected
        ? 0
        : -log10UpperTail(observed, expected, base.variance * fraction);
    out.push({ hourTs: series.startTs + i * HOUR_MS, observed, expected, score });
  }
  return out;
}

export interface Incident {
  windowStart: number;
  /** Exclusive end of the last anomalous hour. */
  windowEnd: number;
  observed: number;
  expected: number;
  /** Highest hourly score within the window. */
  score: number;
}

export type IncidentDecision =
  | { action: 'none' }
  | { action: 'open' | 'extend' | 'close'; incident: Incident };

function startsIncident(h: HourScore, o: typeof DEFAULTS): boolean {
  return h.score >= o.startScore && h.observed >= o.minVolume && h.observed >= o.minRatio * h.expected;
}

function continuesIncident(h: HourScore, o: typeof DEFAULTS): boolean {
  return h.score >= o.continueScore && h.observed > h.expected;
}

/** The incident beginning at `start`: every hot hour until a quiet gap of `cooldownHours`. */
function grow(hours: HourScore[], start: number, minEnd: number, o: typeof DEFAULTS): Incident {
  let end = Math.max(start + HOUR_MS, minEnd);
  for (const h of hours) {
    if (h.hourTs < start) continue;
    if (h.hourTs >= end + o.cooldownHours * HOUR_MS) break;
    if (h.hourTs === start || continuesIncident(h, o)) end = Math.max(end, h.hourTs + HOUR_MS);
  }
  let observed = 0;
  let expected = 0;
  let score = 0;
  for (const h of hours) {
    if (h.hourTs < start || h.hourTs >= end) continue;
    observed += h.observed;
    expected += h.expected;
    score = Math.max(score, h.score);
  }
  return { windowStart: start, windowEnd: end, observed, expected, score };
}

/**
 * What to do with one series this run. `hours` are scored hours in time order covering the running
 * incident (if any) and the recent past; `notBefore` stops an incident that was just closed from being
 * raised again over the same hours. After a `close`, call again without `active` to see whether a new
 * incident has begun.
 */
export function decideIncident(
  active: Incident | undefined,
  hours: HourScore[],
  nowTs: number,
  notBefore: number,
  options: SpikeOptions = {},
): IncidentDecision {
  const o = { ...DEFAULTS, ...options };
  if (active) {
    const grown = grow(hours, active.windowStart, active.windowEnd, o);
    // Hours that have scrolled out of `hours` keep their stored totals.
    const incident: Incident = {
      ...grown,
      observed: Math.max(grown.observed, active.observed),
      expected: Math.max(grown.expected, active.expected),
      score: Math.max(grown.score, active.score),
    };
    if (nowTs - incident.windowEnd >= o.cooldownHours * HOUR_MS) return { action: 'close', incident };
    const changed =
      incident.windowEnd !== active.windowEnd ||
      incident.observed !== active.observed ||
      Math.abs(incident.expected - active.expected) > 1e-9 ||
      incident.score !== active.score;
    return changed ? { action: 'extend', incident } : { action: 'none' };
  }
  const first = hours.find((h) => h.hourTs >= notBefore && startsIncident(h, o));
  if (!first) return { action: 'none' };
  return { action: 'open', incident: grow(hours, first.hourTs, 0, o) };
}

/**
 * The incidents the detector would have raised over history, as if it had run at the end of every
 * hour from `fromIndex` on (for history loaded after the fact: an import, a demo). Only incidents
 * that were over (a full cool-down) before the series ends are returned: one still running is the
 * live detector's to open. Same rules as the live runs: `decideIncident` with a look-back of
 * `lookbackHours`.
 */
export function historicalIncidents(
  series: HourlySeries,
  fromIndex: number,
  options: SpikeOptions & { lookbackHours?: number } = {},
): Incident[] {
  const lookback = options.lookbackHours ?? 3;
  const out: Incident[] = [];
  let active: Incident | undefined;
  let closedEnd = 0;
  const all = Float64Array.from(series.counts);
  for (let i = Math.max(0, fromIndex); i < all.length; i++) {
    // A run at the end of hour i sees the counts up to and including it.
    const seen: HourlySeries = { startTs: series.startTs, counts: all.subarray(0, i + 1) };
    const hourStart = series.startTs + i * HOUR_MS;
    const nowTs = hourStart + HOUR_MS;
    const from = Math.min(hourStart - lookback * HOUR_MS, active?.windowStart ?? Number.POSITIVE_INFINITY);
    const scored = scoreHours(seen, (from - series.startTs) / HOUR_MS, options);
    let notBefore = Math.max(closedEnd, hourStart - lookback * HOUR_MS);
    let decision = decideIncident(active, scored, nowTs, notBefore, options);
    if (decision.action === 'close') {
      out.push(decision.incident);
      closedEnd = decision.incident.windowEnd;
      active = undefined;
      notBefore = Math.max(notBefore, closedEnd);
      decision = decideIncident(undefined, scored, nowTs, notBefore, options);
    }
    if (decision.action === 'open' || decision.action === 'extend') active = decision.incident;
  }
  return out;
}
