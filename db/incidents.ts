/**
 * Incidents (workers/analysis/trends/incidents.ts defines the grouping): one running alert, or the
 * alerts of one topic that overlap in time, with their channels, start and end (null while open). Its
 * messages are that topic's messages on those channels between start and end. The Overview's "now"
 * band, the charts' incident periods and anything citizen-facing read incidents from here.
 */
import { type SqlBool, sql } from 'kysely';
import { type AlertLike, groupIncidents, type IncidentGroup } from '../workers/analysis/trends/incidents.ts';
import { groupNearDuplicates } from '../workers/analysis/trends/near-duplicates.ts';
import { markerNear } from '../workers/analysis/trends/releases.ts';
import { HOUR_MS, WEEK_HOURS } from '../workers/analysis/trends/seasonal.ts';
import { type HourScore, scoreHours } from '../workers/analysis/trends/spikes.ts';
import type { Db } from './database.ts';
import { firstRollupHour, listReleases, type ReleaseView } from './trends.ts';

export type { IncidentGroup } from '../workers/analysis/trends/incidents.ts';

/** Messages whose topic the model gave less confidence than this are counted as "unsure". */
export const LOW_CONFIDENCE = 0.6;
const RELEASE_WINDOW_MS = 6 * HOUR_MS;

export interface IncidentFilter {
  /** Only incidents still running. */
  open?: boolean;
  /** Incidents overlapping [fromMs, toMs). */
  fromMs?: number;
  toMs?: number;
}

async function loadAlerts(db: Db, f: IncidentFilter): Promise<AlertLike[]> {
  let q = db.kysely
    .selectFrom('alerts')
    .select([
      'id',
      'scope',
      'topic',
      'channel',
      'window_start',
      'window_end',
      'observed',
      'expected',
      'status',
      'release_id',
    ]);
  if (f.open) {
    // Running alerts, and closed ones that may have merged into them (same topic, touching in time).
    const active = await db.kysely
      .selectFrom('alerts')
      .select((eb) => eb.fn.min<number>('window_start').as('s'))
      .where('status', 'in', ['open', 'acknowledged'])
      .executeTakeFirst();
    if (active?.s === null || active?.s === undefined) return [];
    q = q.where((eb) => eb.or([eb('status', '!=', 'closed'), eb('window_end', '>=', Number(active.s))]));
  }
  if (f.fromMs !== undefined) q = q.where('window_end', '>', f.fromMs);
  if (f.toMs !== undefined) q = q.where('window_start', '<', f.toMs);
  const rows = await q.orderBy('window_start').orderBy('id').limit(1000).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    scope: r.scope,
    topic: r.topic,
    channel: r.channel,
    windowStart: Number(r.window_start),
    windowEnd: Number(r.window_end),
    observed: Number(r.observed),
    expected: Number(r.expected),
    active: r.status !== 'closed',
    releaseId: r.release_id === null ? null : Number(r.release_id),
  }));
}

/** Incidents (earliest first); with `open`, only those still running. */
export async function listIncidents(db: Db, f: IncidentFilter = {}): Promise<IncidentGroup[]> {
  const alerts = await loadAlerts(db, f);
  if (alerts.length === 0) return [];
  const from = Math.min(...alerts.map((a) => a.windowStart));
  const to = Math.max(...alerts.map((a) => a.windowEnd));
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select(['hour_ts', 'topic', 'channel', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', from)
    .where('hour_ts', '<', to)
    .groupBy(['hour_ts', 'topic', 'channel'])
    .execute();
  const cells = rows.map((r) => ({
    h: Number(r.hour_ts),
    topic: r.topic,
    channel: r.channel,
    n: Number(r.n),
  }));
  const count = (topic: string | null, channel: string, fromMs: number, toMs: number) => {
    let n = 0;
    for (const c of cells)
      if (c.channel === channel && c.h >= fromMs && c.h < toMs && (topic === null || c.topic === topic))
        n += c.n;
    return n;
  };
  const channels = [...new Set(cells.map((c) => c.channel))].sort();
  const groups = groupIncidents(alerts, count, channels);
  return f.open ? groups.filter((g) => g.end === null) : groups;
}

export interface IncidentFigures {
  /** Messages so far (the incident's messages: its topic on its channels, start..end or now). */
  observed: number;
  /** What the seasonal baseline expected for the same hours and slice. */
  expected: number;
  /** Hourly observed and expected over the incident, oldest first (the last may be partial). */
  hours: HourScore[];
  release: ReleaseView | null;
  /** Messages of the incident the model was unsure of (topic confidence below LOW_CONFIDENCE). */
  lowConfidence: number;
  /** Elapsed share of the last hour in `hours` (1 for a closed incident). */
  lastHourFraction: number;
}

/** The hourly counts of an incident's slice, scored against its own seasonal baseline. */
export async function incidentFigures(db: Db, g: IncidentGroup, now: number): Promise<IncidentFigures> {
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const endHour = g.end === null ? currentHour + HOUR_MS : g.end;
  const first = (await firstRollupHour(db)) ?? g.start;
  const seriesStart = Math.max(first, g.start - 4 * WEEK_HOURS * HOUR_MS);
  let q = db.kysely
    .selectFrom('rollups_hourly')
    .select(['hour_ts', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', seriesStart)
    .where('hour_ts', '<', endHour)
    .where('channel', 'in', g.channels);
  if (g.topic !== null) q = q.where('topic', '=', g.topic);
  const rows = await q.groupBy('hour_ts').execute();
  const length = Math.max(0, (endHour - seriesStart) / HOUR_MS);
  const counts = new Float64Array(length);
  for (const r of rows) counts[(Number(r.hour_ts) - seriesStart) / HOUR_MS] = Number(r.n);
  const fraction = g.end === null ? (now - currentHour) / HOUR_MS : 1;
  const hours = scoreHours({ startTs: seriesStart, counts }, (g.start - seriesStart) / HOUR_MS, {
    lastHourFraction: fraction,
  });
  const releases = await listReleases(db, { fromMs: g.start - RELEASE_WINDOW_MS, toMs: g.start + HOUR_MS });
  const release =
    (g.releaseId !== null ? releases.find((r) => r.id === g.releaseId) : undefined) ??
    markerNear(releases, g.start, RELEASE_WINDOW_MS) ??
    null;
  let m = db.kysely
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_at', '>=', g.start)
    .where('received_at', '<', endHour)
    .where('status', '=', 'active')
    .where('channel', 'in', g.channels)
    .where(sql<SqlBool>`topic_score < ${LOW_CONFIDENCE}`);
  if (g.topic !== null) m = m.where('topic', '=', g.topic);
  const low = await m.executeTakeFirstOrThrow();
  return {
    observed: hours.reduce((s, h) => s + h.observed, 0),
    expected: hours.reduce((s, h) => s + h.expected, 0),
    hours,
    release,
    lowConfidence: Number(low.n),
    lastHourFraction: fraction,
  };
}

/** A few distinct complaints of the incident: the largest near-duplicate groups' first messages. */
export async function incidentSamples(
  db: Db,
  g: IncidentGroup,
  now: number,
  limit = 3,
): Promise<{ id: number; text: string; similar: number }[]> {
  let q = db.kysely
    .selectFrom('messages')
    .select(['id', 'text_redacted'])
    .where('received_at', '>=', g.start)
    .where('received_at', '<', g.end ?? now + HOUR_MS)
    .where('status', '=', 'active')
    .where('channel', 'in', g.channels);
  if (g.topic !== null) q = q.where('topic', '=', g.topic);
  const rows = await q.orderBy('id', 'desc').limit(400).execute();
  const text = new Map(rows.map((r) => [Number(r.id), r.text_redacted]));
  const groups = groupNearDuplicates(rows.map((r) => ({ id: Number(r.id), text: r.text_redacted })));
  return groups.slice(0, limit).map((grp) => {
    const id = grp.ids[0] ?? 0;
    return { id, text: text.get(id) ?? '', similar: grp.ids.length };
  });
}
