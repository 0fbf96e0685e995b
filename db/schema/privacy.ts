import type { EpochMs } from './spine.ts';

/**
 * Tombstones of erased inbound events: a keyed hash of `(channel, platform event id)` (never the id
 * itself), so a redelivery of an erased event is recognised and dropped by the intake.
 */
export interface ErasedEventTable {
  event_key: string;
  erased_at: EpochMs;
}

/**
 * The one store of platform addresses (Telegram chat id, Messenger PSID or comment id, Zalo user id):
 * the latest address of each pseudonymous citizen per channel, for replies and later notices.
 * Personal data: deleted on erasure and after ADDRESS_RETENTION_DAYS without contact.
 */
export interface ContactAddressTable {
  channel: string;
  author_hash: string;
  /** The address as JSON, as the channel's connector needs it (bots/shared/events.ts ReplyAddress). */
  address: string;
  updated_at: EpochMs;
}

/**
 * Named counters that must never go backwards, not even across a restored backup: `ref` issues
 * reference codes and never falls behind the clock (see db/lifetime.ts).
 */
export interface SequenceTable {
  name: string;
  value: number;
}

export interface PrivacyTables {
  erased_events: ErasedEventTable;
  contact_addresses: ContactAddressTable;
  sequences: SequenceTable;
}
