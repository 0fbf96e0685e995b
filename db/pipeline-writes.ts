/**
 * The pipeline's writes on its hot path: the columns an analysis fills, and the statements built once
 * (db/prepared.ts) that claim an inbox row, record the contact, and insert the message and the reply.
 */
import { sql } from 'kysely';
import type { Analysis } from '../workers/analysis/index.ts';
import type { Db } from './database.ts';
import { preparedQuery } from './prepared.ts';

export function labelColumns(a: Analysis) {
  return {
    text_redacted: a.redacted,
    text_normalised: a.folded,
    lang: a.lang,
    topic: a.topic,
    topic_score: a.confidence,
    topics_json: JSON.stringify(a.topics.slice(0, 5)),
    sentiment: a.sentiment,
    sentiment_score: a.sentimentScore,
    model_version: a.modelVersion,
  };
}

/** Records a job that failed for good on its inbox row, so it stays visible with its error. */
export async function markInboxFailed(db: Db, inboxId: number, error: string): Promise<void> {
  await db.kysely
    .updateTable('inbox')
    .set((eb) => ({ status: 'failed', error: error.slice(0, 2000), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', inboxId)
    .where('status', '=', 'pending')
    .execute();
}

// The hot path's statements, built once (see db/prepared.ts).

/** Claims a pending inbox row; 0 rows affected means another run already did it. */
export const CLAIM_INBOX = preparedQuery<'now' | 'id', never>((db, p) =>
  db
    .updateTable('inbox')
    .set((eb) => ({
      status: 'done',
      // Processed: the raw event (text, user id, address) is no longer kept; the message has the
      // redacted text and contact_addresses the address (README, "What is kept").
      payload: '{}',
      processed_at: p<number>('now'),
      error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', p<number>('id'))
    .where('status', '=', 'pending'),
);

export const UPSERT_CONTACT = preparedQuery<'channel' | 'authorHash' | 'lang' | 'at', ContactRow>((db, p) =>
  db
    .insertInto('contacts')
    .values({
      channel: p<string>('channel'),
      author_hash: p<string>('authorHash'),
      lang: p<string | null>('lang'),
      first_seen_at: p<number>('at'),
      last_seen_at: p<number>('at'),
      notice_sent_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['channel', 'author_hash']).doUpdateSet((eb) => ({
        last_seen_at: sql<number>`case when excluded.last_seen_at > contacts.last_seen_at then excluded.last_seen_at else contacts.last_seen_at end`,
        lang: eb.fn.coalesce(eb.ref('excluded.lang'), eb.ref('contacts.lang')),
      })),
    )
    .returning(['id', 'notice_sent_at']),
);
type ContactRow = { id: number; notice_sent_at: number | null };

export const MARK_NOTICED = preparedQuery<'now' | 'id' | 'version', never>((db, p) =>
  db
    .updateTable('contacts')
    .set({ notice_sent_at: p<number>('now'), notice_version: p<string>('version') })
    .where('id', '=', p<number>('id')),
);

export const INSERT_REPLY = preparedQuery<
  'channel' | 'inReplyTo' | 'purpose' | 'authorHash' | 'target' | 'text' | 'key' | 'now',
  { id: number }
>((db, p) =>
  db
    .insertInto('replies')
    .values({
      channel: p<string>('channel'),
      in_reply_to: p<string>('inReplyTo'),
      purpose: p<string>('purpose'),
      author_hash: p<string | null>('authorHash'),
      target: p<string>('target'),
      text: p<string>('text'),
      job_key: p<string>('key'),
      status: 'pending',
      error: null,
      created_at: p<number>('now'),
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'in_reply_to']).doNothing())
    .returning('id'),
);

type MessageParam =
  | keyof ReturnType<typeof labelColumns>
  | 'inbox_id'
  | 'channel'
  | 'platform_message_id'
  | 'author_hash'
  | 'received_at'
  | 'content_kind'
  | 'ref_code'
  | 'now';
export const INSERT_MESSAGE = preparedQuery<MessageParam, { id: number }>((db, p) =>
  db
    .insertInto('messages')
    .values({
      inbox_id: p<number>('inbox_id'),
      channel: p<string>('channel'),
      platform_message_id: p<string>('platform_message_id'),
      author_hash: p<string>('author_hash'),
      received_at: p<number>('received_at'),
      content_kind: p<string>('content_kind'),
      text_redacted: p<string>('text_redacted'),
      text_normalised: p<string>('text_normalised'),
      lang: p<string>('lang'),
      topic: p<string>('topic'),
      topic_score: p<number>('topic_score'),
      topics_json: p<string>('topics_json'),
      sentiment: p<string>('sentiment'),
      sentiment_score: p<number>('sentiment_score'),
      model_version: p<string>('model_version'),
      ref_code: p<string>('ref_code'),
      status: 'active',
      edited_at: null,
      created_at: p<number>('now'),
      updated_at: p<number>('now'),
    })
    .onConflict((oc) => oc.columns(['channel', 'platform_message_id']).doNothing())
    .returning('id'),
);
