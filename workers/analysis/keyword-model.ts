import type { Sentiment, TopicId } from './taxonomy.ts';
import type { ModelOutput, PreparedText, RankedTopic, TopicModel } from './types.ts';

/** Folded (no diacritics) keyword lists per topic: the baseline every trained model must beat. */
const LEXICON: Record<Exclude<TopicId, 'other'>, string[]> = {
  otp: [
    'otp',
    'ma xac thuc',
    'ma xac nhan',
    'tin nhan sms',
    'sms',
    'khong nhan duoc ma',
    'verification code',
  ],
  login: ['dang nhap', 'mat khau', 'passcode', 'mat ma', 'bi khoa', 'log in', 'login', 'password', 'quen'],
  activation: [
    'kich hoat',
    'dang ky',
    'muc 2',
    'muc 1',
    'cong an',
    'ho so',
    'register',
    'activate',
    'level 2',
  ],
  consent: ['dong y', 'chia se', 'ngan hang', 'thu hoi', 'consent', 'share my data', 'revoke'],
  integration: [
    'tich hop',
    'giay phep lai xe',
    'bang lai',
    'bhyt',
    'bao hiem',
    'dang kiem',
    'ma so thue',
    'licence',
    'license',
  ],
  privacy: [
    'lua dao',
    'lo thong tin',
    'bao mat',
    'gia mao',
    'scam',
    'fake',
    'leak',
    'privacy',
    'xoa du lieu',
  ],
  foreigner: [
    'nguoi nuoc ngoai',
    'ho chieu',
    'the tam tru',
    'foreigner',
    'passport',
    'residence card',
    'visa',
  ],
  face_nfc: ['khuon mat', 'nfc', 'chip', 'camera', 'face', 'xac thuc khuon mat'],
  app_bug: [
    'van tang',
    'treo',
    'cham',
    'cap nhat',
    'crash',
    'lag',
    'loi ung dung',
    'bug',
    'freeze',
    'update',
  ],
  public_service: [
    'dich vu cong',
    'thu tuc',
    'cu tru',
    'thanh toan',
    'le phi',
    'ho so truc tuyen',
    'public service',
  ],
  praise: ['cam on', 'tuyet voi', 'hay qua', 'rat tot', 'thank', 'great', 'tien loi'],
};
const NEGATIVE = [
  'khong',
  'ko',
  'loi',
  'bi',
  'that vong',
  'te',
  'kem',
  'buc',
  'cannot',
  "can't",
  'not',
  'error',
  'fail',
];
const POSITIVE = ['cam on', 'tot', 'tuyet', 'hay', 'tien loi', 'thank', 'great', 'good', 'love'];

function hits(folded: string, terms: string[]): number {
  let n = 0;
  for (const term of terms) if (folded.includes(term)) n += 1;
  return n;
}

export function createKeywordModel(): TopicModel {
  return {
    version: 'keyword-1',
    classify(text: PreparedText): ModelOutput {
      const scored: RankedTopic[] = [];
      let total = 0;
      for (const [id, terms] of Object.entries(LEXICON) as Array<[TopicId, string[]]>) {
        const n = hits(text.folded, terms);
        if (n > 0) {
          scored.push({ id, score: n });
          total += n;
        }
      }
      scored.sort((a, b) => b.score - a.score);
      const topics: RankedTopic[] =
        total === 0 ? [{ id: 'other', score: 1 }] : scored.map((t) => ({ id: t.id, score: t.score / total }));
      const neg = hits(text.folded, NEGATIVE);
      const pos = hits(text.folded, POSITIVE);
      const sentiment: Sentiment = neg > pos ? 'negative' : pos > neg ? 'positive' : 'neutral';
      const sentimentScore = (pos - neg) / Math.max(1, pos + neg);
      return { topics, sentiment, sentimentScore };
    },
  };
}
