import { type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../bots/shared/connector.ts';
import type { Channel } from '../bots/shared/events.ts';
import { CHANNELS } from '../bots/shared/events.ts';
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
  /** `process-inbox` jobs with ids derived from the inbox rows, so re-adding is a no-op. */
  enqueueInbox(inboxIds: number[]): Promise<void>;
  /**
   * For rows the database still says are pending: a job that ended (completed, or failed outside our
   * processor, e.g. stalled too often) would block re-adding under the same id, so it is removed first.
   */
  requeueInbox(inboxIds: number[]): Promise<void>;
  enqueueReply(channel: Channel, replyId: number): Promise<void>;
  enqueueReplies(replies: Array<{ channel: Channel; id: number }>): Promise<void>;
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

export function inboxJobId(inboxId: number): string {
  return `inbox-${inboxId}`;
}

export function replyJobId(replyId: number): string {
  return `reply-${replyId}`;
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
  const enqueueInbox = async (inboxIds: number[]): Promise<void> => {
    if (inboxIds.length === 0) return;
    await get(PIPELINE_QUEUE).addBulk(
      inboxIds.map((inboxId) => ({
        name: 'process-inbox',
        data: { inboxId } satisfies JobMap['process-inbox'],
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: inboxJobId(inboxId) },
      })),
    );
  };
  const all = [PIPELINE_QUEUE, MAINTENANCE_QUEUE, ...CHANNELS.map(replyQueueName)];
  return {
    prefix,
    async enqueue(name, data, jobOpts) {
      await get(JOB_QUEUE[name]).add(name, data, jobOpts);
    },
    enqueueInbox,
    async requeueInbox(inboxIds) {
      const queue = get(PIPELINE_QUEUE);
      for (const id of inboxIds) {
        const job = await queue.getJob(inboxJobId(id));
        if (!job) continue;
        const state = await job.getState();
        if (state === 'completed' || state === 'failed') await job.remove().catch(() => {});
      }
      await enqueueInbox(inboxIds);
    },
    async enqueueReply(channel, replyId) {
      await get(replyQueueName(channel)).add('send-reply', { replyId } satisfies JobMap['send-reply'], {
        jobId: replyJobId(replyId),
      });
    },
    async enqueueReplies(replies) {
      for (const channel of CHANNELS) {
        const mine = replies.filter((r) => r.channel === channel);
        if (mine.length === 0) continue;
        await get(replyQueueName(channel)).addBulk(
          mine.map((r) => ({
            name: 'send-reply',
            data: { replyId: r.id } satisfies JobMap['send-reply'],
            opts: { ...DEFAULT_JOB_OPTIONS, jobId: replyJobId(r.id) },
          })),
        );
      }
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
