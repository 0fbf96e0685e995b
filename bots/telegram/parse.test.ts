import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/errors.ts';
import { parseTelegramUpdate } from './parse.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/telegram/${name}`, import.meta.url), 'utf8'));

describe('parseTelegramUpdate', () => {
  it('turns a private text message into one message event keyed by update_id', () => {
    expect(parseTelegramUpdate(fixture('message-text.json'))).toEqual([
      {
        channel: 'telegram',
        type: 'message',
        eventId: '813204517',
        userId: '5123840927',
        messageId: '5123840927:2741',
        address: { chatId: '5123840927' },
        text: 'Em cập nhật VNeID bản mới xong thì không đăng nhập được nữa, báo sai mật khẩu hoài 😢',
        contentKind: 'text',
        occurredAt: 1764403200_000,
        langHint: 'vi',
      },
    ]);
  });

  it('keeps teencode as written (folding happens in the analysis)', () => {
    const [event] = parseTelegramUpdate(fixture('message-teencode.json'));
    expect(event).toMatchObject({ type: 'message', text: 'ad oi sao ko nhan dc ma otp vay, doi 30p r' });
  });

  it('turns an edited message into an edit of the same message, at the edit time', () => {
    expect(parseTelegramUpdate(fixture('edited-message.json'))).toEqual([
      {
        channel: 'telegram',
        type: 'edit',
        eventId: '813204519',
        userId: '5123840927',
        messageId: '5123840927:2741',
        address: { chatId: '5123840927' },
        text: 'Em cập nhật VNeID bản 2.1.5 xong thì không đăng nhập được nữa, báo sai mật khẩu hoài 😢',
        occurredAt: 1764403290_000,
      },
    ]);
  });

  it('uses the caption of a photo and the emoji of a sticker, with their content kind', () => {
    expect(parseTelegramUpdate(fixture('message-photo.json'))).toEqual([
      expect.objectContaining({
        contentKind: 'image',
        text: 'Quét chip CCCD cứ báo lỗi như hình, làm sao ạ?',
      }),
    ]);
    expect(parseTelegramUpdate(fixture('message-sticker.json'))).toEqual([
      expect.objectContaining({ contentKind: 'sticker', text: '👍' }),
    ]);
  });

  it('turns /start into a follow event for the chat', () => {
    expect(parseTelegramUpdate(fixture('command-start.json'))).toEqual([
      {
        channel: 'telegram',
        type: 'follow',
        eventId: '813204522',
        userId: '7911204455',
        occurredAt: 1764403440_000,
        address: { chatId: '7911204455' },
      },
    ]);
  });

  it('ignores messages from bots and update kinds we do not ingest', () => {
    expect(parseTelegramUpdate(fixture('message-from-bot.json'))).toEqual([]);
    expect(parseTelegramUpdate(fixture('my-chat-member.json'))).toEqual([]);
  });

  it('rejects a body that is not an update', () => {
    expect(() => parseTelegramUpdate({ message: { text: 'hi' } })).toThrow(InvalidInputError);
    expect(() => parseTelegramUpdate({ update_id: 'x' })).toThrow(InvalidInputError);
    expect(() => parseTelegramUpdate(null)).toThrow(InvalidInputError);
  });
});
