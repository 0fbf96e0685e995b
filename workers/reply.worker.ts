/**
 * `send-reply`: one outbox row → one platform message, at most once per (channel, in-reply-to).
 * Rate limits, backoff and error mapping are written here once for every platform: connectors only
 * translate their platform's failures into bots/shared/errors.ts.
 */
import { createHash } from 'node:crypto';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Connector, Logger } from '../bots/shared/connector.ts';
import { RateLimitedError, UpstreamError } from '../bots/shared/errors.ts';
import type { Channel } from '../bots/shared/events.ts';
import { parseAddress } from '../db/contact-addresses.ts';
import type { Db } from '../db/database.ts';
import type { JobMap } from './jobs.ts';

export interface ReplyDeps {
  db: Db;
  connectors: ReadonlyMap<Channel, Connector>;
  /** For per-address spacing across processes (Telegram: about one message a second per chat). */
  redis: Redis;
  keyPrefix: string;
  now: () => number;
  logger: Logger;
  onResult?: (channel: string, outcome: 'sent' | 'failed' | 'retry') => void;
}

export function createReplyProcessor(deps: ReplyDeps) {
  const { db } = deps;

  async function finish(id: number, status: 'sent' | 'failed' | 'skipped', error: string | null) {
    // The platform address is personal data: wiped once it is no longer needed.
    await db.kysely
      .updateTable('replies')
      .set((eb) => ({
        status,
        error,
        target: '{}',
        sent_at: status === 'sent' ? deps.now() : null,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  }

  return async function sendReply(job: Job<JobMap['send-reply']>, token?: string): Promise<string> {
    const row = await db.kysely
      .selectFrom('replies')
      .selectAll()
      .where('id', '=', job.data.replyId)
      .executeTakeFirst();
    // Missing: erased. Another key: a job of a lost database lifetime under a reused row id.
    if (!row || (job.data.key !== undefined && row.job_key !== null && row.job_key !== job.data.key))
      return 'missing';
    if (row.status !== 'pending') return `already ${row.status}`;
    const channel = row.channel as Channel;
    const connector = deps.connectors.get(channel);
    if (!connector) {
      await finish(row.id, 'skipped', `${channel} connector is not configured`);
      return 'skipped';
    }
    const address = parseAddress(row.target);
    const spacing = connector.limits.perAddressMs;
    if (spacing > 0) {
      const key = `${deps.keyPrefix}:rl:${channel}:${createHash('sha256').update(row.target).digest('hex').slice(0, 24)}`;
      const free = await deps.redis.set(key, '1', 'PX', spacing, 'NX');
      if (free !== 'OK') {
        const wait = Math.max(50, await deps.redis.pttl(key));
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
    }
    try {
      await connector.send({ channel, address, text: row.text, replyId: row.id });
    } catch (err) {
      if (err instanceof RateLimitedError) {
        deps.onResult?.(channel, 'retry');
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      const message = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof UpstreamError ? err.permanent : false;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await finish(row.id, 'failed', message);
        deps.onResult?.(channel, 'failed');
        deps.logger.warn({ replyId: row.id, channel, reason: message }, 'reply failed for good');
        throw new UnrecoverableError(message);
      }
      deps.onResult?.(channel, 'retry');
      throw err;
    }
    await finish(row.id, 'sent', null);
    deps.onResult?.(channel, 'sent');
    return 'sent';
  };
}
