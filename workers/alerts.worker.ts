/**
 * `detect-spikes` (every 5 minutes): scores the recent hours of every topic and channel series against
 * its seasonal baseline, opens one alert per incident, extends it while it lasts and closes it after
 * quiet hours. A new alert is announced once in the team's Telegram chat (keyed `alert:<id>`).
 * Idempotent: alerts are unique per (series, start hour) and announcements per key.
 */
import type { Logger } from '../bots/shared/connector.ts';
import { CHANNELS } from '../bots/shared/events.ts';
import type { Db } from '../db/database.ts';
import {
  closeAlert,
  extendAlert,
  firstRollupHour,
  hourlyCounts,
  insertAlert,
  lastClosedEnds,
  listActiveAlerts,
  listAlerts,
  listReleases,
  sampleMessageIds,
} from '../db/trends.ts';
import { TOPIC_IDS } from './analysis/taxonomy.ts';
import { markerNear } from './analysis/trends/releases.ts';
import { HOUR_MS, WEEK_HOURS } from './analysis/trends/seasonal.ts';
import {
  decideIncident,
  historicalIncidents,
  type Incident,
  type SpikeOptions,
  scoreHours,
} from './analysis/trends/spikes.ts';
import type { JobMap } from './jobs.ts';
import { dimensionLabel, formatDateTime, formatDecimal, formatInt, type ReportLang } from './reports/i18n.ts';

export interface TeamDeps {
  db: Db;
  now: () => number;
  logger: Logger;
  /** SUPPRESSION_K. */
  k: number;
  /** TZ_REPORTS. */
  tz: string;
  /** Queues a message to the team chat (REPORT_TELEGRAM_CHAT_ID) through the outbox; idempotent on key. */
  notifyTeam: (key: string, text: string) => Promise<void>;
  /** Language of team messages (default Vietnamese). */
  lang?: ReportLang;
}

export interface DetectSpikesDeps extends TeamDeps {
  spike?: SpikeOptions;
}

export interface SpikeRunSummary {
  opened: number[];
  extended: number[];
  closed: number[];
}

/** New incidents may begin at most this far back (a run that was delayed still catches them). */
const LOOKBACK_HOURS = 3;
const BASELINE_WEEKS = 4;
const RELEASE_WINDOW_MS = 6 * HOUR_MS;

interface Series {
  key: string;
  scope: 'topic' | 'channel';
  id: string;
}

/** Every series the detectors watch: one per topic and one per channel. */
const SERIES: readonly Series[] = [
  ...TOPIC_IDS.map((id) => ({ key: `topic:${id}`, scope: 'topic' as const, id })),
  ...CHANNELS.map((id) => ({ key: `channel:${id}`, scope: 'channel' as const, id })),
];

/** Stores an incident as an alert (idempotent per series and start) with its samples and nearby marker. */
async function storeIncident(
  db: Db,
  s: Series,
  incident: Incident,
  releases: Awaited<ReturnType<typeof listReleases>>,
  at: number,
) {
  const release = markerNear(releases, incident.windowStart, RELEASE_WINDOW_MS);
  const sample = await sampleMessageIds(db, {
    ...(s.scope === 'topic' ? { topic: s.id } : { channel: s.id }),
    fromMs: incident.windowStart,
    toMs: incident.windowEnd,
    limit: 5,
  });
  const { id, created } = await insertAlert(
    db,
    {
      scope: s.scope,
      seriesKey: s.key,
      topic: s.scope === 'topic' ? s.id : null,
      channel: s.scope === 'channel' ? s.id : null,
      ...incident,
      sampleMessageIds: sample,
      releaseId: release?.id ?? null,
    },
    at,
  );
  return { id, created, release };
}

/**
 * Hourly counts per series from `from` up to `untilHour` (exclusive). The series begin no earlier than
 * the first hour the product has any data for: the weeks before it went live are not quiet hours, and
 * counting them as zeros would turn every busy hour of its first weeks into an "incident".
 */
async function loadSeries(
  db: Db,
  from: number,
  untilHour: number,
): Promise<{ startTs: number; length: number; counts: Map<string, Float64Array> }> {
  const first = await firstRollupHour(db);
  const startTs = Math.min(untilHour, Math.max(from, first ?? untilHour));
  const length = (untilHour - startTs) / HOUR_MS;
  const counts = new Map<string, Float64Array>();
  if (length === 0) return { startTs, length, counts };
  for (const r of await hourlyCounts(db, startTs)) {
    const i = (r.hourTs - startTs) / HOUR_MS;
    if (i < 0 || i >= length) continue;
    for (const key of [`topic:${r.topic}`, `channel:${r.channel}`]) {
      const c = counts.get(key) ?? new Float64Array(length);
      c[i] = (c[i] ?? 0) + r.n;
      counts.set(key, c);
    }
  }
  return { startTs, length, counts };
}

export function createDetectSpikesProcessor(deps: DetectSpikesDeps) {
  const lang = deps.lang ?? 'vi';
  return async function detectSpikes(_job?: unknown): Promise<SpikeRunSummary> {
    const { db } = deps;
    const nowTs = deps.now();
    const currentHour = Math.floor(nowTs / HOUR_MS) * HOUR_MS;
    const fraction = (nowTs - currentHour) / HOUR_MS;
    const active = new Map((await listActiveAlerts(db)).map((a) => [a.seriesKey, a]));
    const evalFrom = Math.min(
      currentHour - LOOKBACK_HOURS * HOUR_MS,
      ...[...active.values()].map((a) => a.windowStart),
    );
    const {
      startTs: loadFrom,
      length: hours,
      counts,
    } = await loadSeries(db, evalFrom - BASELINE_WEEKS * WEEK_HOURS * HOUR_MS, currentHour + HOUR_MS);
    const closedEnds = await lastClosedEnds(db, loadFrom);
    const releases = await listReleases(db, { fromMs: evalFrom - RELEASE_WINDOW_MS, toMs: nowTs + HOUR_MS });
    const summary: SpikeRunSummary = { opened: [], extended: [], closed: [] };

    for (const s of SERIES) {
      const c = counts.get(s.key) ?? new Float64Array(hours);
      const stored = active.get(s.key);
      const from = Math.min(
        currentHour - LOOKBACK_HOURS * HOUR_MS,
        stored?.windowStart ?? Number.POSITIVE_INFINITY,
      );
      const scored = scoreHours({ startTs: loadFrom, counts: c }, (from - loadFrom) / HOUR_MS, {
        ...deps.spike,
        lastHourFraction: fraction,
      });
      let notBefore = Math.max(closedEnds.get(s.key) ?? 0, currentHour - LOOKBACK_HOURS * HOUR_MS);
      let decision = decideIncident(stored, scored, nowTs, notBefore, deps.spike);
      if (decision.action === 'close' && stored) {
        await extendAlert(db, stored.id, decision.incident, nowTs);
        await closeAlert(db, stored.id, nowTs);
        summary.closed.push(stored.id);
        notBefore = Math.max(notBefore, decision.incident.windowEnd);
        decision = decideIncident(undefined, scored, nowTs, notBefore, deps.spike);
      }
      if (decision.action === 'extend' && stored) {
        await extendAlert(db, stored.id, decision.incident, nowTs);
        summary.extended.push(stored.id);
      }
      if (decision.action === 'open') {
        const id = await open(s, decision.incident, nowTs);
        if (id !== undefined) summary.opened.push(id);
      }
    }
    if (summary.opened.length + summary.closed.length > 0) deps.logger.info(summary, 'spike detection');
    return summary;

    async function open(s: Series, incident: Incident, at: number): Promise<number | undefined> {
      const { id, created, release } = await storeIncident(db, s, incident, releases, at);
      // Announce even when the row existed: a retried job whose first attempt died before notifying
      // still announces, and notifyTeam's key makes the second call a no-op.
      await deps.notifyTeam(`alert:${id}`, alertText(lang, deps.tz, s, incident, release));
      return created ? id : undefined;
    }
  };
}

export function alertText(
  lang: ReportLang,
  tz: string,
  s: { scope: 'topic' | 'channel'; id: string },
  incident: Incident,
  release: { label: string; at: number } | undefined,
): string {
  const label = dimensionLabel(lang, s.scope, s.id);
  const when = formatDateTime(incident.windowStart, tz);
  const obs = formatInt(lang, incident.observed);
  const exp = formatDecimal(lang, incident.expected);
  const near = release
    ? lang === 'vi'
      ? `\nBắt đầu gần mốc “${release.label}” (${formatDateTime(release.at, tz)}).`
      : `\nBegan near “${release.label}” (${formatDateTime(release.at, tz)}).`
    : '';
  return lang === 'vi'
    ? `⚠️ Đột biến phản hồi: ${label}\nTừ ${when}: ${obs} tin nhắn (dự kiến ${exp}).${near}\nXem và xác nhận trên bảng điều khiển (Cảnh báo).`
    : `⚠️ Feedback spike: ${label}\nSince ${when}: ${obs} messages (expected ${exp}).${near}\nReview and acknowledge in the dashboard (Alerts).`;
}

/**
 * `backfill-alerts`: history loaded after the fact (an import, the demo) never passed under the live
 * detector, whose runs look back only a few hours. This replays hourly runs over it (the same rules,
 * `historicalIncidents`) and stores each incident that was over as a closed alert, with its samples
 * and nearby release marker. Quietly: the team chat is not told about the past. An incident overlapping
 * an alert of the same series already stored is skipped, so running it twice adds nothing, and one still
 * running is left to the live detector.
 */
export function createBackfillAlertsProcessor(deps: DetectSpikesDeps) {
  return async function backfillAlerts(job: {
    data: JobMap['backfill-alerts'];
  }): Promise<{ created: number[] }> {
    const { db } = deps;
    const nowTs = deps.now();
    const currentHour = Math.floor(nowTs / HOUR_MS) * HOUR_MS;
    const fromHour = Math.floor(Math.min(job.data.fromMs, currentHour) / HOUR_MS) * HOUR_MS;
    // Complete hours only: the hour in progress is the live detector's.
    const { startTs: loadFrom, counts } = await loadSeries(
      db,
      fromHour - BASELINE_WEEKS * WEEK_HOURS * HOUR_MS,
      currentHour,
    );
    const stored = (await listAlerts(db, { fromMs: fromHour, limit: 500 })).items.map((a) => ({
      key: a.topic ? `topic:${a.topic}` : `channel:${a.channel}`,
      start: a.windowStart,
      end: a.windowEnd,
    }));
    const releases = await listReleases(db, { fromMs: fromHour - RELEASE_WINDOW_MS, toMs: nowTs });
    const created: number[] = [];
    for (const s of SERIES) {
      const c = counts.get(s.key);
      if (!c) continue;
      for (const incident of historicalIncidents(
        { startTs: loadFrom, counts: c },
        Math.max(0, (fromHour - loadFrom) / HOUR_MS),
        deps.spike,
      )) {
        const overlaps = stored.some(
          (a) => a.key === s.key && a.start < incident.windowEnd && incident.windowStart < a.end,
        );
        if (overlaps) continue;
        const { id, created: isNew } = await storeIncident(db, s, incident, releases, nowTs);
        if (!isNew) continue;
        await closeAlert(db, id, nowTs);
        created.push(id);
      }
    }
    if (created.length > 0)
      deps.logger.info({ created: created.length, fromMs: fromHour }, 'alerts backfilled');
    return { created };
  };
}
