/**
 * The retention policy (README, "What is kept, where, for how long"): what is kept only as long as
 * its purpose needs. Run daily (workers/schedules.ts `retention`); every step is a bounded delete,
 * safe to repeat. Anonymous hourly roll-ups are never deleted.
 */
import { pruneContactAddresses } from './contact-addresses.ts';
import { type Db, purgeDeleted } from './database.ts';

const DAY_MS = 86_400_000;
/**
 * Processed inbox rows keep only their dedupe key (channel, platform event id) and outbox rows only
 * their idempotency key and the text sent: both are needed while a platform may still redeliver or a
 * job may still retry, which is hours (Telegram keeps updates 24 h, Zalo retries within an hour).
 */
export const DELIVERY_KEYS_DAYS = 30;

export interface RetentionPolicy {
  /** RETENTION_DAYS: redacted messages, their corrections and search rows, contacts, tombstones. */
  retentionDays: number;
  /** ADDRESS_RETENTION_DAYS: platform addresses of citizens who have not written since. */
  addressRetentionDays: number;
}

export interface RetentionCounts {
  messages: number;
  corrections: number;
  inbox: number;
  replies: number;
  contacts: number;
  addresses: number;
  tombstones: number;
}

export async function applyRetention(db: Db, policy: RetentionPolicy, now: number): Promise<RetentionCounts> {
  const messagesBefore = now - policy.retentionDays * DAY_MS;
  const keysBefore = now - Math.min(DELIVERY_KEYS_DAYS, policy.retentionDays) * DAY_MS;
  const k = db.kysely;
  const old = k.selectFrom('messages').select('id').where('received_at', '<', messagesBefore);
  const counts = await k.transaction().execute(async (trx) => {
    const corrections = await trx.deleteFrom('corrections').where('message_id', 'in', old).executeTakeFirst();
    // SQLite's search index follows by trigger (secure-delete on), PostgreSQL's is an ordinary index.
    const messages = await trx
      .deleteFrom('messages')
      .where('received_at', '<', messagesBefore)
      .executeTakeFirst();
    const inbox = await trx
      .deleteFrom('inbox')
      .where('status', '!=', 'pending') // never lose what is still to be processed
      .where('received_at', '<', keysBefore)
      .executeTakeFirst();
    const replies = await trx
      .deleteFrom('replies')
      .where('status', '!=', 'pending')
      .where('created_at', '<', keysBefore)
      .executeTakeFirst();
    const contacts = await trx
      .deleteFrom('contacts')
      .where('last_seen_at', '<', messagesBefore)
      .executeTakeFirst();
    const tombstones = await trx
      .deleteFrom('erased_events')
      .where('erased_at', '<', messagesBefore)
      .executeTakeFirst();
    const addresses = await pruneContactAddresses(trx, now - policy.addressRetentionDays * DAY_MS);
    return {
      messages: Number(messages.numDeletedRows),
      corrections: Number(corrections.numDeletedRows),
      inbox: Number(inbox.numDeletedRows),
      replies: Number(replies.numDeletedRows),
      contacts: Number(contacts.numDeletedRows),
      addresses,
      tombstones: Number(tombstones.numDeletedRows),
    };
  });
  await purgeDeleted(db, PURGED_TABLES);
  return counts;
}

/** The tables erasure and retention delete from (PostgreSQL VACUUMs them afterwards). */
export const PURGED_TABLES = [
  'messages',
  'corrections',
  'inbox',
  'replies',
  'contacts',
  'contact_addresses',
  'author_days',
  'erased_events',
] as const;
