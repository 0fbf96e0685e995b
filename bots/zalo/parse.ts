import { InvalidInputError } from '../shared/errors.ts';
import type { ContentKind, InboundEvent } from '../shared/events.ts';
import { eventNameSchema, followSchema, userMessageSchema } from './payload.ts';

/**
 * Zalo signs its timestamp but the MAC never expires, so a captured delivery could be replayed for
 * ever. Deliveries are accepted from two hours back (Zalo retries for about an hour with the
 * original timestamp) to five minutes ahead (clock drift); others are answered 200 and dropped.
 */
export const REPLAY_PAST_MS = 2 * 3_600_000;
export const REPLAY_FUTURE_MS = 5 * 60_000;

export function withinReplayWindow(timestamp: number, now: number): boolean {
  return (
    Number.isFinite(timestamp) && timestamp >= now - REPLAY_PAST_MS && timestamp <= now + REPLAY_FUTURE_MS
  );
}

/** Events from a citizen that carry content, and what we store in place of media. */
const USER_CONTENT: Readonly<Record<string, ContentKind>> = {
  user_send_text: 'text',
  user_send_image: 'image',
  user_send_gif: 'image',
  user_send_sticker: 'sticker',
  user_send_link: 'link',
  user_send_file: 'file',
  user_send_audio: 'audio',
  user_send_video: 'video',
  user_send_location: 'location',
};

/**
 * A verified Zalo OA webhook body → our events. `oa_send_*` echoes of our own replies, delivery and
 * seen receipts, `user_submit_info` (a form of personal details, not feedback) and anything we do not
 * know yield nothing, so Zalo gets its 200 and does not resend. The registration probe `{}` too.
 */
export function parseZaloBody(body: unknown): InboundEvent[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError('not a Zalo OA webhook object');
  }
  if (Object.keys(body).length === 0) return []; // registration probe
  const named = eventNameSchema.safeParse(body);
  if (!named.success) throw new InvalidInputError('Zalo webhook without event_name');
  const name = named.data.event_name;

  if (name === 'follow' || name === 'unfollow') {
    const f = followSchema.safeParse(body);
    if (!f.success) throw new InvalidInputError(`malformed ${name} event`);
    const userId = f.data.follower.id;
    // No message id on (un)follow: user and event time identify this delivery.
    return [
      {
        type: f.data.event_name,
        channel: 'zalo',
        eventId: `${name}:${userId}:${f.data.timestamp}`,
        userId,
        occurredAt: f.data.timestamp,
        // Following counts as an interaction, so a welcome may be sent; nobody to answer on unfollow.
        ...(name === 'follow' ? { address: { userId } } : {}),
      },
    ];
  }

  const kind = USER_CONTENT[name];
  if (kind === undefined) return [];
  const m = userMessageSchema.safeParse(body);
  if (!m.success) throw new InvalidInputError(`malformed ${name} event`);
  const caption = m.data.message.text?.trim();
  const text = kind === 'text' ? (m.data.message.text ?? '') : caption ? caption : `[${kind}]`;
  if (kind === 'text' && text.trim() === '') return [];
  const userId = m.data.sender.id;
  return [
    {
      type: 'message',
      channel: 'zalo',
      eventId: m.data.message.msg_id,
      messageId: m.data.message.msg_id,
      userId,
      occurredAt: m.data.timestamp,
      text,
      contentKind: kind,
      address: { userId },
    },
  ];
}
