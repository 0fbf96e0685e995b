import { describe, expect, it } from 'vitest';
import { detectLang } from './lang.ts';
import { fold, toNfc } from './normalise.ts';
import { LANG_NAMES } from './taxonomy.ts';

const lang = (text: string) => {
  const nfc = toNfc(text);
  return detectLang(nfc, fold(nfc));
};

describe('detectLang', () => {
  it.each([
    ['Không đăng nhập được vào VNeID', 'vi'],
    ['khong dang nhap duoc vao vneid', 'vi'],
    ['ko nhan dc ma otp', 'vi'],
    ['k vao dc app', 'vi'],
    ['lỗi', 'vi'],
    ['cảm ơn', 'vi'],
    ['cam on ad', 'vi'],
    ['app bị lỗi login hoài', 'vi'],
    ['sao vay', 'vi'],
    ['I cannot log in to my VNeID account', 'en'],
    ['OTP never arrives', 'en'],
    ['thanks', 'en'],
    ['How do I register as a foreigner?', 'en'],
    ['My name is Nguyễn Văn An and I cannot verify my face', 'en'],
    ['Hello, my passport number was rejected', 'en'],
    ['我无法登录', 'zh'],
    ['로그인이 안 돼요', 'ko'],
    ['ログインできません', 'ja'],
    ['ไม่สามารถเข้าสู่ระบบได้', 'th'],
    ['Я не могу войти', 'ru'],
    ['je ne peux pas me connecter à mon compte', 'fr'],
    ['saya tidak bisa masuk akun', 'id'],
    ['👍👍', 'und'],
    ['???', 'und'],
    ['123456', 'und'],
  ])('%s → %s', (text, expected) => {
    expect(lang(text)).toBe(expected);
  });
});

describe('language names', () => {
  it.each([
    '我无法登录',
    '로그인이 안 돼요',
    'ログインできません',
    'ไม่สามารถเข้าสู่ระบบได้',
    'ບໍ່ສາມາດເຂົ້າສູ່ລະບົບ',
    'មិនអាចចូលបានទេ',
    'Я не могу войти',
    'لا أستطيع الدخول',
    'मैं लॉग इन नहीं कर सकता',
    'je ne peux pas me connecter à mon compte',
    'ich kann mich nicht anmelden',
    'no puedo iniciar sesión en mi cuenta',
    'saya tidak bisa masuk akun',
  ])('every language the detector reports has a display name (%s)', (text) => {
    const code = lang(text);
    expect(code).not.toBe('und');
    expect(LANG_NAMES[code]).toBeDefined();
  });
});
