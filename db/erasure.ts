import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema/index.ts';
import { eraseTeamLabels } from './team-labels.ts';

export interface ErasureCounts {
  messages: number;
  inbox: number;
  replies: number;
  contacts: number;
  authorDays: number;
  corrections: number;
  /** The team's labels of their messages (db/team-labels.ts). */
  teamLabels: number;
}

/**
 * Deletes everything that belongs to one pseudonymous citizen on one channel: messages (and their
 * corrections), the team's labels of them (a model in use that learned from those is rebuilt), raw
 * inbox events, outbox rows with their reply addresses, the contact record and their distinct-author
 * rows. Anonymous hourly roll-up counts stay. Run inside the caller's
 * transaction so an erasure is all or nothing.
 */
export async function eraseAuthor(
  trx: Transaction<Database> | Kysely<Database>,
  channel: string,
  authorHash: string,
): Promise<ErasureCounts> {
  const messageIds = trx
    .selectFrom('messages')
    .select('id')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash);
  const labels = await eraseTeamLabels(trx, channel, authorHash, Date.now());
  const corrections = await trx
    .deleteFrom('corrections')
    .where('message_id', 'in', messageIds)
    .executeTakeFirst();
  const messages = await trx
    .deleteFrom('messages')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  const inbox = await trx
    .deleteFrom('inbox')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  const replies = await trx
    .deleteFrom('replies')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  const contacts = await trx
    .deleteFrom('contacts')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  const authorDays = await trx
    .deleteFrom('author_days')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  return {
    messages: Number(messages.numDeletedRows),
    inbox: Number(inbox.numDeletedRows),
    replies: Number(replies.numDeletedRows),
    contacts: Number(contacts.numDeletedRows),
    authorDays: Number(authorDays.numDeletedRows),
    corrections: Number(corrections.numDeletedRows),
    teamLabels: labels.teamLabels,
  };
}
