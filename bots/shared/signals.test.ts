import { describe, expect, it } from 'vitest';
import { detectSignals } from './signals.ts';

describe('scam signals', () => {
  it.each([
    'Có người gọi xưng là công an phường, bảo tôi đọc mã OTP vừa gửi về máy',
    'co ng goi tu xung can bo cong an yeu cau cung cap mat khau vneid',
    'Em nhận được tin nhắn kèm đường link bảo cập nhật tài khoản định danh mức 2, có phải thật không?',
    'Mẹ tôi cài phải ứng dụng VNeID giả qua link trên Zalo',
    'bên kia nói là nhân viên ngân hàng, hỏi passcode VNeID của tôi',
    'Someone called me pretending to be the police and asked for my OTP',
    'I got an SMS with a link to upgrade my VNeID to level 2. Is this a scam?',
    'A man said he was an officer and told me to read out the code on my phone',
    'Tôi bị lừa đảo qua điện thoại',
    'they texted me a link to download an apk of vneid',
  ])('warns on %j', (text) => {
    expect(detectSignals(text).scam).toBe(true);
  });

  it.each([
    'Không nhận được tin nhắn OTP, bấm gửi lại mã OTP vẫn không thấy',
    'ko dang nhap dc vneid, quen mat khau',
    'App bị treo khi quét chip CCCD',
    'Tôi muốn cập nhật thông tin giấy phép lái xe lên ứng dụng',
    'The app crashes every time I open the document wallet',
    'Cảm ơn đội ngũ, ứng dụng rất tiện',
  ])('does not warn on the ordinary complaint %j', (text) => {
    expect(detectSignals(text).scam).toBe(false);
  });
});

describe('urgent cases', () => {
  it.each([
    ['Tôi bị lừa mất 45 triệu sau cuộc gọi giả danh công an', 'money_lost'],
    ['tk ngan hang cua toi bi tru tien sau khi cai app la', 'money_lost'],
    ['mất hết tiền tiết kiệm rồi ad ơi', 'money_lost'],
    ['They drained my savings after I gave them the code', 'money_lost'],
    ['Tài khoản VNeID của tôi bị người khác đăng nhập và đổi mật khẩu', 'account_takeover'],
    ['nghi bi hack tai khoan dinh danh', 'account_takeover'],
    ['Someone logged into my VNeID and changed the phone number', 'account_takeover'],
    ['Có người dùng thông tin CCCD của tôi để vay tiền online', 'data_misuse'],
    ['A loan was opened in my name and I never applied', 'data_misuse'],
    ['Tôi bị lộ thông tin cá nhân, giờ ngày nào cũng bị gọi làm phiền', 'data_misuse'],
  ] as const)('flags %j as %s', (text, kind) => {
    expect(detectSignals(text).urgent).toContain(kind);
  });

  it.each([
    'Không nhận được mã OTP khi đăng nhập',
    'Quên mật khẩu VNeID thì làm sao?',
    'Ứng dụng báo lỗi khi rút gọn thông tin',
    'Làm sao để chuyển tiền học phí qua dịch vụ công?',
    'Tôi đã mất CCCD, làm lại thế nào?',
    'I lost my passport, how do I update VNeID?',
  ])('does not flag %j', (text) => {
    expect(detectSignals(text).urgent).toEqual([]);
  });
});
