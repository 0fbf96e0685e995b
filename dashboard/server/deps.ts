import type { Config } from '../../app/config.ts';
import type { Channel } from '../../bots/shared/events.ts';
import type { createSuppressionMemo } from '../../db/dashboard-aggregates.ts';
import type { RollupSource } from '../../db/dashboard-rollup-cache.ts';
import type { Db } from '../../db/database.ts';
import type { JobMap, JobName } from '../../workers/jobs.ts';

/** Structured logger (pino-compatible subset). */
export interface DashboardLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DashboardDeps {
  config: Readonly<Config>;
  db: Db;
  now: () => number;
  logger: DashboardLogger;
  enqueue: <N extends JobName>(name: N, data: JobMap[N]) => Promise<void>;
  /** Queues outbox rows for sending (notices to citizens once an incident is fixed). */
  enqueueReplies?: (replies: Array<{ channel: Channel; id: number; key: string | null }>) => Promise<void>;
  /** The host's view for the admin page (database label, queue counts; null queues: Redis unreachable). */
  health?: () => Promise<{ database: string; queues: Record<string, Record<string, number>> | null }>;
  /** Session cookies get `Secure`; default: true when PUBLIC_URL is https. */
  secureCookies?: boolean;
  /** Failed sign-ins allowed per (account, client address) before growing delays start (default 5). */
  loginFreeFailures?: number;
  /** Where the built UI lives (default dashboard/web/dist). */
  webRoot?: string;
}

/** Per-dashboard caches shared by the aggregate routes and invalidated by relabels. */
export interface AggregateCaches {
  rollups: RollupSource;
  suppressionMemo: ReturnType<typeof createSuppressionMemo>;
}
