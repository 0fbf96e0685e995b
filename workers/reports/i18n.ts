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
    neutral: 'Trung tính',
    positive: 'Tích cực',
    channel: 'Kênh',
    allChannels: 'Mọi kênh',
    allTopics: 'Mọi chủ đề',
    kindRelease: 'Phát hành',
    kindIncident: 'Sự cố',
    explainBreakdown:
      'Tuần này: số tin nhắn trong tuần {week}. Tuần trước: số tin nhắn trong tuần {previousWeek}. Thay đổi: chênh lệch so với tuần trước, tính theo phần trăm (“–” khi tuần trước bằng 0 hoặc bị ẩn).',
    explainRising:
      'Các chủ đề có số tin nhắn tăng nhiều nhất so với tuần trước, xếp theo số tin tăng thêm (không theo phần trăm).',
    explainEmerging:
      'Cụm từ: viết như người dân thường viết. Tuần này: số tin nhắn của chủ đề có cụm từ này trong tuần. 3 tuần trước: số tin nhắn có cụm từ này trong ba tuần trước đó.',
    explainAlerts:
      'Chủ đề, Kênh: nơi có đột biến (“Mọi kênh”, “Mọi chủ đề” khi cảnh báo theo dõi cả một chủ đề hoặc cả một kênh). Khoảng thời gian: từ giờ bất thường đầu tiên đến khi lắng xuống. Thực tế: số tin nhắn trong khoảng đó. Dự kiến: số tin nhắn mà mức nền theo mùa dự báo cho cùng khoảng. Điểm: mức bất thường, −log10 xác suất gặp số tin này khi mọi thứ bình thường (6 nghĩa là một phần triệu). Phát hành / sự cố: mốc ngay trước khi đột biến bắt đầu.',
    explainCorrections:
      'Nhãn cũ: chủ đề do mô hình gán. Nhãn mới: chủ đề chuyên viên sửa lại. Số lượng: số tin nhắn được sửa như vậy trong tuần.',
    explainDaily: 'Tổng số tin nhắn mỗi ngày (giờ {tz}); đường đứt nét đỏ là mốc phát hành hoặc sự cố.',
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
    channel: 'Channel',
    allChannels: 'All channels',
    allTopics: 'All topics',
    kindRelease: 'Release',
    kindIncident: 'Incident',
    explainBreakdown:
      'This week: messages in week {week}. Previous week: messages in week {previousWeek}. Change: difference from the previous week in percent (“–” when the previous week is zero or hidden).',
    explainRising:
      'The topics whose message count grew most since the previous week, ranked by messages added (not by percentage).',
    explainEmerging:
      'Term: as citizens most often wrote it. This week: messages of the topic containing it this week. Previous 3 weeks: messages containing it in the three weeks before.',
    explainAlerts:
      'Topic, Channel: where the spike happened (“All channels”, “All topics” when the alert watches a whole topic or a whole channel). Window: from the first unusual hour until it settled. Observed: messages in that window. Expected: what the seasonal baseline predicts for the same window. Score: how unusual, −log10 of the probability of so many messages if all were normal (6 means one in a million). Release / incident: the marker just before the spike began.',
    explainCorrections:
      'Old label: the topic the model gave. New label: the topic an analyst corrected it to. Count: messages corrected that way this week.',
    explainDaily: 'Messages per day ({tz} time); dashed red lines mark releases and incidents.',
  },
} as const;

export type TextKey = keyof (typeof TEXT)['vi'];

/** How the numbers are made, in the report's language (printed under "Method", stored with the report). */
const METHOD: Record<ReportLang, string[]> = {
  vi: [
    'Số liệu: đếm từ bảng tổng hợp theo giờ; nhóm có ít hơn k công dân khác nhau được hiển thị là “< k” và không bao giờ được trích dẫn.',
    'Đột biến: so với mức nền theo mùa (cùng giờ trong 4 tuần trước, trung bình sau khi bỏ giá trị cực đoan; chưa đủ dữ liệu thì dùng 7 ngày trước), xác suất đuôi theo phân phối nhị thức âm; bắt đầu khi p < 10⁻⁶ với ít nhất 8 tin nhắn và gấp 1,5 lần mức dự kiến, tiếp tục khi p < 0,01, kết thúc sau 3 giờ yên ắng.',
    'Cụm từ mới nổi: cụm 1–4 từ (bỏ hư từ) so với 3 tuần trước bằng điểm z của tỷ số log-odds (≥ 3, ít nhất 5 tin nhắn và ít nhất k công dân), hiển thị đúng như người dân viết.',
    'Khiếu nại khác nhau: gom các tin gần trùng nhau bằng MinHash (64 hàm băm) trên các đoạn 5 ký tự, LSH 16×4, độ tương đồng Jaccard ≥ 0,6.',
  ],
  en: [
    'Counts: hourly roll-ups; slices with fewer than k distinct citizens are shown as “< k” and never quoted.',
    'Spikes: seasonal baseline (same hour in the previous 4 weeks, trimmed mean; the previous 7 days while history is short), negative-binomial tail probability; an alert starts at p < 10⁻⁶ with at least 8 messages and 1.5× the expected count, continues at p < 0.01 and closes after 3 quiet hours.',
    'Emerging terms: 1–4 word phrases without stop-words against the previous 3 weeks, log-odds z-score ≥ 3, at least 5 messages and k citizens, shown as citizens wrote them.',
    'Distinct complaints: near-duplicate messages grouped by MinHash (64 hashes) over 5-character shingles, LSH 16×4, Jaccard ≥ 0.6.',
  ],
};

export function methodText(lang: ReportLang, k: number, tz: string): string {
  const tail = lang === 'vi' ? `k = ${k}; múi giờ ${tz}.` : `k = ${k}; time zone ${tz}.`;
  return [...METHOD[lang], tail].join(' ');
}

export function markerKindLabel(lang: ReportLang, kind: 'release' | 'incident'): string {
  return t(lang, kind === 'release' ? 'kindRelease' : 'kindIncident');
}

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
