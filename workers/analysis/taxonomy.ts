/** The fixed label set (docs/taxonomy.md). Ids are stable contracts; never rename. */
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

/** Display names of every language the detector names (lang.ts), so none is shown as a bare code. */
export const LANG_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  vi: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  en: { vi: 'Tiếng Anh', en: 'English' },
  und: { vi: 'Không xác định', en: 'Unknown' },
  zh: { vi: 'Tiếng Trung', en: 'Chinese' },
  ja: { vi: 'Tiếng Nhật', en: 'Japanese' },
  ko: { vi: 'Tiếng Hàn', en: 'Korean' },
  th: { vi: 'Tiếng Thái', en: 'Thai' },
  lo: { vi: 'Tiếng Lào', en: 'Lao' },
  km: { vi: 'Tiếng Khmer', en: 'Khmer' },
  ru: { vi: 'Tiếng Nga', en: 'Russian' },
  ar: { vi: 'Tiếng Ả Rập', en: 'Arabic' },
  hi: { vi: 'Tiếng Hindi', en: 'Hindi' },
  fr: { vi: 'Tiếng Pháp', en: 'French' },
  de: { vi: 'Tiếng Đức', en: 'German' },
  es: { vi: 'Tiếng Tây Ban Nha', en: 'Spanish' },
  id: { vi: 'Tiếng Indonesia', en: 'Indonesian' },
};

export function isTopicId(value: string): value is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(value);
}

export function isSentiment(value: string): value is Sentiment {
  return (SENTIMENTS as readonly string[]).includes(value);
}
