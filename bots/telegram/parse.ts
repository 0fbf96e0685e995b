import { InvalidInputError } from '../shared/errors.ts';
import type { ContentKind, InboundEvent } from '../shared/events.ts';
import { type TelegramMessage, updateSchema } from './payload.ts';

function content(m: TelegramMessage): { text: string; kind: ContentKind } | undefined {
  if (m.text !== undefined) return { text: m.text, kind: 'text' };
  const kind: ContentKind | undefined = m.photo
    ? 'image'
    : m.sticker
      ? 'sticker'
      : m.video
        ? 'video'
        : m.voice || m.audio
          ? 'audio'
          : m.document
            ? 'file'
            : m.location
              ? 'location'
              : undefined;
  if (!kind) return undefined;
  const text = m.caption ?? (kind === 'sticker' && m.sticker?.emoji ? m.sticker.emoji : `[${kind}]`);
  return { text, kind };
}

/** Telegram Update JSON → our events. Bots' own messages, service messages and other kinds → []. */
export function parseTelegramUpdate(body: unknown): InboundEvent[] {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) throw new InvalidInputError('not a Telegram update');
  const u = parsed.data;
  const eventId = String(u.update_id);
  const m = u.message ?? u.edited_message;
  if (!m?.from || m.from.is_bot) return [];
  const c = content(m);
  if (!c) return [];
  const base = {
    channel: 'telegram' as const,
    eventId,
    userId: String(m.from.id),
    messageId: `${m.chat.id}:${m.message_id}`,
    address: { chatId: String(m.chat.id) },
  };
  if (u.edited_message) {
    return [{ ...base, type: 'edit', text: c.text, occurredAt: (m.edit_date ?? m.date) * 1000 }];
  }
  if (c.text.trim() === '/start') {
    return [
      {
        channel: 'telegram',
        type: 'follow',
        eventId,
        userId: base.userId,
        occurredAt: m.date * 1000,
        address: base.address,
      },
    ];
  }
  return [
    {
      ...base,
      type: 'message',
      text: c.text,
      contentKind: c.kind,
      occurredAt: m.date * 1000,
      ...(m.from.language_code ? { langHint: m.from.language_code } : {}),
    },
  ];
}
