import { describe, expect, it } from 'vitest';
import {
  composeAcknowledgement,
  isErasureRequest,
  loadConversationTexts,
  replyLanguage,
} from './conversation.ts';

describe('isErasureRequest', () => {
  it.each([
    'xóa dữ liệu',
    'Xoá dữ liệu của tôi',
    'xoa du lieu',
    'XÓA HẾT DỮ LIỆU',
    '/xoa',
    '/forget',
    '/xoa@vneid_bot',
    'delete my data',
    'Please erase my data',
    'forget me',
    'xóa thông tin của tôi đi',
  ])('recognises %j', (text) => {
    expect(isErasureRequest(text)).toBe(true);
  });

  it.each([
    'làm sao để xóa dữ liệu tích hợp giấy phép lái xe bị sai trên ứng dụng VNeID vậy ad',
    'app không cho đăng nhập',
    'how do I delete the old driving licence data that VNeID shows in my document wallet?',
    'dữ liệu bị xóa mất sau khi cập nhật',
  ])('does not treat %j as an erasure request', (text) => {
    expect(isErasureRequest(text)).toBe(false);
  });
});

describe('composeAcknowledgement', () => {
  const texts = loadConversationTexts();
  it('adds the notice only on first contact, the code always, and a helpful answer for known topics', () => {
    const first = composeAcknowledgement(texts, {
      lang: 'vi',
      refCode: 'GY-0001-AB',
      firstContact: true,
      topic: 'otp',
    });
    expect(first).toContain(texts.notice.vi);
    expect(first).toContain('GY-0001-AB');
    expect(first).toContain(texts.answers['otp']!.vi);
    const later = composeAcknowledgement(texts, {
      lang: 'en',
      refCode: 'GY-0002-CD',
      firstContact: false,
      topic: 'app_bug',
    });
    expect(later).not.toContain(texts.notice.en);
    expect(later).toBe(texts.ack.en.replace('{ref}', 'GY-0002-CD'));
  });

  it('answers in English only when the citizen wrote English or their app is English', () => {
    expect(replyLanguage('en')).toBe('en');
    expect(replyLanguage('vi', 'en')).toBe('vi');
    expect(replyLanguage('und', 'en-US')).toBe('en');
    expect(replyLanguage('und')).toBe('vi');
    expect(replyLanguage('fr')).toBe('vi');
  });
});
