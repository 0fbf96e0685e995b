import { describe, expect, it } from 'vitest';
import { fold, toNfc } from './normalise.ts';
import { prepare } from './prepare.ts';
import { tokenize, wordNgrams } from './tokenize.ts';

describe('toNfc', () => {
  it.each([
    ['decomposed input is composed', 'Đăng nhập'.normalize('NFD'), 'Đăng nhập'],
    ['legacy combining tone marks are composed', 'ho\u0300a', 'hòa'],
    ['zero-width characters are removed', 'đăng\u200b nhập\ufeff', 'đăng nhập'],
    ['no-break spaces become spaces', 'mã\u00a0OTP', 'mã OTP'],
    ['an RTL override is removed', 'lỗi \u202etxt.exe\u202c ở đâu', 'lỗi txt.exe ở đâu'],
    [
      'every bidi embedding, override and isolate is removed',
      'a\u202ab\u202bc\u202dd\u2066e\u2067f\u2068g\u2069h',
      'abcdefgh',
    ],
  ])('%s', (_name, input, expected) => {
    expect(toNfc(input)).toBe(expected);
    expect(toNfc(input)).toBe(expected.normalize('NFC'));
  });
});

describe('fold', () => {
  it.each([
    ['diacritics and case', 'Không Đăng Nhập Được', 'khong dang nhap duoc'],
    ['decomposed and composed fold alike', 'Đăng nhập'.normalize('NFD'), 'dang nhap'],
    ['teencode', 'ko vao dc app, k nhan dc ma', 'khong vao duoc app khong nhan duoc ma'],
    ['abbreviations', 'ib sdt mk tk giúp e', 'inbox so dien thoai mat khau tai khoan giup e'],
    ['"nhận đc"', 'nhận đc mã r', 'nhan duoc ma roi'],
    ['repeated letters', 'lỗiiiii quáaaaa', 'loi qua'],
    ['repeated punctuation kept once', 'sao vậy???', 'sao vay ?'],
    ['urls become a marker', 'xem https://vneid.gov.vn/a?b=1 đi', 'xem url di'],
    ['emoji become sentiment markers', 'tuyệt vời 👍👍 nhưng 😡', 'tuyet voi emopos emopos nhung emoneg'],
    ['other pictographs vanish', 'app 🚀🔥 ok', 'app ok'],
    [
      'every VNeID spelling is one token',
      'VNeID, vneid, VN eID, Vneld, vn-eid',
      'vneid vneid vneid vneid vneid',
    ],
    ['placeholders survive unexpanded', 'sđt [SĐT] và [HỘ CHIẾU]', 'so dien thoai [sdt] va [ho_chieu]'],
    ['english is left alone', "I can't log in to my account", 'i can t log in to my account'],
    ['amounts and versions keep their digits', 'bản 2.0.19 phí 50k', 'ban 2 0 19 phi 50k'],
  ])('%s', (_name, input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('splits folded text into syllables and drops punctuation markers', () => {
    expect(tokenize(fold('Sao vậy?? ko đăng nhập dc [SĐT]'))).toEqual([
      'sao',
      'vay',
      'khong',
      'dang',
      'nhap',
      'duoc',
      '[sdt]',
    ]);
  });
  it('gives the same syllables for Vietnamese with and without diacritics, and in teencode', () => {
    const expected = ['khong', 'dang', 'nhap', 'duoc', 'vneid'];
    expect(tokenize(fold('Không đăng nhập được VNeID'))).toEqual(expected);
    expect(tokenize(fold('khong dang nhap duoc vneid'))).toEqual(expected);
    expect(tokenize(fold('ko đăng nhập dc VNeID'))).toEqual(expected);
  });
  it('splits English into lower-case words', () => {
    expect(tokenize(fold("The OTP code never arrives, I can't log in!"))).toEqual([
      'the',
      'otp',
      'code',
      'never',
      'arrives',
      'i',
      'can',
      't',
      'log',
      'in',
    ]);
  });
  it('keeps Hangul syllables whole (no jamo) and gives bigrams inside each word', () => {
    expect(fold('인증 문자가 안 와요')).toBe('인증 문자가 안 와요');
    expect(tokenize(fold('인증 문자가 안 와요'))).toEqual(['인증', '문자', '자가', '안', '와요']);
  });
  it('cuts Japanese into character bigrams, voiced kana kept', () => {
    expect(fold('認証コードが届きません')).toBe('認証コードが届きません');
    expect(tokenize(fold('認証コードが届きません'))).toEqual([
      '認証',
      '証コ',
      'コー',
      'ード',
      'ドが',
      'が届',
      '届き',
      'きま',
      'ませ',
      'せん',
    ]);
  });
  it('cuts Chinese into character bigrams, Latin words beside them kept', () => {
    expect(tokenize(fold('VNeID验证码收不到'))).toEqual(['vneid', '验证', '证码', '码收', '收不', '不到']);
    expect(tokenize(fold('好'))).toEqual(['好']);
  });
  it('rebuilds compounds as word n-grams', () => {
    expect(wordNgrams(['dang', 'nhap', 'loi'], 2)).toEqual(['dang nhap', 'nhap loi']);
  });
});

describe('prepare: the stored display text', () => {
  it('keeps no bidirectional override in text_redacted, and still redacts what it wrapped', () => {
    const { redacted } = prepare('Số của tôi \u202e0912345678\u202c, gọi giúp');
    expect(redacted).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(redacted).toBe('Số của tôi [SĐT], gọi giúp');
  });
});
