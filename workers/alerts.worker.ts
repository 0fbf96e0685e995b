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
  hourlyCounts,
  insertAlert,
  lastClosedEnds,
  listActiveAlerts,
  listReleases,
  sampleMessageIds,
} from '../db/trends.ts';
import { TOPIC_IDS } from './analysis/taxonomy.ts';
import { markerNear } from './analysis/trends/releases.ts';
import { HOUR_MS, WEEK_HOURS } from './analysis/trends/seasonal.ts';
import { decideIncident, type Incident, type SpikeOptions, scoreHours } from './analysis/trends/spikes.ts';
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
    const loadFrom = evalFrom - BASELINE_WEEKS * WEEK_HOURS * HOUR_MS;
    const hours = (currentHour - loadFrom) / HOUR_MS + 1;

    const counts = new Map<string, Float64Array>();
    const seriesOf = (key: string) => {
      let c = counts.get(key);
      if (!c) {
        c = new Float64Array(hours);
        counts.set(key, c);
      }
      return c;
    };
    for (const r of await hourlyCounts(db, loadFrom)) {
      const i = (r.hourTs - loadFrom) / HOUR_MS;
      if (i < 0 || i >= hours) continue;
      for (const key of [`topic:${r.topic}`, `channel:${r.channel}`]) {
        const c = seriesOf(key);
        c[i] = (c[i] ?? 0) + r.n;
      }
    }
    const series: Series[] = [
      ...TOPIC_IDS.map((id) => ({ key: `topic:${id}`, scope: 'topic' as const, id })),
      ...CHANNELS.map((id) => ({ key: `channel:${id}`, scope: 'channel' as const, id })),
    ];
    const closedEnds = await lastClosedEnds(db, loadFrom);
    const releases = await listReleases(db, { fromMs: evalFrom - RELEASE_WINDOW_MS, toMs: nowTs + HOUR_MS });
    const summary: SpikeRunSummary = { opened: [], extended: [], closed: [] };

    for (const s of series) {
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
