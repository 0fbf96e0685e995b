/**
 * Incidents: what the team calls "one thing going wrong". An incident is one running alert, or the
 * alerts of one topic whose windows overlap (or touch) in time, with the channels it shows on. A
 * channel alert joins a topic's incident when that topic's messages on the channel explain at least
 * half of the channel's excess; a channel alert no topic explains is an incident of its own (topic
 * null). Pure: the caller passes the alerts and a count lookup over the hourly roll-ups.
 */

export interface AlertLike {
  id: number;
  scope: 'topic' | 'channel';
  topic: string | null;
  channel: string | null;
  windowStart: number;
  /** Exclusive end of the last anomalous hour seen so far. */
  windowEnd: number;
  observed: number;
  expected: number;
  /** Still running: open or acknowledged. */
  active: boolean;
  releaseId: number | null;
}

export interface IncidentGroup {
  /** The lowest alert id in the group: stable while the incident grows. */
  id: number;
  topic: string | null;
  /** Channels its messages are counted on, sorted. */
  channels: string[];
  start: number;
  /** Exclusive end; null while any of its alerts is running. */
  end: number | null;
  /** End of the last anomalous hour seen so far (also while open). */
  lastAnomalousEnd: number;
  alertIds: number[];
  releaseId: number | null;
}

/** Messages of `topic` (every topic when null) on `channel` in [fromMs, toMs). */
export type CountLookup = (topic: string | null, channel: string, fromMs: number, toMs: number) => number;

export interface GroupOptions {
  /** Channels a topic incident falls back to: those holding at least this share of its messages (0.2). */
  minChannelShare?: number;
  /** Share of a channel alert's excess the topic must explain for the channel to join (0.5). */
  explainShare?: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start <= b.end && b.start <= a.end;

interface Draft {
  topic: string | null;
  start: number;
  end: number;
  alerts: AlertLike[];
  channels: Set<string>;
}

function mergeByTime(alerts: readonly AlertLike[], keyOf: (a: AlertLike) => string): Draft[] {
  const sorted = [...alerts].sort((a, b) => a.windowStart - b.windowStart || a.id - b.id);
  const open = new Map<string, Draft>();
  const out: Draft[] = [];
  for (const a of sorted) {
    const key = keyOf(a);
    const d = open.get(key);
    if (d && overlaps(d, { start: a.windowStart, end: a.windowEnd })) {
      d.end = Math.max(d.end, a.windowEnd);
      d.alerts.push(a);
      if (a.channel) d.channels.add(a.channel);
      continue;
    }
    const draft: Draft = {
      topic: a.scope === 'topic' ? a.topic : null,
      start: a.windowStart,
      end: a.windowEnd,
      alerts: [a],
      channels: new Set(a.channel ? [a.channel] : []),
    };
    open.set(key, draft);
    out.push(draft);
  }
  return out;
}

/** Groups alerts into incidents, earliest start first. */
export function groupIncidents(
  alerts: readonly AlertLike[],
  count: CountLookup,
  allChannels: readonly string[],
  options: GroupOptions = {},
): IncidentGroup[] {
  const minShare = options.minChannelShare ?? 0.2;
  const explain = options.explainShare ?? 0.5;
  const topicDrafts = mergeByTime(
    alerts.filter((a) => a.scope === 'topic' && a.topic !== null),
    (a) => `t:${a.topic}`,
  );
  const loose: AlertLike[] = [];
  for (const c of alerts.filter((a) => a.scope === 'channel' && a.channel !== null)) {
    const channel = c.channel as string;
    const excess = Math.max(1, c.observed - c.expected);
    let joined = false;
    for (const d of topicDrafts) {
      if (!overlaps(d, { start: c.windowStart, end: c.windowEnd })) continue;
      const from = Math.max(d.start, c.windowStart);
      const to = Math.min(d.end, c.windowEnd);
      if (to > from && count(d.topic, channel, from, to) >= explain * excess) {
        d.alerts.push(c);
        d.channels.add(channel);
        joined = true;
      }
    }
    if (!joined) loose.push(c);
  }
  for (const d of topicDrafts) {
    if (d.channels.size > 0) continue;
    const per = allChannels.map((ch) => [ch, count(d.topic, ch, d.start, d.end)] as const);
    const total = per.reduce((s, [, n]) => s + n, 0);
    for (const [ch, n] of per) if (total > 0 && n >= minShare * total) d.channels.add(ch);
    if (d.channels.size === 0) for (const ch of allChannels) d.channels.add(ch);
  }
  const drafts = [...topicDrafts, ...mergeByTime(loose, (a) => `c:${a.channel}`)];
  return drafts
    .map((d): IncidentGroup => {
      const ids = d.alerts.map((a) => a.id).sort((a, b) => a - b);
      const active = d.alerts.some((a) => a.active);
      const first = [...d.alerts].sort((a, b) => a.windowStart - b.windowStart || a.id - b.id)[0];
      return {
        id: ids[0] ?? 0,
        topic: d.topic,
        channels: [...d.channels].sort(),
        start: d.start,
        end: active ? null : d.end,
        lastAnomalousEnd: d.end,
        alertIds: ids,
        releaseId: d.alerts.find((a) => a.releaseId !== null)?.releaseId ?? first?.releaseId ?? null,
      };
    })
    .sort((a, b) => a.start - b.start || a.id - b.id);
}

export type IncidentTrend = 'rising' | 'easing' | 'steady';

/**
 * Whether the last hours are worse or better than the ones before: the hourly excess (observed minus
 * expected) over the last `hours` against the `hours` before them. `series` is hourly, oldest first;
 * its last entry may be the current hour, of which `lastHourFraction` has elapsed: it counts as a
 * rate (scaled up), or not at all while under a quarter of it has passed (too few minutes to judge).
 */
export function incidentTrend(
  series: readonly { observed: number; expected: number }[],
  options: { hours?: number; lastHourFraction?: number } = {},
): IncidentTrend {
  const fraction = options.lastHourFraction ?? 1;
  const rates = series.map((h, i) =>
    i === series.length - 1 && fraction < 1
      ? { observed: h.observed / fraction, expected: h.expected / fraction }
      : h,
  );
  const usable = fraction < 0.25 ? rates.slice(0, -1) : rates;
  if (usable.length < 2) return 'steady';
  const n = Math.min(options.hours ?? 3, Math.floor(usable.length / 2));
  const excess = (s: readonly { observed: number; expected: number }[]) =>
    s.reduce((acc, h) => acc + (h.observed - h.expected), 0) / Math.max(1, s.length);
  const recent = excess(usable.slice(-n));
  const before = excess(usable.slice(-2 * n, -n));
  const margin = Math.max(1, 0.15 * Math.abs(before));
  if (recent > before + margin) return 'rising';
  if (recent < before - margin) return 'easing';
  return 'steady';
}
