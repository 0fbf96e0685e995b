import { describe, expect, it } from 'vitest';
import { PII_LABELS, redact } from './redact.ts';
import type { PiiType } from './types.ts';

/** [text, the personal data inside it, its type]. Every usual way people paste it. */
const PII: Array<[string, string, PiiType]> = [
  ['CCCD của tôi là 001203004567 mà không kích hoạt được', '001203004567', 'cccd'],
  ['so cccd 079 203 004 567 nhe ad', '079 203 004 567', 'cccd'],
  ['Căn cước: 0012.0300.4567', '0012.0300.4567', 'cccd'],
  ['cccd 036-095-001-234 bị báo sai', '036-095-001-234', 'cccd'],
  ['số định danh 038195012345', '038195012345', 'cccd'],
  ['my ID number is 001099012345', '001099012345', 'cccd'],
  ['CMND cũ 123456789 có dùng được không', '123456789', 'cmnd'],
  ['cmnd 025 123 456', '025 123 456', 'cmnd'],
  ['số CMT 187654321 ạ', '187654321', 'cmnd'],
  ['sđt của em 0912345678 nhé', '0912345678', 'phone'],
  ['gọi em số 0912 345 678', '0912 345 678', 'phone'],
  ['sdt 0912.345.678 ko nhan dc otp', '0912.345.678', 'phone'],
  ['số +84912345678 không nhận mã', '+84912345678', 'phone'],
  ['phone +84 912 345 678 no sms', '+84 912 345 678', 'phone'],
  ['sdt 84912345678', '84912345678', 'phone'],
  ['(+84) 912-345-678 là số của tôi', '(+84) 912-345-678', 'phone'],
  ['lien he 098-765-4321 gium', '098-765-4321', 'phone'],
  ['số 0387654321 đăng ký', '0387654321', 'phone'],
  ['máy bàn 024 3826 1234', '024 3826 1234', 'phone'],
  ['zalo 0706.123.456', '0706.123.456', 'phone'],
  ['+84 (0) 912 345 678 pls call', '+84 (0) 912 345 678', 'phone'],
  ['dt 0563 123 456 nha', '0563 123 456', 'phone'],
  ['email: nguyen.van.a@gmail.com', 'nguyen.van.a@gmail.com', 'email'],
  ['gửi về Tran_Thi.B+vneid@yahoo.com.vn giúp', 'Tran_Thi.B+vneid@yahoo.com.vn', 'email'],
  ['contact me at john.smith@example.co.uk', 'john.smith@example.co.uk', 'email'],
  ['STK 0123456789012 Vietcombank', '0123456789012', 'bank'],
  ['số tài khoản: 1903 6543 2100 12 techcombank', '1903 6543 2100 12', 'bank'],
  ['stk vcb 0071000123456', '0071000123456', 'bank'],
  ['tài khoản ngân hàng 123456789 bị trừ tiền', '123456789', 'bank'],
  ['bank account no. 19036543210', '19036543210', 'bank'],
  ['chuyển vào 1234567890123456789 rồi', '1234567890123456789', 'bank'],
  ['thẻ 4111 1111 1111 1111 bị trừ tiền lệ phí', '4111 1111 1111 1111', 'card'],
  ['the visa 4111-1111-1111-1111', '4111-1111-1111-1111', 'card'],
  ['card 5500005555555559 charged twice', '5500005555555559', 'card'],
  ['hộ chiếu số C1234567 không đăng ký được', 'C1234567', 'passport'],
  ['passport no. B12345678, cannot register', 'B12345678', 'passport'],
  ['my passport is E1234567 and my visa expired', 'E1234567', 'passport'],
  ['passport: 533380006 (USA)', '533380006', 'passport'],
  ['Hộ chiếu N1234567 của tôi', 'N1234567', 'passport'],
  ['mã OTP là 123456 mà app báo sai', '123456', 'otp'],
  ['otp: 482913', '482913', 'otp'],
  ['OTP 654321 het han roi', '654321', 'otp'],
  ['ma xac thuc 987 654 khong dung', '987 654', 'otp'],
  ['mã xác nhận của tôi là 4821', '4821', 'otp'],
  ['code 246810 not accepted', '246810', 'otp'],
  ['mã 135790 báo hết hạn', '135790', 'otp'],
  ['mk: abc123', 'abc123', 'password'],
  ['mật khẩu là Abc@1234 mà vẫn sai', 'Abc@1234', 'password'],
  ['mat khau cua toi la hoa12345', 'hoa12345', 'password'],
  ['pass: matkhau', 'matkhau', 'password'],
  ['password is Hunter2!', 'Hunter2!', 'password'],
  ['passcode 123456 bi khoa', '123456', 'password'],
  ['mk moi la Vneid@2024', 'Vneid@2024', 'password'],
  ['MẬT KHẨU: qwerty', 'qwerty', 'password'],
  ['mã pin 1234 nhập sai 5 lần', '1234', 'password'],
];

/** Look like numbers, are not personal data. */
const NOT_PII = [
  'ngày 12/05/2024 tôi đăng ký mà đến 20/06/2024 vẫn chưa duyệt',
  'từ 2024-05-12 đến 2024-06-01',
  'hôm 12.05.2024 lúc 10:30',
  'phí 2.000.000đ mà không hoàn lại',
  'bị trừ 1,500,000 VND',
  'mất 500.000 đồng lệ phí',
  'số tiền 150000 vnd',
  'tốn 100.000.000.000 đồng ngân sách',
  'nộp 84.000.000 đ',
  'phiên bản 2.0.19 vẫn lỗi',
  'app version 4.1.12 crash',
  'update v3.10.2 xong không mở được',
  'iOS 17.4.1 bị treo',
  'Android 14, bản 1.2.345',
  'chờ 15 phút không có mã',
  'OTP 6 số mà không về',
  'mã OTP từ năm 2024 đã lỗi',
  'hao pin 50% khi mở app',
  'mật khẩu sai rồi',
  'quên mật khẩu không biết làm sao',
  'mật khẩu là gì vậy',
  'đổi mk không được',
  'my password does not work',
  'tôi 65 tuổi không biết dùng',
  'level 2 account since 2023',
  'mức 2 chờ 3 tháng',
  'gọi tổng đài 1900 1234 không ai nghe',
  'hotline 113',
  'đã thử 10 lần',
  'giá 99k',
  'lúc 8h30 ngày 1/1',
];

describe('redact: recall on PII forms', () => {
  it.each(PII)('redacts %s', (text, pii, type) => {
    const out = redact(text.normalize('NFC'));
    expect(out.text).not.toContain(pii);
    expect(out.text).toContain(PII_LABELS[type]);
    expect(out.found).toContain(type);
  });

  it('reaches recall >= 0.98 over the whole set', () => {
    const hit = PII.filter(([text, pii]) => !redact(text).text.includes(pii)).length;
    expect(hit / PII.length).toBeGreaterThanOrEqual(0.98);
  });
});

describe('redact: precision', () => {
  it.each(NOT_PII)('leaves %s unchanged', (text) => {
    const out = redact(text);
    expect(out.text).toBe(text);
    expect(out.found).toEqual([]);
  });

  it('keeps the rest of the text and redacts several items in order', () => {
    const out = redact('Tôi Lan, sđt 0912345678, email lan@x.vn, CCCD 001203004567.');
    expect(out.text).toBe('Tôi Lan, sđt [SĐT], email [EMAIL], CCCD [CCCD].');
    expect(out.found).toEqual(['phone', 'email', 'cccd']);
  });
});
