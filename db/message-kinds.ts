/**
 * Attachments by topic and channel: how many messages came with a photo, a voice note, a file… (the
 * bytes are never fetched; only the kind is recorded), with the number of distinct citizens behind each
 * cell for the small-group rule.
 */
import { sql } from 'kysely';
import type { SliceFilter } from './dashboard-filters.ts';
import type { Db } from './database.ts';

export interface AttachmentCell {
  channel: string;
  topic: string;
  kind: string;
  count: number;
  citizens: number;
}

export async function attachmentCounts(db: Db, filter: SliceFilter): Promise<AttachmentCell[]> {
  const rows = await db.kysely
    .selectFrom('messages')
    .select([
      'channel',
      'topic',
      'content_kind',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`count(distinct author_hash)`.as('citizens'),
    ])
    .where('status', '=', 'active')
    .where('content_kind', 'not in', ['text', 'link'])
    .where('received_at', '>=', filter.fromMs)
    .where('received_at', '<', filter.toMs)
    .groupBy(['channel', 'topic', 'content_kind'])
    .orderBy('channel')
    .orderBy('topic')
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    topic: r.topic,
    kind: r.content_kind,
    count: Number(r.n),
    citizens: Number(r.citizens),
  }));
}
