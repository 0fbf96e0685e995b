import type { Kysely, Transaction } from 'kysely';
import { deleteContactAddress } from './contact-addresses.ts';
import { eraseNotices } from './incident-notices.ts';
import type { Database } from './schema/index.ts';
import { eraseTeamLabels } from './team-labels.ts';

/** Keyed hash of `(channel, platform event id)` (bots/shared/pseudonym.ts createEventKeyer). */
export type EventKeyer = (channel: string, eventId: string) => string;

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
 * inbox events, outbox rows with their reply addresses, the contact record, their distinct-author
 * rows and their platform address. Anonymous hourly roll-up counts stay. Each erased inbox event
 * leaves a tombstone (a keyed hash of channel and event id, never the id), so that a redelivery of
 * it is dropped by the intake instead of bringing the data back. Run inside the caller's
 * transaction so an erasure is all or nothing.
 */
export async function eraseAuthor(
  trx: Transaction<Database> | Kysely<Database>,
  channel: string,
  authorHash: string,
  eventKey: EventKeyer,
  now: number,
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
  await eraseNotices(trx, channel, authorHash);
  await trx
    .deleteFrom('urgent_cases')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
  const messages = await trx
    .deleteFrom('messages')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .executeTakeFirst();
  const events = await trx
    .selectFrom('inbox')
    .select('event_id')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
  for (let i = 0; i < events.length; i += 500) {
    await trx
      .insertInto('erased_events')
      .values(
        events.slice(i, i + 500).map((e) => ({ event_key: eventKey(channel, e.event_id), erased_at: now })),
      )
      .onConflict((oc) => oc.column('event_key').doNothing())
      .execute();
  }
  await deleteContactAddress(trx, channel, authorHash);
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
