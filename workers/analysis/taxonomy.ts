/** The fixed label set of ../shared/TAXONOMY.md. Ids are stable contracts; never rename. */
export const TOPIC_IDS = [
  'login',
  'otp',
  'activation',
  'consent',
  'integration',
  'privacy',
  'foreigner',
  'face_nfc',
  'app_bug',
  'public_service',
  'praise',
  'other',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** ISO 639-1 codes we detect; `und` when unknown. */
export type Lang = 'vi' | 'en' | 'und' | (string & {});

export const TOPIC_NAMES: Record<TopicId, { vi: string; en: string }> = {
  login: { vi: 'Đăng nhập', en: 'Login' },
  otp: { vi: 'Mã OTP', en: 'OTP / SMS code' },
  activation: { vi: 'Đăng ký, kích hoạt', en: 'Registration & activation' },
  consent: { vi: 'Đồng ý chia sẻ dữ liệu', en: 'Data-sharing consent' },
  integration: { vi: 'Tích hợp giấy tờ', en: 'Document integration' },
  privacy: { vi: 'Bảo mật, lừa đảo', en: 'Privacy & scams' },
  foreigner: { vi: 'Người nước ngoài', en: 'Foreign residents' },
  face_nfc: { vi: 'Khuôn mặt, NFC', en: 'Face & chip (NFC)' },
  app_bug: { vi: 'Lỗi ứng dụng', en: 'App bugs & performance' },
  public_service: { vi: 'Dịch vụ công', en: 'Online public services' },
  praise: { vi: 'Khen ngợi', en: 'Praise' },
  other: { vi: 'Khác', en: 'Other' },
};

export function isTopicId(value: string): value is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(value);
}

export function isSentiment(value: string): value is Sentiment {
  return (SENTIMENTS as readonly string[]).includes(value);
}
