/**
 * The maintenance jobs (retraining, reclassification, spike detection, weekly report), the team
 * notifications they send, and the live analyzer that follows the promoted model.
 */
import type { Job } from 'bullmq';
import type { Connector, Logger } from '../bots/shared/connector.ts';
import type { Channel } from '../bots/shared/events.ts';
import type { Db } from '../db/database.ts';
import { newJobKey } from '../db/lifetime.ts';
import { applyRetention } from '../db/retention.ts';
import {
  createBackfillAlertsProcessor,
  createDetectSpikesProcessor,
  type TeamDeps,
} from '../workers/alerts.worker.ts';
import type { Analyzer } from '../workers/analysis/index.ts';
import type { JobMap } from '../workers/jobs.ts';
import type { Queues } from '../workers/queues.ts';
import { createReclassifyProcessor } from '../workers/reclassify.worker.ts';
import { createWeeklyReportProcessor } from '../workers/report.worker.ts';
import { createPromotedAnalyzerSource, createRetrainProcessor } from '../workers/retrain.worker.ts';
import { createUrgentDigestProcessor } from '../workers/urgent.worker.ts';
import type { Config } from './config.ts';

/** An analyzer that switches to a newly promoted model without a restart. */
export interface LiveAnalyzer extends Analyzer {
  /** Loads the promoted model if it changed since the last check. */
  refresh(): Promise<void>;
}

export async function createLiveAnalyzer(db: Db, now: () => number, logger: Logger): Promise<LiveAnalyzer> {
  // Checked on every refresh (the runner calls it each sweep); the source loads a file once per version.
  const source = createPromotedAnalyzerSource({ db, now, refreshMs: 0 });
  let current = await source.get();
  return {
    get modelVersion() {
      return current.modelVersion;
    },
    analyse: (text) => current.analyse(text),
    async refresh() {
      const next = await source.get();
      if (next !== current) {
        current = next;
        logger.info({ model: current.modelVersion }, 'now classifying with the promoted model');
      }
    },
  };
}

export interface TeamNotifierDeps {
  db: Db;
  config: Readonly<Config>;
  connectors: ReadonlyMap<Channel, Connector>;
  now: () => number;
  logger: Logger;
  enqueueReplies: Queues['enqueueReplies'];
}

/**
 * Alerts and reports go to the team's Telegram chat through the same outbox and reply queue as
 * citizen replies (rate limits, retries, idempotent on `key`).
 */
export function createTeamNotifier(deps: TeamNotifierDeps): TeamDeps['notifyTeam'] {
  return async (key, text) => {
    const chatId = deps.config.REPORT_TELEGRAM_CHAT_ID;
    if (!chatId || !deps.connectors.has('telegram')) {
      deps.logger.info(
        { key },
        'team notification not sent: REPORT_TELEGRAM_CHAT_ID or Telegram not configured',
      );
      return;
    }
    const jobKey = newJobKey();
    const row = await deps.db.kysely
      .insertInto('replies')
      .values({
        channel: 'telegram',
        in_reply_to: key,
        purpose: 'team',
        author_hash: null,
        target: JSON.stringify({ chatId }),
        text: text.slice(0, 4000),
        status: 'pending',
        error: null,
        created_at: deps.now(),
        sent_at: null,
        job_key: jobKey,
      })
      .onConflict((oc) => oc.columns(['channel', 'in_reply_to']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) await deps.enqueueReplies([{ channel: 'telegram', id: row.id, key: jobKey }]);
  };
}

export interface MaintenanceDeps extends TeamNotifierDeps {
  modelDir: string;
  /** Queues a maintenance job (a promoted model triggers re-classification of stored messages). */
  enqueueReclassify: () => Promise<void>;
}

export function createMaintenanceProcessors(
  deps: MaintenanceDeps,
): Record<string, (job: Job) => Promise<unknown>> {
  const team: TeamDeps = {
    db: deps.db,
    now: deps.now,
    logger: deps.logger,
    k: deps.config.SUPPRESSION_K,
    tz: deps.config.TZ_REPORTS,
    notifyTeam: createTeamNotifier(deps),
  };
  const retrain = createRetrainProcessor({
    db: deps.db,
    now: deps.now,
    modelDir: deps.modelDir,
    logger: deps.logger,
  });
  const reclassify = createReclassifyProcessor({
    db: deps.db,
    now: deps.now,
    modelDir: deps.modelDir,
    logger: deps.logger,
  });
  const spikes = createDetectSpikesProcessor(team);
  const backfillAlerts = createBackfillAlertsProcessor(team);
  const report = createWeeklyReportProcessor(team);
  const urgent = createUrgentDigestProcessor({ ...team, publicUrl: deps.config.PUBLIC_URL });
  return {
    retrain: async (job: Job<JobMap['retrain']>) => {
      const outcome = await retrain(job);
      if ((outcome.promoted && !outcome.existing) || outcome.rebuild) await deps.enqueueReclassify();
      return outcome;
    },
    reclassify: (job: Job<JobMap['reclassify']>) => reclassify(job),
    'detect-spikes': () => spikes(),
    'backfill-alerts': (job: Job<JobMap['backfill-alerts']>) => backfillAlerts(job),
    'weekly-report': (job) => report(job),
    'urgent-digest': () => urgent(),
    retention: async () => {
      const counts = await applyRetention(
        deps.db,
        {
          retentionDays: deps.config.RETENTION_DAYS,
          addressRetentionDays: deps.config.ADDRESS_RETENTION_DAYS,
        },
        deps.now(),
      );
      deps.logger.info(counts, 'retention applied');
      return counts;
    },
  };
}
