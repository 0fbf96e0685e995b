/**
 * Builds the whole product from a validated config: database (migrated), queues, connectors, intake,
 * HTTP app and, optionally, the workers. `npm start`, `npm run worker`, the demo and the end-to-end
 * tests all go through here, so what is tested is what runs.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createConnectors } from '../bots/index.ts';
import type { Connector, Logger } from '../bots/shared/connector.ts';
import { loadConversationTexts } from '../bots/shared/conversation.ts';
import type { Channel, InboundEvent } from '../bots/shared/events.ts';
import { createIntake, type Intake } from '../bots/shared/intake.ts';
import { createEventKeyer, createPseudonymiser } from '../bots/shared/pseudonym.ts';
import { datedPlausibly } from '../bots/shared/received-time.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { createDb, type Db, ping } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Analyzer } from '../workers/analysis/index.ts';
import { MAINTENANCE_QUEUE } from '../workers/jobs.ts';
import { createQueues, type Queues } from '../workers/queues.ts';
import { type Runner, startWorkers } from '../workers/runner.ts';
import { registerSchedules } from '../workers/schedules.ts';
import type { Config } from './config.ts';
import { createLiveAnalyzer, createMaintenanceProcessors } from './maintenance.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { buildServer } from './server.ts';

export interface RuntimeOptions {
  logger: Logger;
  /** Run the BullMQ workers in this process (npm start) or not (a web-only process, or tests). */
  workers: boolean;
  /** Start platform background intake (Telegram long polling / setWebhook). */
  platformIntake?: boolean;
  now?: () => number;
  fetch?: typeof fetch;
  queuePrefix?: string;
  analyzer?: Analyzer;
  pipelineConcurrency?: number;
  sweepGraceMs?: number;
  sweepEveryMs?: number;
  webhookBodyLimit?: number;
  /**
   * Webhook deliveries are dated history being replayed (the demo's private ingest of its six-week
   * sample): platform times are kept as given and Zalo's replay window is not applied. Never for live
   * traffic, which is why it is an option in code and not a setting.
   */
  replayedHistory?: boolean;
}

export interface Runtime {
  config: Readonly<Config>;
  db: Db;
  queues: Queues;
  intake: Intake;
  connectors: Map<Channel, Connector>;
  metrics: Metrics;
  app: FastifyInstance;
  runner: Runner | undefined;
  /** Stop intake, let running jobs finish, close connections. */
  close(): Promise<void>;
}

export async function createRuntime(config: Readonly<Config>, opts: RuntimeOptions): Promise<Runtime> {
  const now = opts.now ?? Date.now;
  const logger = opts.logger;
  const db = await createDb(config.DATABASE_URL).catch((err: unknown) => {
    throw new Error(
      `cannot open the database (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  try {
    await ping(db);
  } catch (err) {
    await db.close();
    throw new Error(
      `cannot reach the database at ${db.label} (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  const queues = createQueues({
    redisUrl: config.REDIS_URL,
    prefix: opts.queuePrefix ?? config.QUEUE_PREFIX,
    logger,
  });
  const metrics = createMetrics(() => queues.counts());
  const connectors = createConnectors(config, {
    db,
    fetch: opts.fetch ?? fetch,
    now,
    logger,
    ...(opts.replayedHistory ? { replayedHistory: true } : {}),
  });
  const pseudonymise = createPseudonymiser(config.PSEUDONYM_SECRET);
  const intake = createIntake({
    db,
    pseudonymise,
    eventKey: createEventKeyer(config.PSEUDONYM_SECRET),
    now,
    logger,
    enqueue: (rows) => queues.enqueueInbox(rows),
    onStored: (channel, stored) => metrics.stored.inc({ channel }, stored),
  });
  const dashboard = createDashboard({
    config,
    db,
    now,
    logger,
    enqueue: async (name, data) => {
      if (name === 'send-reply') throw new Error('replies are queued by the pipeline only');
      await queues.enqueue(name as Exclude<typeof name, 'send-reply'>, data as never);
    },
    enqueueReplies: (replies) => queues.enqueueReplies(replies),
    health: async () => ({
      database: db.label,
      queues: await queues.counts().catch(() => null),
    }),
  });
  const app = await buildServer({
    dashboard,
    trustProxy: config.TRUST_PROXY,
    metricsToken: config.METRICS_TOKEN,
    now,
    ...(opts.replayedHistory ? { keepPlatformTimes: true } : {}),
    db,
    intake,
    connectors: [...connectors.values()],
    metrics,
    logger,
    redisPing: () => queues.ping(),
    ...(opts.webhookBodyLimit ? { webhookBodyLimit: opts.webhookBodyLimit } : {}),
  });

  let runner: Runner | undefined;
  // Workers write through their own connection: on SQLite it skips the per-commit fsync (see
  // CreateDbOptions.durability); on PostgreSQL it is simply a separate pool.
  const workerDb = opts.workers ? await createDb(config.DATABASE_URL, { durability: 'normal' }) : undefined;
  if (opts.workers && workerDb) {
    const analyzer = opts.analyzer ?? (await createLiveAnalyzer(workerDb, now, logger));
    const maintenance = createMaintenanceProcessors({
      db: workerDb,
      config,
      connectors,
      now,
      logger,
      enqueueReplies: queues.enqueueReplies,
      modelDir: join(config.DATA_DIR, 'models'),
      enqueueReclassify: () => queues.enqueue('reclassify', {}),
    });
    const schedule = () => registerSchedules(queues.get(MAINTENANCE_QUEUE), config.TZ_REPORTS);
    await schedule().catch((err: unknown) =>
      logger.warn({ err: String(err) }, 'schedules not registered yet'),
    );
    runner = await startWorkers({
      db: workerDb,
      maintenance,
      // Re-register schedules a Redis restart may have dropped, and follow newly promoted models.
      onTick: async () => {
        await schedule();
        if ('refresh' in analyzer && typeof analyzer.refresh === 'function') await analyzer.refresh();
      },
      queues,
      redisUrl: config.REDIS_URL,
      analyzer,
      texts: loadConversationTexts(),
      connectors,
      secret: config.PSEUDONYM_SECRET,
      lockDurationMs: config.JOB_LOCK_MS,
      now,
      logger,
      ...(opts.pipelineConcurrency ? { pipelineConcurrency: opts.pipelineConcurrency } : {}),
      ...(opts.sweepGraceMs !== undefined ? { sweepGraceMs: opts.sweepGraceMs } : {}),
      ...(opts.sweepEveryMs !== undefined ? { sweepEveryMs: opts.sweepEveryMs } : {}),
      metrics: {
        processed: (channel, ms) => {
          metrics.processed.inc({ channel });
          metrics.latency.observe({ channel }, ms / 1000);
        },
        failed: (queue) => metrics.failed.inc({ queue }),
        reply: (channel, outcome) => metrics.replies.inc({ channel, outcome }),
        stage: (stage, ms) => metrics.stage.inc({ stage }, ms / 1000),
      },
    });
  }
  if (opts.platformIntake) {
    const onEvents = async (events: InboundEvent[]) => {
      await intake.accept(datedPlausibly(events, now()));
    };
    for (const c of connectors.values()) await c.start?.(onEvents);
  }

  return {
    config,
    db,
    queues,
    intake,
    connectors,
    metrics,
    app,
    runner,
    async close() {
      for (const c of connectors.values()) await c.stop?.();
      await app.close();
      await intake.drain();
      await runner?.close();
      await workerDb?.close();
      await queues.close();
      await db.close();
    },
  };
}
