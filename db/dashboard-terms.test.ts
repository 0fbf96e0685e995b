import { describe, expect, it } from 'vitest';
import { bridgePhrases, countPhrases } from './dashboard-terms.ts';

describe('topic terms', () => {
  it('drops pairs that straddle two words, keeps the words', () => {
    const counted = [
      { term: 'xac thuc', count: 82 },
      { term: 'thuc khuon', count: 51 },
      { term: 'khuon mat', count: 71 },
      { term: 'ap the', count: 28 },
      { term: 'the can', count: 26 },
      { term: 'can cuoc', count: 29 },
      { term: 'quet chip', count: 56 },
    ];
    expect([...bridgePhrases(counted)].sort()).toEqual(['the can', 'thuc khuon']);
  });

  it('skips pairs with a function word at either end, not content pairs whose syllables fold alike', () => {
    const phrases = countPhrases([
      { author: 'a', text: 'toi khong dang nhap duoc vi ma otp het han' },
      { author: 'b', text: 'dang nhap bi loi ma otp' },
    ]);
    expect(phrases.get('dang nhap')?.size).toBe(2); // đăng nhập, not đang
    expect(phrases.get('ma otp')?.size).toBe(2); // mã OTP, not mà
    expect(phrases.has('toi khong')).toBe(false);
    expect(phrases.has('khong dang')).toBe(false);
    expect(phrases.has('bi loi')).toBe(false);
  });
});
