import { describe, expect, it } from 'vitest';
import { fold } from '../normalise.ts';
import { groupNearDuplicates } from './near-duplicates.ts';

const raw = [
  // One complaint, copied across channels with small edits.
  { id: 1, text: 'Tôi không nhận được mã OTP khi đăng nhập VNeID từ sáng đến giờ' },
  { id: 2, text: 'Ad ơi, tôi không nhận được mã OTP khi đăng nhập VNeID từ sáng đến giờ, giúp với!' },
  { id: 3, text: 'toi khong nhan duoc ma OTP khi dang nhap vneid tu sang den gio' },
  { id: 4, text: 'Tôi KHÔNG nhận được mã otp khi đăng nhập VNeID từ sáng tới giờ...' },
  // A campaign: identical copies.
  { id: 5, text: 'Đề nghị bỏ yêu cầu quét NFC vì điện thoại cũ không có NFC' },
  { id: 6, text: 'Đề nghị bỏ yêu cầu quét NFC vì điện thoại cũ không có NFC' },
  { id: 7, text: 'Đề nghị bỏ yêu cầu quét NFC vì điện thoại cũ không có NFC' },
  // Different complaints sharing many words.
  { id: 8, text: 'Tôi không đăng nhập được VNeID từ sáng đến giờ, báo sai mật khẩu' },
  { id: 9, text: 'Ứng dụng VNeID bị treo khi xác thực khuôn mặt' },
  { id: 10, text: 'Tích hợp giấy phép lái xe vào VNeID không thành công' },
];

// Grouping runs on the stored folded text, as the report does.
const items = raw.map((r) => ({ id: r.id, text: fold(r.text) }));

describe('near-duplicate grouping', () => {
  const groups = groupNearDuplicates(items);
  const groupOf = (id: number) => groups.find((g) => g.ids.includes(id));

  it('merges paraphrased copies of one complaint', () => {
    expect(groupOf(1)?.ids).toEqual([1, 2, 3, 4]);
    expect(groupOf(5)?.ids).toEqual([5, 6, 7]);
  });

  it('keeps different complaints apart', () => {
    expect(groups.map((g) => g.ids)).toEqual([[1, 2, 3, 4], [5, 6, 7], [8], [9], [10]]);
  });

  it('is deterministic and independent of input order', () => {
    expect(groupNearDuplicates([...items].reverse())).toEqual(groups);
  });
});
