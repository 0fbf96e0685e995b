import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../prng.ts';
import { HOUR_MS, WEEK_HOURS } from './seasonal.ts';
import { decideIncident, type HourScore, historicalIncidents, type Incident, scoreHours } from './spikes.ts';
import { log10UpperTail } from './tail.ts';

const START = Date.UTC(2026, 9, 5, 17); // Monday 00:00 in Asia/Ho_Chi_Minh

function poisson(rand: () => number, lambda: number): number {
  if (lambda > 50) {
    const u = Math.max(rand(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/** Citizens write in the morning and evening, little at night, less at weekends; noisy day to day. */
function rhythm(hours: number, seed: number, perHour = 12): number[] {
  const rand = mulberry32(seed);
  const daily = [
    0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.7, 1.2, 1.8, 2, 1.9, 1.6, 1.3, 1.4, 1.5, 1.4, 1.3, 1.2, 1.1, 1.3, 1.6,
    1.5, 1, 0.4,
  ];
  const out: number[] = [];
  let dayNoise = 1;
  for (let i = 0; i < hours; i++) {
    if (i % 24 === 0) dayNoise = 0.85 + 0.3 * rand(); // over-dispersion: some days are busier
    const dow = Math.floor(i / 24) % 7; // 0 = Monday
    const weekly = dow >= 5 ? 0.6 : 1;
    out.push(poisson(rand, perHour * (daily[i % 24] ?? 1) * weekly * dayNoise));
  }
  return out;
}

/** Runs the detector as the scheduler would (here once per hour, after each hour completes). */
function replay(counts: number[], fromIndex: number): { opened: Incident[]; closed: Incident[] } {
  const opened: Incident[] = [];
  const closed: Incident[] = [];
  let active: Incident | undefined;
  let notBefore = 0;
  for (let end = fromIndex + 1; end <= counts.length; end++) {
    const nowTs = START + end * HOUR_MS;
    const from = Math.max(fromIndex, end - 12, active ? (active.windowStart - START) / HOUR_MS : 0);
    const hours: HourScore[] = scoreHours({ startTs: START, counts: counts.slice(0, end) }, from);
    let d = decideIncident(active, hours, nowTs, notBefore);
    if (d.action === 'close') {
      closed.push(d.incident);
      notBefore = d.incident.windowEnd;
      active = undefined;
      d = decideIncident(undefined, hours, nowTs, notBefore);
    }
    if (d.action === 'open') opened.push(d.incident);
    if (d.action === 'open' || d.action === 'extend') active = d.incident;
  }
  return { opened, closed };
}

describe('tail probability', () => {
  it('matches the Poisson tail and is wider for over-dispersed counts', () => {
    // P(X >= 10 | Poisson(2)) = 4.6e-5
    expect(log10UpperTail(10, 2, 2)).toBeCloseTo(Math.log10(4.6498e-5), 2);
    expect(log10UpperTail(10, 2, 8)).toBeGreaterThan(log10UpperTail(10, 2, 2));
    expect(log10UpperTail(1, 2, 2)).toBe(0);
    expect(log10UpperTail(5000, 100, 100)).toBeLessThan(-300);
  });
});

describe('spike detection', () => {
  it('raises nothing on a month of ordinary daily and weekly rhythm with noise', () => {
    for (const seed of [1, 2, 3]) {
      const counts = rhythm(5 * WEEK_HOURS, seed);
      const { opened } = replay(counts, 7 * 24);
      expect(opened).toEqual([]);
    }
  });

  it('finds an injected spike within its first hour', () => {
    const counts = rhythm(4 * WEEK_HOURS, 7);
    const spikeAt = 3 * WEEK_HOURS + 2 * 24 + 10; // Wednesday 10:00, a busy hour anyway
    const normal = counts[spikeAt] ?? 0;
    // Twenty minutes into the hour: a third of the usual volume plus 40 complaints about one bug.
    const partial = [...counts.slice(0, spikeAt), Math.round(normal / 3) + 40];
    const hours = scoreHours({ startTs: START, counts: partial }, spikeAt - 6, { lastHourFraction: 1 / 3 });
    const d = decideIncident(undefined, hours, START + spikeAt * HOUR_MS + 20 * 60_000, 0);
    expect(d.action).toBe('open');
    if (d.action === 'open') expect(d.incident.windowStart).toBe(START + spikeAt * HOUR_MS);
    // The same hour without the injected complaints raises nothing.
    const quiet = [...counts.slice(0, spikeAt), Math.round(normal / 3)];
    const q = scoreHours({ startTs: START, counts: quiet }, spikeAt - 6, { lastHourFraction: 1 / 3 });
    expect(decideIncident(undefined, q, START + spikeAt * HOUR_MS + 20 * 60_000, 0).action).toBe('none');
  });

  it('raises one alert for a six-hour incident, even when one of its hours dips', () => {
    const counts = rhythm(5 * WEEK_HOURS, 11);
    const start = 4 * WEEK_HOURS + 24 + 8; // Tuesday 08:00
    const extra = [35, 60, 12, 50, 40, 30];
    extra.forEach((x, k) => {
      counts[start + k] = (counts[start + k] ?? 0) + x;
    });
    const { opened, closed } = replay(counts, 4 * WEEK_HOURS);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.windowStart).toBe(START + start * HOUR_MS);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.windowStart).toBe(START + start * HOUR_MS);
    expect(closed[0]?.windowEnd).toBe(START + (start + 6) * HOUR_MS);
    expect(closed[0]?.observed).toBeGreaterThan(closed[0]?.expected ?? 0);
  });

  it('needs a minimum volume: three messages where one is usual is not an incident', () => {
    const counts = new Array(3 * WEEK_HOURS).fill(0);
    counts[3 * WEEK_HOURS - 1] = 5;
    const hours = scoreHours({ startTs: START, counts }, 3 * WEEK_HOURS - 3);
    expect(hours.at(-1)?.score).toBeGreaterThan(0);
    expect(decideIncident(undefined, hours, START + 3 * WEEK_HOURS * HOUR_MS, 0).action).toBe('none');
  });
});

describe('historical incidents', () => {
  it('finds the incidents hourly runs would have raised, exactly as the live runs do', () => {
    const counts = rhythm(6 * WEEK_HOURS, 11);
    const start = 4 * WEEK_HOURS + 24 + 8; // Tuesday 08:00 of the fifth week
    [35, 60, 12, 50, 40, 30].forEach((x, k) => {
      counts[start + k] = (counts[start + k] ?? 0) + x;
    });
    const found = historicalIncidents({ startTs: START, counts }, 4 * WEEK_HOURS);
    expect(found).toEqual(replay(counts, 4 * WEEK_HOURS).closed);
    expect(found).toHaveLength(1);
    expect(found[0]?.windowStart).toBe(START + start * HOUR_MS);
    expect(found[0]?.windowEnd).toBe(START + (start + 6) * HOUR_MS);
  });

  it('leaves an incident still running at the end to the live detector, and finds nothing in ordinary weeks', () => {
    const counts = rhythm(5 * WEEK_HOURS, 3);
    expect(historicalIncidents({ startTs: START, counts }, 4 * WEEK_HOURS)).toEqual([]);
    const end = counts.length;
    counts[end - 2] = (counts[end - 2] ?? 0) + 80;
    counts[end - 1] = (counts[end - 1] ?? 0) + 80;
    expect(historicalIncidents({ startTs: START, counts }, 4 * WEEK_HOURS)).toEqual([]);
  });
});
