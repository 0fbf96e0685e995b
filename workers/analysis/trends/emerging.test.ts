import { describe, expect, it } from 'vitest';
import { fold } from '../normalise.ts';
import { mulberry32 } from '../prng.ts';
import { emergingTerms, emergingTermsByGroup } from './emerging.ts';
import { hasFunctionWordAtEdge, phrases, surfaceForms, tokens, writtenTerms } from './terms.ts';

const ORDINARY = [
  'Tôi không nhận được mã OTP',
  'Ứng dụng bị treo khi mở',
  'Không đăng nhập được tài khoản',
  'Quét NFC căn cước mãi không được',
  'Xác thực khuôn mặt thất bại nhiều lần',
  'App chạy chậm quá',
  'Tích hợp giấy phép lái xe không thấy hiện',
  'Mã OTP về chậm, hết hạn rồi mới tới',
  'Ứng dụng văng ra khi chụp ảnh',
  'Đăng nhập báo sai mật khẩu dù đúng',
];

function week(seed: number, n: number, extra: (i: number) => string | undefined): string[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const base = ORDINARY[Math.floor(rand() * ORDINARY.length)] ?? '';
    return fold(extra(i) ?? base);
  });
}

describe('terms', () => {
  it('folds Vietnamese, keeps version numbers whole and drops PII placeholders', () => {
    expect(tokens('Lỗi sau khi cập nhật 2.1.5, gọi [SĐT] nhé!')).toEqual([
      'loi',
      'sau',
      'khi',
      'cap',
      'nhat',
      '2.1.5',
      'goi',
      'nhe',
    ]);
  });
  it('never starts or ends a phrase with a function word', () => {
    const p = phrases(tokens('lỗi sau khi cập nhật 2.1.5'), 3);
    expect(p).toContain('cap nhat 2.1.5');
    expect(p).toContain('loi');
    expect(p).not.toContain('loi sau khi');
    expect(p).not.toContain('khi');
  });
});

describe('emerging terms', () => {
  it('surfaces a phrase that appears this week and not in previous weeks', () => {
    const previous = week(1, 3000, () => undefined);
    const variants = [
      'Lỗi sau khi cập nhật 2.1.5',
      'app lỗi sau khi cập nhật 2.1.5 luôn',
      'Sau khi cập nhật 2.1.5 không mở được',
    ];
    const current = week(2, 1000, (i) => (i % 25 === 0 ? variants[i % 3] : undefined));
    const terms = emergingTerms(current, previous);
    expect(terms[0]?.term).toBe('cap nhat 2.1.5');
    expect(terms[0]?.current).toBe(40);
    expect(terms[0]?.baseline).toBe(0);
    // Ordinary complaints at their usual share do not rise.
    expect(terms.map((t) => t.term)).not.toContain('otp');
  });

  it('reports nothing when this week looks like the previous ones', () => {
    expect(
      emergingTerms(
        week(3, 1000, () => undefined),
        week(4, 3000, () => undefined),
      ),
    ).toEqual([]);
  });

  it('works per topic', () => {
    const cur = [
      ...Array.from({ length: 30 }, () => ({ group: 'otp', text: fold('mã OTP gửi về số lạ') })),
      ...Array.from({ length: 30 }, () => ({ group: 'otp', text: fold('không nhận được mã OTP') })),
      ...Array.from({ length: 30 }, () => ({ group: 'login', text: fold('không nhận được mã OTP') })),
    ];
    const base = [
      ...Array.from({ length: 60 }, () => ({ group: 'otp', text: fold('không nhận được mã OTP') })),
      ...Array.from({ length: 60 }, () => ({ group: 'login', text: fold('không nhận được mã OTP') })),
    ];
    const byTopic = emergingTermsByGroup(cur, base);
    expect(byTopic.get('otp')?.[0]?.term).toMatch(/gui ve so/);
    expect(byTopic.get('login')).toEqual([]);
  });
});

describe('surfaceForms', () => {
  it('shows each folded phrase as people most often wrote it, diacritics kept', () => {
    const texts = [
      'Lỗi sau khi CẬP NHẬT 2.1.5',
      'cập nhật 2.1.5 xong vào chậm',
      'cap nhat 2.1.5 bi loi',
      'Ko nhận được mã',
    ];
    const forms = surfaceForms(['cap nhat 2.1.5', 'cap nhat', 'loi', 'khong', 'xyz'], texts);
    expect(forms.get('cap nhat 2.1.5')).toBe('cập nhật 2.1.5');
    expect(forms.get('cap nhat')).toBe('cập nhật');
    expect(forms.get('loi')).toBe('lỗi'); // "lỗi" once, "loi" once: the form with diacritics wins
    expect(forms.get('khong')).toBe('khong'); // only ever written "ko": the folded form stays
    expect(forms.get('xyz')).toBe('xyz');
  });
});

describe('function words', () => {
  it('lets folded content syllables that look like function words start a phrase', () => {
    const found = phrases(tokens('Không đăng nhập được, mã OTP hết hạn sau khi cập nhật phiên bản mới'), 2);
    expect(found).toContain('dang nhap');
    expect(found).toContain('ma otp');
    expect(found).toContain('phien ban');
    expect(found).not.toContain('khong dang');
  });

  it('shows only terms whose written form has no function word at an edge', () => {
    const written = writtenTerms(['dang bi', 'dang nhap'], ['đang bị lỗi', 'không đăng nhập được']);
    expect([...written]).toEqual([['dang nhap', 'đăng nhập']]);
  });

  it('judges the ambiguous ones on the written form', () => {
    expect(hasFunctionWordAtEdge('đang bị')).toBe(true);
    expect(hasFunctionWordAtEdge('lỗi mà')).toBe(true);
    expect(hasFunctionWordAtEdge('đăng nhập')).toBe(false);
    expect(hasFunctionWordAtEdge('mã otp')).toBe(false);
    expect(hasFunctionWordAtEdge('phiên bản')).toBe(false);
  });
});
