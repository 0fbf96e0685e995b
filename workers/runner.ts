/**
 * Wires the processors to BullMQ workers: the pipeline, one reply queue per platform (each with its
 * platform's rate limit), and maintenance (sweeper, schedules). Used by `npm start` (in-process) and
 * `npm run worker` (a separate worker process).
 */
import { type Job, Worker } from 'bullmq';
import type { Connector, Logger } from '../bots/shared/connector.ts';
import type { ConversationTexts } from '../bots/shared/conversation.ts';
import type { Channel } from '../bots/shared/events.ts';
import { type Db, purgeDeleted } from '../db/database.ts';
import { reviveUnstorableFailures } from '../db/storable.ts';
import type { Analyzer } from './analysis/index.ts';
import { MAINTENANCE_QUEUE, PIPELINE_QUEUE, replyQueueName } from './jobs.ts';
import { createKnownIncidents } from './known-incidents.ts';
import { createPipelineProcessor, markInboxFailed, type PipelineStage } from './pipeline.worker.ts';
import { createRedis, type Queues } from './queues.ts';
import { createReplyProcessor } from './reply.worker.ts';
import { createSweeper } from './sweeper.ts';

export interface RunnerDeps {
  db: Db;
  queues: Queues;
  redisUrl: string;
  analyzer: Analyzer;
  texts: ConversationTexts;
  connectors: ReadonlyMap<Channel, Connector>;
  secret: string;
  now: () => number;
  logger: Logger;
  pipelineConcurrency?: number;
  /** BullMQ lock duration; stalled jobs of a dead worker are recovered after about this long. */
  lockDurationMs?: number;
  sweepEveryMs?: number;
  sweepGraceMs?: number;
  metrics?: {
    processed: (channel: string, latencyMs: number) => void;
    failed: (queue: string) => void;
    reply: (channel: string, outcome: 'sent' | 'failed' | 'retry') => void;
    stage: (stage: PipelineStage, ms: number) => void;
  };
  /** Runs after each sweep, e.g. to re-register job schedulers that a Redis restart dropped. */
  onTick?: () => Promise<void>;
  /** Extra maintenance processors by job name (retrain, reclassify, detect-spikes, weekly-report). */
  maintenance?: Record<string, (job: Job) => Promise<unknown>>;
}

export interface Runner {
  workers: Worker[];
  sweep: () => Promise<{ inbox: number; replies: number }>;
  close(): Promise<void>;
}

export async function startWorkers(deps: RunnerDeps): Promise<Runner> {
  const prefix = deps.queues.prefix;
  const connections: ReturnType<typeof createRedis>[] = [];
  const connection = () => {
    const c = createRedis(deps.redisUrl, 'worker');
    c.on('error', () => {});
    connections.push(c);
    return c;
  };
  const workers: Worker[] = [];
  const watch = (w: Worker, name: string) => {
    w.on('error', (err) => deps.logger.warn({ queue: name, err: err.message }, 'worker error'));
    w.on('failed', (job, err) => {
      deps.metrics?.failed(name);
      deps.logger.warn(
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      );
    });
    workers.push(w);
  };

  const processInbox = createPipelineProcessor({
    db: deps.db,
    analyzer: deps.analyzer,
    texts: deps.texts,
    secret: deps.secret,
    now: deps.now,
    logger: deps.logger,
    enqueueReplies: deps.queues.enqueueReplies,
    batch: true,
    openIncidents: createKnownIncidents(deps.db, deps.now),
    ...(deps.metrics ? { onProcessed: deps.metrics.processed, onStage: deps.metrics.stage } : {}),
  });
  const pipeline = new Worker(
    PIPELINE_QUEUE,
    async (job: Job<{ inboxId: number }>) => {
      try {
        return await processInbox(job);
      } catch (err) {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (lastAttempt)
          await markInboxFailed(deps.db, job.data.inboxId, err instanceof Error ? err.message : String(err));
        throw err;
      }
    },
    {
      connection: connection(),
      prefix,
      concurrency: deps.pipelineConcurrency ?? 20,
      lockDuration: deps.lockDurationMs ?? 30_000,
      // A busy machine can miss a lock renewal; the job is idempotent, so let it be retried a few times.
      maxStalledCount: 5,
      stalledInterval: Math.max(1000, Math.floor((deps.lockDurationMs ?? 30_000) / 2)),
    },
  );
  watch(pipeline, PIPELINE_QUEUE);

  const redis = connection();
  const sendReply = createReplyProcessor({
    db: deps.db,
    connectors: deps.connectors,
    redis,
    keyPrefix: prefix,
    now: deps.now,
    logger: deps.logger,
    ...(deps.metrics ? { onResult: deps.metrics.reply } : {}),
  });
  for (const [channel, connector] of deps.connectors) {
    const name = replyQueueName(channel);
    const w = new Worker(name, sendReply, {
      connection: connection(),
      prefix,
      concurrency: 10,
      limiter: { max: connector.limits.perSecond, duration: 1000 },
    });
    watch(w, name);
  }

  const sweep = createSweeper({
    db: deps.db,
    now: deps.now,
    logger: deps.logger,
    requeueInbox: deps.queues.requeueInbox,
    requeueReplies: deps.queues.requeueReplies,
    enqueueRebuild: (id) =>
      deps.queues.enqueue(
        'retrain',
        { requestedBy: 'erasure' },
        { jobId: `rebuild-${id}`, attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
      ),
    ...(deps.sweepGraceMs !== undefined ? { graceMs: deps.sweepGraceMs } : {}),
  });
  const maintenance: Record<string, (job: Job) => Promise<unknown>> = {
    sweep: () => sweep(),
    ...deps.maintenance,
  };
  const maint = new Worker(
    MAINTENANCE_QUEUE,
    async (job: Job) => {
      const run = maintenance[job.name];
      if (!run) throw new Error(`no processor for ${job.name}`);
      return run(job);
    },
    { connection: connection(), prefix, concurrency: 1 },
  );
  watch(maint, MAINTENANCE_QUEUE);
  // A local timer rather than a BullMQ schedule: it must keep working after Redis lost everything.
  // Several processes sweeping at once is harmless (job ids derive from row ids).
  const tick = async () => {
    try {
      await sweep();
      // Raw text of rows processed since the last tick leaves the SQLite WAL (db/database.ts).
      await purgeDeleted(deps.db);
      await deps.onTick?.();
    } catch (err) {
      deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'sweep failed; retrying later',
      );
    }
  };
  const timer = setInterval(() => void tick(), deps.sweepEveryMs ?? 30_000);
  timer.unref();
  // Catch up at start-up on anything a previous run left behind, rows that failed only on
  // unstorable text included.
  void reviveUnstorableFailures(deps.db)
    .then((n) => {
      if (n > 0) deps.logger.info({ inbox: n }, 'failed rows with unstorable text queued again');
    })
    .catch(() => {})
    .then(tick);

  return {
    workers,
    sweep,
    async close() {
      clearInterval(timer);
      // Stop taking jobs, let running ones finish, then close connections.
      await Promise.all(workers.map((w) => w.close()));
      for (const c of connections) c.disconnect();
    },
  };
}
