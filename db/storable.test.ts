import { describe, expect, it } from 'vitest';
import { storableJson, storableText } from './storable.ts';

describe('storableText', () => {
  it('drops U+0000, replaces lone surrogates and keeps everything else as it is', () => {
    expect(storableText('mã\u0000 OTP')).toBe('mã OTP');
    expect(storableText('a\uD83Db')).toBe('a\uFFFDb');
    expect(storableText('a\uDE00b')).toBe('a\uFFFDb');
    const fine = 'Xin chào 😀 tab\there\nnewline';
    expect(storableText(fine)).toBe(fine);
  });
  it('reaches every string of a JSON value, both ways', () => {
    expect(storableJson.stringify({ text: 'x\u0000y', address: { chatId: '1\uD800' } })).toBe(
      '{"text":"xy","address":{"chatId":"1\uFFFD"}}',
    );
    expect(storableJson.parse('{"text":"x\\u0000y","n":1}')).toEqual({ text: 'xy', n: 1 });
  });
});
