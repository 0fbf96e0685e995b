/**
 * The safety net behind "nothing lost": inbox rows and replies still pending after a grace period
 * are queued again, replies exactly as inbox rows. Job ids derive from the row's id and random job
 * key, so a job that still exists is not duplicated, a job that vanished (Redis restart, enqueue
 * failed while Redis was down) or ended without its row being done is recreated, and a job of a lost
 * database lifetime (reset, restored backup) never stands in the way.
 */
import type { Logger } from '../bots/shared/connector.ts';
import type { Channel } from '../bots/shared/events.ts';
import type { Db } from '../db/database.ts';
import type { JobRef } from '../db/lifetime.ts';
import { pendingRebuild } from '../db/model-rebuilds.ts';

export interface SweeperDeps {
  db: Db;
  now: () => number;
  logger: Logger;
  requeueInbox: (rows: JobRef[]) => Promise<void>;
  requeueReplies: (rows: Array<JobRef & { channel: Channel }>) => Promise<void>;
  /** Queues the retrain an erasure asked for (db/model-rebuilds.ts); its job id derives from `rebuildId`. */
  enqueueRebuild?: (rebuildId: number) => Promise<void>;
  /** Rows younger than this are left to their own enqueue (ms). */
  graceMs?: number;
  batch?: number;
}

export function createSweeper(deps: SweeperDeps) {
  const grace = deps.graceMs ?? 15_000;
  const batch = deps.batch ?? 2000;
  return async function sweep(): Promise<{ inbox: number; replies: number }> {
    const before = deps.now() - grace;
    let inbox = 0;
    let lastId = 0;
    for (;;) {
      const rows = await deps.db.kysely
        .selectFrom('inbox')
        .select(['id', 'job_key'])
        .where('status', '=', 'pending')
        .where('received_at', '<=', before)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batch)
        .execute();
      if (rows.length === 0) break;
      await deps.requeueInbox(rows.map((r) => ({ id: r.id, key: r.job_key })));
      inbox += rows.length;
      lastId = rows[rows.length - 1]!.id;
    }
    const replies = await deps.db.kysely
      .selectFrom('replies')
      .select(['id', 'channel', 'job_key'])
      .where('status', '=', 'pending')
      .where('created_at', '<=', before)
      .orderBy('id')
      .limit(batch)
      .execute();
    await deps.requeueReplies(
      replies.map((r) => ({ id: r.id, key: r.job_key, channel: r.channel as Channel })),
    );
    const rebuild = deps.enqueueRebuild ? await pendingRebuild(deps.db) : undefined;
    if (rebuild) await deps.enqueueRebuild?.(rebuild.id);
    if (inbox + replies.length > 0) deps.logger.info({ inbox, replies: replies.length }, 'sweeper re-queued');
    return { inbox, replies: replies.length };
  };
}
