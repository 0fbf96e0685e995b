/**
 * Queries for alerts, release markers and stored weekly reports. The dashboard builds its
 * routes on the exported read/acknowledge functions; the detect-spikes and weekly-report workers use
 * the write functions below them. All times are epoch ms.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from './database.ts';
import type { AlertScope, AlertStatus, Database, ReleaseKind } from './schema/index.ts';

export type { AlertScope, AlertStatus, ReleaseKind } from './schema/trends.ts';

export interface ReleaseView {
  id: number;
  at: number;
  label: string;
  kind: ReleaseKind;
  createdBy: string;
  createdAt: number;
}

export interface AlertView {
  id: number;
  scope: AlertScope;
  topic: string | null;
  channel: string | null;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  score: number;
  status: AlertStatus;
  sampleMessageIds: number[];
  releaseId: number | null;
  /** The release or incident marker the spike began near, when there is one. */
  release: ReleaseView | null;
  createdAt: number;
  updatedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
}

export interface ReportMeta {
  id: number;
  week: string;
  lang: 'vi' | 'en';
  createdAt: number;
  modelVersion: string;
  method: string;
  createdBy: string | null;
}

export interface AlertFilter {
  status?: AlertStatus;
  /** Alerts whose window overlaps [fromMs, toMs). */
  fromMs?: number;
  toMs?: number;
  topic?: string;
  channel?: string;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

function alertWhere(f: AlertFilter) {
  return (eb: ExpressionBuilder<Database, 'alerts'>) => {
    const c = [];
    if (f.status !== undefined) c.push(eb('alerts.status', '=', f.status));
    if (f.fromMs !== undefined) c.push(eb('alerts.window_end', '>', f.fromMs));
    if (f.toMs !== undefined) c.push(eb('alerts.window_start', '<', f.toMs));
    if (f.topic !== undefined) c.push(eb('alerts.topic', '=', f.topic));
    if (f.channel !== undefined) c.push(eb('alerts.channel', '=', f.channel));
    return eb.and(c);
  };
}

/** Newest first. */
export async function listAlerts(db: Db, f: AlertFilter): Promise<{ items: AlertView[]; total: number }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const rows = await db.kysely
    .selectFrom('alerts')
    .leftJoin('releases', 'releases.id', 'alerts.release_id')
    .selectAll('alerts')
    .select([
      'releases.at as r_at',
      'releases.label as r_label',
      'releases.kind as r_kind',
      'releases.created_by as r_created_by',
      'releases.created_at as r_created_at',
    ])
    .where(alertWhere(f))
    .orderBy('alerts.window_start', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(limit)
    .offset(Math.max(f.offset ?? 0, 0))
    .execute();
  const total = await db.kysely
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(alertWhere(f))
    .executeTakeFirstOrThrow();
  const items = rows.map(
    (r): AlertView => ({
      id: Number(r.id),
      scope: r.scope,
      topic: r.topic,
      channel: r.channel,
      windowStart: Number(r.window_start),
      windowEnd: Number(r.window_end),
      observed: Number(r.observed),
      expected: Number(r.expected),
      score: Number(r.score),
      status: r.status,
      sampleMessageIds: parseIds(r.sample_message_ids),
      releaseId: r.release_id === null ? null : Number(r.release_id),
      release:
        r.release_id !== null && r.r_at !== null && r.r_label !== null && r.r_kind !== null
          ? {
              id: Number(r.release_id),
              at: Number(r.r_at),
              label: r.r_label,
              kind: r.r_kind,
              createdBy: r.r_created_by ?? '',
              createdAt: Number(r.r_created_at),
            }
          : null,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      acknowledgedBy: r.acknowledged_by,
      acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
    }),
  );
  return { items, total: Number(total.n) };
}

function parseIds(json: string): number[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is number => typeof x === 'number') : [];
}

/**
 * Marks an alert as seen. Idempotent: the first acknowledger is kept; a closed alert stays closed but
 * records who acknowledged it. Returns false only when there is no such alert.
 */
export async function acknowledgeAlert(db: Db, id: number, by: string, now: number): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await trx
      .updateTable('alerts')
      .set({ acknowledged_by: by, acknowledged_at: now, updated_at: now })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .execute();
    await trx
      .updateTable('alerts')
      .set({ status: 'acknowledged' })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    return true;
  });
}

/** Markers with `at` in [fromMs, toMs), oldest first. */
export async function listReleases(db: Db, f: { fromMs?: number; toMs?: number }): Promise<ReleaseView[]> {
  let q = db.kysely.selectFrom('releases').selectAll();
  if (f.fromMs !== undefined) q = q.where('at', '>=', f.fromMs);
  if (f.toMs !== undefined) q = q.where('at', '<', f.toMs);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: Number(r.at),
    label: r.label,
    kind: r.kind,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  }));
}

export async function addRelease(
  db: Db,
  r: { at: number; label: string; kind: ReleaseKind; createdBy: string },
  now: number,
): Promise<number> {
  const row = await db.kysely
    .insertInto('releases')
    .values({ at: r.at, label: r.label, kind: r.kind, created_by: r.createdBy, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Newest week first. */
export async function listReports(db: Db): Promise<ReportMeta[]> {
  const rows = await db.kysely
    .selectFrom('reports')
    .select(['id', 'week', 'lang', 'created_at', 'model_version', 'method', 'created_by'])
    .orderBy('week', 'desc')
    .orderBy('lang', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    week: r.week,
    lang: r.lang,
    createdAt: Number(r.created_at),
    modelVersion: r.model_version,
    method: r.method,
    createdBy: r.created_by,
  }));
}

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * One stored report file. `aggregate`: the copy without citizens' quotes (what viewers get);
 * undefined when the report was stored before such copies existed.
 */
export async function getReportFile(
  db: Db,
  id: number,
  format: 'html' | 'pdf' | 'csv',
  opts: { aggregate?: boolean } = {},
): Promise<{ contentType: string; filename: string; body: Buffer } | undefined> {
  const meta = await db.kysely
    .selectFrom('reports')
    .select(['week', 'lang'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!meta) return undefined;
  const row = opts.aggregate
    ? await db.kysely
        .selectFrom('report_aggregate_files')
        .select(format)
        .where('report_id', '=', id)
        .executeTakeFirst()
    : await db.kysely.selectFrom('reports').select(format).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const value = (row as Record<typeof format, string | Buffer>)[format];
  const body = Buffer.isBuffer(value)
    ? value
    : format === 'pdf'
      ? Buffer.from(value)
      : Buffer.from(value, 'utf8');
  return {
    contentType: CONTENT_TYPES[format],
    filename: `vneid-feedback-${meta.week}-${meta.lang}${opts.aggregate ? '-aggregate' : ''}.${format}`,
    body,
  };
}

// ---- Writes used by the detect-spikes and weekly-report workers ----

export interface ActiveAlert {
  id: number;
  seriesKey: string;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  score: number;
}

/** Incidents still running (open or acknowledged), one at most per series. */
export async function listActiveAlerts(db: Db): Promise<ActiveAlert[]> {
  const rows = await db.kysely
    .selectFrom('alerts')
    .select(['id', 'series_key', 'window_start', 'window_end', 'observed', 'expected', 'score'])
    .where('status', 'in', ['open', 'acknowledged'])
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    seriesKey: r.series_key,
    windowStart: Number(r.window_start),
    windowEnd: Number(r.window_end),
    observed: Number(r.observed),
    expected: Number(r.expected),
    score: Number(r.score),
  }));
}

export interface NewAlert {
  scope: AlertScope;
  seriesKey: string;
  topic: string | null;
  channel: string | null;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  score: number;
  sampleMessageIds: number[];
  releaseId: number | null;
}

/** Inserts unless this incident (series, start hour) exists; `created` tells whether to announce it. */
export async function insertAlert(
  db: Db,
  a: NewAlert,
  now: number,
): Promise<{ id: number; created: boolean }> {
  const inserted = await db.kysely
    .insertInto('alerts')
    .values({
      scope: a.scope,
      series_key: a.seriesKey,
      topic: a.topic,
      channel: a.channel,
      window_start: a.windowStart,
      window_end: a.windowEnd,
      observed: a.observed,
      expected: a.expected,
      score: a.score,
      status: 'open',
      sample_message_ids: JSON.stringify(a.sampleMessageIds),
      release_id: a.releaseId,
      created_at: now,
      updated_at: now,
      acknowledged_by: null,
      acknowledged_at: null,
    })
    .onConflict((oc) => oc.columns(['series_key', 'window_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id), created: true };
  const existing = await db.kysely
    .selectFrom('alerts')
    .select('id')
    .where('series_key', '=', a.seriesKey)
    .where('window_start', '=', a.windowStart)
    .executeTakeFirstOrThrow();
  return { id: Number(existing.id), created: false };
}

/** Grows a running incident to cover newly anomalous hours (hysteresis: no new alert). */
export async function extendAlert(
  db: Db,
  id: number,
  p: { windowEnd: number; observed: number; expected: number; score: number },
  now: number,
): Promise<void> {
  await db.kysely
    .updateTable('alerts')
    .set({
      window_end: p.windowEnd,
      observed: p.observed,
      expected: p.expected,
      score: p.score,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function closeAlert(db: Db, id: number, now: number): Promise<void> {
  await db.kysely
    .updateTable('alerts')
    .set({ status: 'closed', updated_at: now })
    .where('id', '=', id)
    .execute();
}

export interface StoredReport {
  week: string;
  lang: 'vi' | 'en';
  html: string;
  pdf: Buffer;
  csv: string;
  modelVersion: string;
  method: string;
  createdBy: string | null;
  /** The same report without citizens' quotes (what viewers download). */
  aggregate?: { html: string; pdf: Buffer; csv: string };
}

/** One report per (week, lang): regenerating replaces it (and its aggregate copy) and keeps its id. */
export async function saveReport(db: Db, r: StoredReport, now: number): Promise<number> {
  const values = {
    html: r.html,
    pdf: r.pdf,
    csv: r.csv,
    model_version: r.modelVersion,
    method: r.method,
    created_at: now,
    created_by: r.createdBy,
  };
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('reports')
      .values({ week: r.week, lang: r.lang, ...values })
      .onConflict((oc) => oc.columns(['week', 'lang']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await trx.deleteFrom('report_aggregate_files').where('report_id', '=', id).execute();
    if (r.aggregate) {
      await trx
        .insertInto('report_aggregate_files')
        .values({ report_id: id, ...r.aggregate })
        .execute();
    }
    return id;
  });
}

/** End of the most recent closed incident per series since `sinceMs`: not to be raised again. */
export async function lastClosedEnds(db: Db, sinceMs: number): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('alerts')
    .select(['series_key', (eb) => eb.fn.max('window_end').as('end')])
    .where('status', '=', 'closed')
    .where('window_end', '>=', sinceMs)
    .groupBy('series_key')
    .execute();
  return new Map(rows.map((r) => [r.series_key, Number(r.end)]));
}

/** Hourly counts per topic and channel since `fromMs` (summed over sentiment and language). */
/** The first hour any roll-up exists for (when the product started receiving), if any. */
export async function firstRollupHour(db: Db): Promise<number | undefined> {
  const row = await db.kysely
    .selectFrom('rollups_hourly')
    .select((eb) => eb.fn.min<number>('hour_ts').as('h'))
    .executeTakeFirst();
  return row?.h === null || row?.h === undefined ? undefined : Number(row.h);
}

export async function hourlyCounts(
  db: Db,
  fromMs: number,
): Promise<{ hourTs: number; topic: string; channel: string; n: number }[]> {
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select(['hour_ts', 'topic', 'channel', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', fromMs)
    .groupBy(['hour_ts', 'topic', 'channel'])
    .execute();
  return rows.map((r) => ({ hourTs: Number(r.hour_ts), topic: r.topic, channel: r.channel, n: Number(r.n) }));
}

/** A few message ids from an alert's window for the team to read (oldest first). */
export async function sampleMessageIds(
  db: Db,
  f: { topic?: string; channel?: string; fromMs: number; toMs: number; limit: number },
): Promise<number[]> {
  let q = db.kysely
    .selectFrom('messages')
    .select('id')
    .where('received_at', '>=', f.fromMs)
    .where('received_at', '<', f.toMs)
    .where('status', '=', 'active');
  if (f.topic !== undefined) q = q.where('topic', '=', f.topic);
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  const rows = await q.orderBy('id').limit(f.limit).execute();
  return rows.map((r) => Number(r.id));
}
