import { createHash } from 'node:crypto';
import { InvalidInputError } from '../shared/errors.ts';
import type { ContentKind, InboundEvent, MessageEvent } from '../shared/events.ts';
import {
  type CommentChange,
  changeSchema,
  commentSchema,
  envelopeSchema,
  type Messaging,
  type MessengerAttachment,
  messagingSchema,
} from './payload.ts';

export interface ParsedDelivery {
  events: InboundEvent[];
  /** Items we could not read (logged by the connector; one odd item must not make Meta resend all). */
  skipped: number;
}

/**
 * A verified Page webhook body → our events. Every entry and every item in it is read (Meta batches
 * up to 1000 updates per POST). Echoes of our own messages, deliveries, reads, reactions and feed
 * changes other than comments yield nothing. The body itself must be a Page envelope, or the
 * delivery is rejected as malformed.
 */
export function parseFacebookBody(body: unknown): ParsedDelivery {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new InvalidInputError('not a Messenger/Page webhook envelope');
  const out: ParsedDelivery = { events: [], skipped: 0 };
  if (envelope.data.object !== 'page') return out;
  for (const entry of envelope.data.entry) {
    const pageId = entry.id;
    for (const raw of arrayOf(entry['messaging'])) {
      const item = messagingSchema.safeParse(raw);
      if (!item.success) {
        out.skipped += 1;
        continue;
      }
      const event = fromMessaging(item.data);
      if (event) out.events.push(event);
    }
    for (const raw of arrayOf(entry['changes'])) {
      const change = changeSchema.safeParse(raw);
      if (!change.success) {
        out.skipped += 1;
        continue;
      }
      if (change.data.field !== 'feed') continue;
      const value = change.data.value;
      if (!isComment(value)) continue;
      const comment = commentSchema.safeParse(value);
      if (!comment.success) {
        out.skipped += 1;
        continue;
      }
      const event = fromComment(comment.data, pageId, entry.time);
      if (event) out.events.push(event);
    }
  }
  return out;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isComment(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'item' in value && value.item === 'comment';
}

function fromMessaging(m: Messaging): InboundEvent | undefined {
  const psid = m.sender.id;
  const address = { psid, lastUserAt: String(m.timestamp) };
  if (m.message_edit) {
    const { mid, text, num_edit } = m.message_edit;
    return {
      type: 'edit',
      channel: 'facebook',
      eventId: `${mid}#edit${num_edit}`,
      userId: psid,
      occurredAt: m.timestamp,
      messageId: mid,
      text,
      address,
    };
  }
  if (m.message) {
    if (m.message.is_echo) return undefined;
    const { text, contentKind } = messageContent(m.message);
    if (text === undefined) return undefined;
    return message(m.message.mid, m.message.mid, psid, m.timestamp, text, contentKind, address);
  }
  if (m.postback) {
    // The button's title is what the citizen "said"; older postbacks carry no mid.
    const text = m.postback.title ?? m.postback.payload;
    if (!text) return undefined;
    const mid = m.postback.mid ?? `postback:${psid}:${m.timestamp}`;
    return message(mid, mid, psid, m.timestamp, text, 'text', address);
  }
  return undefined; // delivery, read, reaction, referral, standby…
}

function messageContent(msg: NonNullable<Messaging['message']>): {
  text: string | undefined;
  contentKind: ContentKind;
} {
  if (msg.text !== undefined && msg.text.trim() !== '') return { text: msg.text, contentKind: 'text' };
  const kinds = (msg.attachments ?? []).map((a) => attachmentKind(a, msg.sticker_id !== undefined));
  if (kinds.length === 0) return { text: undefined, contentKind: 'other' };
  const first = kinds[0] ?? 'other';
  const contentKind = kinds.every((k) => k === first) ? first : 'other';
  return { text: kinds.map((k) => `[${k}]`).join(' '), contentKind };
}

function attachmentKind(a: MessengerAttachment, isSticker: boolean): ContentKind {
  switch (a.type) {
    case 'image':
      return isSticker || a.payload?.sticker_id !== undefined ? 'sticker' : 'image';
    case 'audio':
      return 'audio';
    case 'video':
    case 'reel':
    case 'ig_reel':
      return 'video';
    case 'file':
      return 'file';
    case 'fallback':
      return 'link';
    case 'location':
      return 'location';
    default:
      return 'other';
  }
}

/** Page feed timestamps are Unix seconds; treat anything that small as seconds. */
function toMs(t: number | undefined): number | undefined {
  if (t === undefined) return undefined;
  return t < 1e12 ? t * 1000 : t;
}

function fromComment(
  c: CommentChange,
  pageId: string,
  entryTime: number | undefined,
): InboundEvent | undefined {
  // The Page's own comments (our public replies, moderators) would otherwise loop back as feedback.
  if (c.from?.id === pageId) return undefined;
  const occurredAt = toMs(c.created_time) ?? toMs(entryTime) ?? 0;
  const userId = c.from?.id ?? '';
  const address = { commentId: c.comment_id, commentedAt: String(occurredAt) };
  switch (c.verb) {
    case 'add': {
      const content = commentContent(c);
      if (!content || !c.from) return undefined; // no permission to read it: nothing to store
      const eventId = `${c.comment_id}:add`;
      return message(eventId, c.comment_id, userId, occurredAt, content.text, content.kind, address);
    }
    case 'edited':
    case 'edit': {
      if (c.message === undefined) return undefined;
      // Comment edits carry no edit counter; the new text identifies this edit across redeliveries.
      const digest = createHash('sha256').update(c.message).digest('hex').slice(0, 16);
      return {
        type: 'edit',
        channel: 'facebook',
        eventId: `${c.comment_id}:edited:${digest}`,
        userId,
        occurredAt,
        messageId: c.comment_id,
        text: c.message,
        address,
      };
    }
    case 'remove':
    case 'delete':
      return {
        type: 'remove',
        channel: 'facebook',
        eventId: `${c.comment_id}:remove`,
        userId,
        occurredAt,
        messageId: c.comment_id,
      };
    default:
      return undefined; // hide, unhide, block…: moderation, not feedback
  }
}

function commentContent(c: CommentChange): { text: string; kind: ContentKind } | undefined {
  if (c.message !== undefined && c.message.trim() !== '') return { text: c.message, kind: 'text' };
  if (c.photo !== undefined) return { text: '[image]', kind: 'image' };
  if (c.video !== undefined) return { text: '[video]', kind: 'video' };
  return undefined;
}

function message(
  eventId: string,
  messageId: string,
  userId: string,
  occurredAt: number,
  text: string,
  contentKind: ContentKind,
  address: Record<string, string>,
): MessageEvent {
  return {
    type: 'message',
    channel: 'facebook',
    eventId,
    messageId,
    userId,
    occurredAt,
    text,
    contentKind,
    address,
  };
}
