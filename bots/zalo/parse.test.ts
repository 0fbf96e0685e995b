import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/errors.ts';
import { parseZaloBody } from './parse.ts';

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/zalo/${name}`, import.meta.url), 'utf8'));

describe('parseZaloBody', () => {
  it('reads user_send_text with diacritics and emoji, ids kept as strings', () => {
    expect(parseZaloBody(load('user-send-text.json'))).toEqual([
      {
        type: 'message',
        channel: 'zalo',
        eventId: '96d3cdf3af150460909a1b2c',
        messageId: '96d3cdf3af150460909a1b2c',
        userId: '246845883529197922',
        occurredAt: 1764403200456,
        text: 'Tôi đã cập nhật ứng dụng nhưng vẫn không kích hoạt được tài khoản định danh mức 2 😭 Mong được hỗ trợ!',
        contentKind: 'text',
        address: { userId: '246845883529197922' },
      },
    ]);
  });

  it('stores media as typed placeholders, keeping a caption when there is one', () => {
    const one = (f: string) => parseZaloBody(load(f))[0];
    expect(one('user-send-image.json')).toMatchObject({ text: 'Màn hình lỗi đây ạ', contentKind: 'image' });
    expect(one('user-send-sticker.json')).toMatchObject({ text: '[sticker]', contentKind: 'sticker' });
    expect(one('user-send-file.json')).toMatchObject({ text: '[file]', contentKind: 'file' });
    expect(one('user-send-location.json')).toMatchObject({ text: '[location]', contentKind: 'location' });
    expect(one('user-send-link.json')).toMatchObject({ contentKind: 'link' });
  });

  it('turns follow (with a welcome address) and unfollow into events keyed by follower and time', () => {
    expect(parseZaloBody(load('follow.json'))).toEqual([
      {
        type: 'follow',
        channel: 'zalo',
        eventId: 'follow:246845883529197922:1764403140456',
        userId: '246845883529197922',
        occurredAt: 1764403140456,
        address: { userId: '246845883529197922' },
      },
    ]);
    expect(parseZaloBody(load('unfollow.json'))).toMatchObject([{ type: 'unfollow' }]);
    expect(parseZaloBody(load('unfollow.json'))[0]).not.toHaveProperty('address');
  });

  it('ignores echoes, receipts, submitted personal info, unknown events and the registration probe', () => {
    for (const f of [
      'oa-send-text.json',
      'user-received-message.json',
      'user-seen-message.json',
      'user-submit-info.json',
      'registration-probe.json',
    ]) {
      expect(parseZaloBody(load(f)), f).toEqual([]);
    }
    expect(parseZaloBody({ event_name: 'change_oa_daily_quota', quota: 1 })).toEqual([]);
  });

  it('gives the same eventId for the same delivery twice', () => {
    for (const f of ['user-send-text.json', 'follow.json']) {
      expect(parseZaloBody(load(f))[0]?.eventId).toBe(parseZaloBody(load(f))[0]?.eventId);
    }
  });

  it('rejects malformed bodies and numeric ids', () => {
    for (const body of [null, [], 'x', { foo: 1 }, { event_name: 'user_send_text' }]) {
      expect(() => parseZaloBody(body)).toThrow(InvalidInputError);
    }
    const numeric = { ...(load('user-send-text.json') as object), sender: { id: 246845883529197920 } };
    expect(() => parseZaloBody(numeric)).toThrow(InvalidInputError);
  });
});
