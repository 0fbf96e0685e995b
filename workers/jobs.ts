/**
 * One map from job name to payload type drives every enqueue and processor. Payloads carry ids and
 * parameters only: never message text, platform user ids or secrets. `key` is the row's random job
 * key (db/lifetime.ts): a job whose key no longer matches its row belongs to a lost database lifetime.
 */
import type { Channel } from '../bots/shared/events.ts';

export interface JobMap {
  /** Turn one inbox row into a classified message (workers/pipeline.worker.ts). */
  'process-inbox': { inboxId: number; key?: string };
  /** Send one outbox row through its platform (workers/reply.worker.ts). */
  'send-reply': { replyId: number; key?: string };
  /** Re-enqueue inbox rows and replies that were never processed or whose job vanished. */
  sweep: Record<string, never>;
  /** Train a model on the corpus plus analysts' corrections; promote it if not worse. */
  retrain: { requestedBy?: string };
  /** Re-label stored messages with the current model (a job, never a migration). */
  reclassify: { fromMs?: number; toMs?: number };
  /** Spike detection over the hourly roll-ups. */
  'detect-spikes': Record<string, never>;
  /** Raise (closed) alerts for incidents in history loaded after the fact: an import, the demo. */
  'backfill-alerts': { fromMs: number };
  /** Apply the retention policy (db/retention.ts): daily. */
  retention: Record<string, never>;
  /** Build the weekly report (default: the previous ISO week in TZ_REPORTS). */
  'weekly-report': { week?: string; lang?: 'vi' | 'en'; requestedBy?: string };
  /** Tell the team chat about new urgent cases (counts and a link). */
  'urgent-digest': Record<string, never>;
}
export type JobName = keyof JobMap;

/** Which queue each job lives on. Replies get one queue per platform so each has its own rate limit. */
export const PIPELINE_QUEUE = 'pipeline';
export const MAINTENANCE_QUEUE = 'maintenance';
export function replyQueueName(channel: Channel): string {
  return `replies-${channel}`;
}

export const JOB_QUEUE: Record<Exclude<JobName, 'send-reply'>, string> = {
  'process-inbox': PIPELINE_QUEUE,
  sweep: MAINTENANCE_QUEUE,
  retrain: MAINTENANCE_QUEUE,
  reclassify: MAINTENANCE_QUEUE,
  'detect-spikes': MAINTENANCE_QUEUE,
  'backfill-alerts': MAINTENANCE_QUEUE,
  'weekly-report': MAINTENANCE_QUEUE,
  'urgent-digest': MAINTENANCE_QUEUE,
  retention: MAINTENANCE_QUEUE,
};
