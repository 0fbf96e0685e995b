import type { Db } from '../../db/database.ts';

let n = 0;

/** A reply that failed for good with the connector's reason, as the reply worker records it. */
export async function failedReply(db: Db, channel: string, error: string, at = Date.now()): Promise<void> {
  n++;
  await db.kysely
    .insertInto('replies')
    .values({
      channel,
      in_reply_to: `failed-${n}-${at}`,
      purpose: 'ack',
      author_hash: null,
      target: '{}',
      text: 'Cảm ơn bạn đã phản hồi',
      status: 'failed',
      error,
      created_at: at,
      sent_at: null,
    })
    .execute();
}

/** One failed reply of each kind the Admin page explains. */
export async function failedRepliesOfEachKind(db: Db): Promise<void> {
  await failedReply(db, 'facebook', 'outside 24h window');
  await failedReply(db, 'facebook', 'graph 400 (#10): outside 24h window');
  await failedReply(db, 'facebook', 'outside 7-day private reply window');
  await failedReply(db, 'zalo', 'zalo -213: user not interacted: outside interaction window');
  await failedReply(db, 'telegram', 'telegram 403: Forbidden: bot was blocked by the user');
  await failedReply(db, 'zalo', 'zalo -124: token rejected after refresh');
  await failedReply(db, 'telegram', 'telegram 502: Bad Gateway');
}
