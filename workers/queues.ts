import { type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../bots/shared/connector.ts';
import type { Channel } from '../bots/shared/events.ts';
import { CHANNELS } from '../bots/shared/events.ts';
import type { JobRef } from '../db/lifetime.ts';
import {
  JOB_QUEUE,
  type JobMap,
  type JobName,
  MAINTENANCE_QUEUE,
  PIPELINE_QUEUE,
  replyQueueName,
} from './jobs.ts';

export type QueuedJobName = Exclude<JobName, 'send-reply'>;

export interface Queues {
  readonly prefix: string;
  enqueue<N extends QueuedJobName>(name: N, data: JobMap[N], opts?: JobsOptions): Promise<void>;
  /**
   * `process-inbox` jobs named by the row's id and random job key: re-adding is a no-op, and a new
   * database lifetime (reset, restored backup) never meets the last one's completed jobs.
   */
  enqueueInbox(rows: JobRef[]): Promise<void>;
  /**
   * For rows the database still says are pending: a job that ended (completed, or failed outside our
   * processor, e.g. stalled too often) would block re-adding under the same id, so it is removed first.
   */
  requeueInbox(rows: JobRef[]): Promise<void>;
  enqueueReplies(replies: Array<JobRef & { channel: Channel }>): Promise<void>;
  /** The reply path's sweeper entry, recovering as requeueInbox does. */
  requeueReplies(replies: Array<JobRef & { channel: Channel }>): Promise<void>;
  get(queueName: string): Queue;
  /** PING over the producer connection (fails at once while Redis is down): for /readyz. */
  ping(): Promise<void>;
  /** Waiting/active/delayed/failed counts per queue, for /metrics and the admin page. */
  counts(): Promise<Record<string, Record<string, number>>>;
  close(): Promise<void>;
}

/** Retries with exponential backoff (1 s, 2 s, 4 s … ~4 min); failed jobs are kept, never dropped. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 9,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: false,
};

export function inboxJobId(row: JobRef): string {
  return row.key ? `inbox-${row.id}-${row.key}` : `inbox-${row.id}`;
}

export function replyJobId(row: JobRef): string {
  return row.key ? `reply-${row.id}-${row.key}` : `reply-${row.id}`;
}

/** Removes a job that ended (completed or failed) so that the same id can be added again. */
async function removeEnded(queue: Queue, jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  if (!job) return;
  const state = await job.getState();
  if (state === 'completed' || state === 'failed') await job.remove().catch(() => {});
}

export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  return new Redis(url, {
    // Workers block on Redis and must keep retrying; producers fail fast so a webhook never waits on
    // a Redis outage (the inbox row is already stored and the sweeper queues it later).
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export function createQueues(opts: { redisUrl: string; prefix?: string; logger: Logger }): Queues {
  const prefix = opts.prefix ?? 'vneid';
  const connection = createRedis(opts.redisUrl, 'producer');
  connection.on('error', () => {}); // reported through failed operations, not as a crash
  const queues = new Map<string, Queue>();
  const get = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', (err) => opts.logger.debug({ err: err.message, queue: name }, 'queue connection error'));
      queues.set(name, q);
    }
    return q;
  };
  const enqueueInbox = async (rows: JobRef[]): Promise<void> => {
    if (rows.length === 0) return;
    await get(PIPELINE_QUEUE).addBulk(
      rows.map((row) => ({
        name: 'process-inbox',
        data: { inboxId: row.id, ...(row.key ? { key: row.key } : {}) } satisfies JobMap['process-inbox'],
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: inboxJobId(row) },
      })),
    );
  };
  const enqueueReplies = async (replies: Array<JobRef & { channel: Channel }>): Promise<void> => {
    for (const channel of CHANNELS) {
      const mine = replies.filter((r) => r.channel === channel);
      if (mine.length === 0) continue;
      await get(replyQueueName(channel)).addBulk(
        mine.map((r) => ({
          name: 'send-reply',
          data: { replyId: r.id, ...(r.key ? { key: r.key } : {}) } satisfies JobMap['send-reply'],
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: replyJobId(r) },
        })),
      );
    }
  };
  const all = [PIPELINE_QUEUE, MAINTENANCE_QUEUE, ...CHANNELS.map(replyQueueName)];
  return {
    prefix,
    async enqueue(name, data, jobOpts) {
      await get(JOB_QUEUE[name]).add(name, data, jobOpts);
    },
    enqueueInbox,
    async requeueInbox(rows) {
      for (const row of rows) await removeEnded(get(PIPELINE_QUEUE), inboxJobId(row));
      await enqueueInbox(rows);
    },
    enqueueReplies,
    async requeueReplies(replies) {
      for (const r of replies) await removeEnded(get(replyQueueName(r.channel)), replyJobId(r));
      await enqueueReplies(replies);
    },
    get,
    async ping() {
      await connection.ping();
    },
    async counts() {
      const out: Record<string, Record<string, number>> = {};
      for (const name of all) {
        out[name] = await get(name).getJobCounts(
          'waiting',
          'active',
          'delayed',
          'failed',
          'completed',
          'prioritized',
        );
      }
      return out;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}
