/**
 * The safety net behind "nothing lost": inbox rows and replies still pending after a grace period
 * are queued again. Job ids derive from row ids, so a job that still exists is not duplicated and a
 * job that vanished (Redis restart, enqueue failed while Redis was down) is recreated.
 */
import type { Logger } from '../bots/shared/connector.ts';
import type { Channel } from '../bots/shared/events.ts';
import type { Db } from '../db/database.ts';
import { pendingRebuild } from '../db/model-rebuilds.ts';

export interface SweeperDeps {
  db: Db;
  now: () => number;
  logger: Logger;
  enqueueInbox: (ids: number[]) => Promise<void>;
  enqueueReply: (channel: Channel, replyId: number) => Promise<void>;
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
        .select('id')
        .where('status', '=', 'pending')
        .where('received_at', '<=', before)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batch)
        .execute();
      if (rows.length === 0) break;
      await deps.enqueueInbox(rows.map((r) => r.id));
      inbox += rows.length;
      lastId = rows[rows.length - 1]!.id;
    }
    const replies = await deps.db.kysely
      .selectFrom('replies')
      .select(['id', 'channel'])
      .where('status', '=', 'pending')
      .where('created_at', '<=', before)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const r of replies) await deps.enqueueReply(r.channel as Channel, r.id);
    const rebuild = deps.enqueueRebuild ? await pendingRebuild(deps.db) : undefined;
    if (rebuild) await deps.enqueueRebuild?.(rebuild.id);
    if (inbox + replies.length > 0) deps.logger.info({ inbox, replies: replies.length }, 'sweeper re-queued');
    return { inbox, replies: replies.length };
  };
}
