import { z } from 'zod';

/**
 * Our normalised event and outbound-message types: the only shapes that leave a platform folder.
 * Platform payloads (telegraf's Update, Messenger entries, Zalo events) stay inside bots/<platform>/.
 */
export const CHANNELS = ['telegram', 'facebook', 'zalo'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ContentKind =
  | 'text'
  | 'image'
  | 'sticker'
  | 'file'
  | 'audio'
  | 'video'
  | 'link'
  | 'location'
  | 'other';

/**
 * Where a reply goes, as the platform needs it: Telegram `{ chatId }`, Messenger `{ psid }`, a Page
 * comment `{ commentId }`, Zalo `{ userId }`. Opaque outside the connector; personal data, so it is
 * stored only in the inbox payload (until processed), the outbox row (until sent) and
 * contact_addresses (db/contact-addresses.ts), and deleted on erasure.
 */
export type ReplyAddress = Readonly<Record<string, string>>;

interface EventBase {
  channel: Channel;
  /** The platform's id for this delivery (update_id, mid, comment_id + verb, msg_id): the dedupe key. */
  eventId: string;
  /** Platform user id of the citizen; pseudonymised before anything but the inbox sees it. */
  userId: string;
  /** When the platform says it happened (epoch ms). */
  occurredAt: number;
}

export interface MessageEvent extends EventBase {
  type: 'message';
  /** Stable id of the message itself, used to match later edits and removals. */
  messageId: string;
  /** Text, caption or comment; for attachments a typed placeholder such as `[image]`. */
  text: string;
  contentKind: ContentKind;
  address: ReplyAddress;
  /** The platform's hint of the user's language (Telegram language_code), if any. */
  langHint?: string;
}

export interface EditEvent extends EventBase {
  type: 'edit';
  messageId: string;
  text: string;
  address: ReplyAddress;
}

export interface RemoveEvent extends EventBase {
  type: 'remove';
  messageId: string;
}

export interface FollowEvent extends EventBase {
  type: 'follow' | 'unfollow';
  /** Where a welcome (with the first-contact notice) can be sent, if the platform allows it. */
  address?: ReplyAddress;
}

export type InboundEvent = MessageEvent | EditEvent | RemoveEvent | FollowEvent;

export interface OutboundMessage {
  channel: Channel;
  address: ReplyAddress;
  text: string;
  /** Outbox row id; connectors may pass it as an idempotency/metadata field. */
  replyId: number;
}

export interface SendResult {
  platformMessageId?: string;
}

// The inbox keeps events as JSON; reading one back checks it against the same shape.
const address = z.record(z.string(), z.string());
const base = { channel: z.enum(CHANNELS), eventId: z.string(), userId: z.string(), occurredAt: z.number() };
/** The shape of a stored event, checked when the pipeline reads an inbox row back. */
export const storedEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('message'),
    messageId: z.string(),
    text: z.string(),
    contentKind: z.enum(['text', 'image', 'sticker', 'file', 'audio', 'video', 'link', 'location', 'other']),
    address,
    langHint: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('edit'), messageId: z.string(), text: z.string(), address }),
  z.object({ ...base, type: z.literal('remove'), messageId: z.string() }),
  z.object({ ...base, type: z.enum(['follow', 'unfollow']), address: address.optional() }),
]);
