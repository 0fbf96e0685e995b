/** Report wording in Vietnamese (default) and English; topic names come from the taxonomy. */
import { isTopicId, LANG_NAMES, TOPIC_NAMES } from '../analysis/taxonomy.ts';
import { tzOffsetMs } from './iso-week.ts';

export type ReportLang = 'vi' | 'en';

const TEXT = {
  vi: {
    title: 'Báo cáo phản hồi VNeID hằng tuần',
    week: 'Tuần',
    period: 'Từ {from} đến {to}',
    summary: 'Tổng quan',
    total: 'Tổng số tin nhắn',
    citizens: 'Số công dân khác nhau',
    previous: 'Tuần trước',
    previous3: '3 tuần trước',
    change: 'Thay đổi',
    thisWeek: 'Tuần này',
    byTopic: 'Theo chủ đề',
    byChannel: 'Theo kênh',
    bySentiment: 'Theo cảm xúc',
    byLang: 'Theo ngôn ngữ',
    daily: 'Số tin nhắn theo ngày',
    rising: 'Chủ đề tăng mạnh nhất',
    emerging: 'Cụm từ mới nổi',
    term: 'Cụm từ',
    topic: 'Chủ đề',
    messages: 'Tin nhắn',
    alerts: 'Cảnh báo đột biến trong tuần',
    noAlerts: 'Không có cảnh báo nào trong tuần.',
    window: 'Khoảng thời gian',
    observed: 'Thực tế',
    expected: 'Dự kiến',
    score: 'Điểm',
    release: 'Phát hành / sự cố',
    releases: 'Mốc phát hành và sự cố',
    nearRelease: 'bắt đầu gần mốc “{label}”',
    quotes: 'Trích dẫn tiêu biểu',
    similar: '{n} tin nhắn tương tự',
    quotesWithheld: 'Trích dẫn lời người dân chỉ hiển thị cho chuyên viên phân tích và quản trị viên.',
    distinct: '{d} khiếu nại khác nhau trong {n} tin nhắn được xem xét',
    corrections: 'Chỉnh sửa nhãn của chuyên viên',
    noCorrections: 'Không có chỉnh sửa nào trong tuần.',
    from: 'Nhãn cũ',
    to: 'Nhãn mới',
    count: 'Số lượng',
    method: 'Phương pháp',
    models: 'Phiên bản mô hình',
    suppressed: 'Nhóm có ít hơn {k} công dân được hiển thị là “< {k}” để bảo vệ quyền riêng tư.',
    none: 'Không có',
    generated: 'Tạo lúc',
    negative: 'Tiêu cực',
    neutral: 'Trung lập',
    positive: 'Tích cực',
  },
  en: {
    title: 'VNeID weekly feedback report',
    week: 'Week',
    period: 'From {from} to {to}',
    summary: 'Summary',
    total: 'Messages',
    citizens: 'Distinct citizens',
    previous: 'Previous week',
    previous3: 'Previous 3 weeks',
    change: 'Change',
    thisWeek: 'This week',
    byTopic: 'By topic',
    byChannel: 'By channel',
    bySentiment: 'By sentiment',
    byLang: 'By language',
    daily: 'Messages per day',
    rising: 'Top rising topics',
    emerging: 'Emerging terms',
    term: 'Term',
    topic: 'Topic',
    messages: 'Messages',
    alerts: 'Spike alerts this week',
    noAlerts: 'No alerts this week.',
    window: 'Window',
    observed: 'Observed',
    expected: 'Expected',
    score: 'Score',
    release: 'Release / incident',
    releases: 'Releases and incidents',
    nearRelease: 'began near “{label}”',
    quotes: 'Representative quotes',
    similar: '{n} similar messages',
    quotesWithheld: 'Citizens’ quotes are shown to analysts and administrators only.',
    distinct: '{d} distinct complaints among {n} messages examined',
    corrections: 'Analysts’ label corrections',
    noCorrections: 'No corrections this week.',
    from: 'Old label',
    to: 'New label',
    count: 'Count',
    method: 'Method',
    models: 'Model version(s)',
    suppressed: 'Groups with fewer than {k} citizens are shown as “< {k}” to protect privacy.',
    none: 'None',
    generated: 'Generated',
    negative: 'Negative',
    neutral: 'Neutral',
    positive: 'Positive',
  },
} as const;

export type TextKey = keyof (typeof TEXT)['vi'];

export function t(lang: ReportLang, key: TextKey, vars: Record<string, string | number> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', facebook: 'Facebook', zalo: 'Zalo' };

export function topicLabel(lang: ReportLang, id: string): string {
  return isTopicId(id) ? TOPIC_NAMES[id][lang] : id;
}

export function dimensionLabel(
  lang: ReportLang,
  dim: 'topic' | 'channel' | 'sentiment' | 'lang',
  key: string,
) {
  switch (dim) {
    case 'topic':
      return topicLabel(lang, key);
    case 'channel':
      return CHANNEL_NAMES[key] ?? key;
    case 'sentiment':
      return key === 'negative' || key === 'neutral' || key === 'positive' ? t(lang, key) : key;
    case 'lang':
      return LANG_NAMES[key]?.[lang] ?? key;
  }
}

/** Locale-independent number formatting (same bytes on every machine): 1.234 / 1,234. */
export function formatInt(lang: ReportLang, n: number): string {
  const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return n < 0 ? `-${s}` : s;
}

export function formatDecimal(lang: ReportLang, n: number, digits = 1): string {
  const s = n.toFixed(digits);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** "+12,5%" / "−3.0%"; null (no or suppressed baseline) is shown as a dash. */
export function formatChange(lang: ReportLang, pct: number | null): string {
  if (pct === null) return '–';
  return `${pct > 0 ? '+' : ''}${formatDecimal(lang, pct)}%`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** dd/mm/yyyy in `tz`. */
export function formatDate(ms: number, tz: string): string {
  const d = new Date(ms + tzOffsetMs(ms, tz));
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** dd/mm HH:mm in `tz`. */
export function formatDateTime(ms: number, tz: string): string {
  const d = new Date(ms + tzOffsetMs(ms, tz));
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
