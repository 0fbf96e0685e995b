import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/errors.ts';
import { parseFacebookBody } from './parse.ts';

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/facebook/${name}`, import.meta.url), 'utf8'));
const events = (name: string) => parseFacebookBody(load(name)).events;

describe('parseFacebookBody: Messenger', () => {
  it('reads a Vietnamese text message with emoji, keyed by mid, addressed by PSID and time', () => {
    expect(events('messenger-text.json')).toEqual([
      {
        type: 'message',
        channel: 'facebook',
        eventId: 'm_Zq3dGkT1vYx8nA0bL5cR2wE9uH7iJ4oP6sD1fG3hK8lM0nB2vC5xZ7aQ',
        messageId: 'm_Zq3dGkT1vYx8nA0bL5cR2wE9uH7iJ4oP6sD1fG3hK8lM0nB2vC5xZ7aQ',
        userId: '6783412095541234',
        occurredAt: 1764403200123,
        text: 'Mình không nhận được mã OTP khi đăng nhập VNeID 😢 giúp mình với ạ',
        contentKind: 'text',
        address: { psid: '6783412095541234', lastUserAt: '1764403200123' },
      },
    ]);
  });

  it('takes the text of a quick reply and the title of a postback', () => {
    expect(events('messenger-quick-reply.json')).toMatchObject([{ type: 'message', text: 'Đăng nhập' }]);
    expect(events('messenger-postback.json')).toMatchObject([
      {
        type: 'message',
        text: 'Bắt đầu',
        eventId: 'm_Pb1aC3eE5gG7iI9kK1mM3oO5qQ7sS9uU1wW3yY5aA7cC9eE1gG3iI5k',
      },
    ]);
  });

  it('stores attachments as typed placeholders without their URLs', () => {
    expect(events('messenger-image.json')).toMatchObject([{ text: '[image]', contentKind: 'image' }]);
    expect(events('messenger-sticker.json')).toMatchObject([{ text: '[sticker]', contentKind: 'sticker' }]);
  });

  it('turns message_edits into an edit of the same mid, keyed per edit number', () => {
    const [edit] = events('messenger-edit.json');
    expect(edit).toMatchObject({
      type: 'edit',
      messageId: 'm_Zq3dGkT1vYx8nA0bL5cR2wE9uH7iJ4oP6sD1fG3hK8lM0nB2vC5xZ7aQ',
      eventId: 'm_Zq3dGkT1vYx8nA0bL5cR2wE9uH7iJ4oP6sD1fG3hK8lM0nB2vC5xZ7aQ#edit1',
      text: 'Mình không nhận được mã OTP khi đăng nhập VNeID mức 2 😢',
    });
  });

  it('ignores echoes of our own replies, deliveries, reads and reactions', () => {
    expect(parseFacebookBody(load('messenger-ignored.json'))).toEqual({ events: [], skipped: 0 });
  });

  it('lands every entry of a batched delivery', () => {
    const got = events('messenger-batch.json');
    expect(got.map((e) => e.userId)).toEqual(['6783412095541234', '7012345678901234']);
    expect(got.map((e) => (e.type === 'message' ? e.text : ''))).toEqual([
      'Ứng dụng báo lỗi khi quét chip CCCD',
      'How do I register as a foreigner? 🙏',
    ]);
  });

  it('gives the same eventId when the same delivery is parsed twice', () => {
    for (const f of ['messenger-text.json', 'messenger-edit.json', 'feed-comment-edited.json']) {
      expect(events(f).map((e) => e.eventId)).toEqual(events(f).map((e) => e.eventId));
    }
  });
});

describe('parseFacebookBody: Page feed', () => {
  it('makes a new comment feedback, in ms, addressed by comment id', () => {
    expect(events('feed-comment-add.json')).toEqual([
      {
        type: 'message',
        channel: 'facebook',
        eventId: '122131676912594941_1213590066982748:add',
        messageId: '122131676912594941_1213590066982748',
        userId: '8123456789012345',
        occurredAt: 1764403260000,
        text: 'Cập nhật ứng dụng xong thì không đăng nhập được nữa, báo lỗi hoài 😡😡',
        contentKind: 'text',
        address: { commentId: '122131676912594941_1213590066982748', commentedAt: '1764403260000' },
      },
    ]);
  });

  it('turns an edited comment into an edit and a removed one into a remove', () => {
    expect(events('feed-comment-edited.json')).toMatchObject([
      {
        type: 'edit',
        messageId: '122131676912594941_1213590066982748',
        text: expect.stringContaining('Android 14'),
      },
    ]);
    expect(events('feed-comment-remove.json')).toEqual([
      {
        type: 'remove',
        channel: 'facebook',
        eventId: '122131676912594941_1213590066982748:remove',
        messageId: '122131676912594941_1213590066982748',
        userId: '8123456789012345',
        occurredAt: 1764403559000,
      },
    ]);
  });

  it('keys two different edits of one comment differently', () => {
    const body = load('feed-comment-edited.json');
    const again = JSON.parse(JSON.stringify(body).replace('(Android 14)', '(Android 15)'));
    expect(parseFacebookBody(again).events[0]?.eventId).not.toBe(
      events('feed-comment-edited.json')[0]?.eventId,
    );
  });

  it("skips the Page's own comments and non-comment feed changes", () => {
    expect(events('feed-comment-by-page.json')).toEqual([]);
    expect(events('feed-reaction.json')).toEqual([]);
  });
});

describe('parseFacebookBody: malformed and unknown', () => {
  it('rejects bodies that are not a webhook envelope', () => {
    for (const body of [null, [], 'x', 42, {}, { object: 'page' }, { object: 'page', entry: {} }]) {
      expect(() => parseFacebookBody(body)).toThrow(InvalidInputError);
    }
  });

  it('ignores other objects and unknown items, counting unreadable ones', () => {
    expect(parseFacebookBody({ object: 'instagram', entry: [{ id: '1', time: 1 }] }).events).toEqual([]);
    const odd = { object: 'page', entry: [{ id: '1', time: 1, messaging: [{ sender: {} }, { policy: 1 }] }] };
    expect(parseFacebookBody(odd)).toEqual({ events: [], skipped: 2 });
  });
});
