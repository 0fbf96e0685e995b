/**
 * Synthetic history for the dashboard benchmark: N messages over D days, deterministic (seeded PRNG),
 * produced in chunks, with the rollups_hourly and author_days rows computed from the same messages so
 * every count agrees. `bench-data-sqlite.ts` and `bench-data-pg.ts` write it.
 */
import { fold } from '../../workers/analysis/normalise.ts';
import { mulberry32 } from '../../workers/analysis/prng.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const VN = 7 * HOUR;

function weighted<T extends string>(rand: () => number, table: readonly (readonly [T, number])[]): T {
  let r = rand() * table.reduce((n, [, w]) => n + w, 0);
  for (const [v, w] of table) {
    r -= w;
    if (r <= 0) return v;
  }
  return table[0]![0];
}

const TOPICS = [
  ['login', 18],
  ['otp', 14],
  ['activation', 12],
  ['face_nfc', 10],
  ['app_bug', 12],
  ['integration', 8],
  ['public_service', 7],
  ['consent', 4],
  ['privacy', 4],
  ['foreigner', 1],
  ['praise', 6],
  ['other', 4],
] as const;
const CHANNELS = [
  ['facebook', 40],
  ['zalo', 35],
  ['telegram', 25],
] as const;
const SENTIMENTS = [
  ['negative', 60],
  ['neutral', 30],
  ['positive', 10],
] as const;
const LANGS = [
  ['vi', 90],
  ['en', 8],
  ['und', 2],
] as const;

const PHRASES: Record<string, string[]> = {
  login: ['không đăng nhập được', 'sai mật khẩu', 'bị khóa tài khoản', 'quên passcode', 'ko dang nhap dc'],
  otp: ['không nhận được mã OTP', 'mã OTP hết hạn', 'tin nhắn SMS đến chậm', 'k nhan dc ma'],
  activation: ['kích hoạt tài khoản mức 2', 'hồ sơ bị từ chối', 'chờ công an duyệt'],
  face_nfc: ['xác thực khuôn mặt thất bại', 'không đọc được chip NFC', 'camera bị mờ'],
  app_bug: ['ứng dụng bị treo', 'app crash khi mở', 'cập nhật lỗi', 'màn hình trắng'],
  integration: ['tích hợp giấy phép lái xe', 'bảo hiểm y tế không hiện', 'mã số thuế sai'],
  public_service: ['nộp hồ sơ dịch vụ công', 'đăng ký tạm trú', 'thanh toán lệ phí'],
  consent: ['ngân hàng yêu cầu chia sẻ dữ liệu', 'thu hồi đồng ý'],
  privacy: ['lo lộ thông tin', 'cuộc gọi lừa đảo giả danh', 'app VNeID giả mạo'],
  foreigner: ['foreigner cannot register', 'passport not accepted'],
  praise: ['cảm ơn rất tiện lợi', 'ứng dụng tốt'],
  other: ['cho hỏi chút', 'xin chào'],
};
const FILLER = [
  'hôm nay',
  'từ sáng',
  'mấy lần rồi',
  'giúp em với',
  'trên điện thoại',
  'số [SĐT]',
  'vui lòng hỗ trợ',
  'ở Hà Nội',
  'ở TP HCM',
];

export interface GenerateOptions {
  rows: number;
  days: number;
  endMs: number;
  authors: number;
  seed?: number;
  /** First message id (and inbox id); later batches, such as an import, continue after the history. */
  firstId?: number;
  /** Prefix of the platform message ids (distinguishes an import's rows from the history's). */
  idPrefix?: string;
}

/** One generated message, in the column order the writers insert. */
export interface BenchMessage {
  id: number;
  channel: string;
  platformId: string;
  author: string;
  at: number;
  text: string;
  folded: string;
  lang: string;
  topic: string;
  topicsJson: string;
  sentiment: string;
  refCode: string;
}

export const rollupKey = (m: BenchMessage) =>
  `${Math.floor(m.at / HOUR) * HOUR}|${m.channel}|${m.topic}|${m.sentiment}|${m.lang}`;
export const authorDayKey = (m: BenchMessage) =>
  `${Math.floor((m.at + VN) / DAY) * DAY - VN}|${m.channel}|${m.topic}|${m.sentiment}|${m.lang}|${m.author}`;

/** Messages in time order, `chunk` at a time. Rising volume towards the end, as in real life. */
export function* messageChunks(o: GenerateOptions, chunk: number): Generator<BenchMessage[]> {
  const rand = mulberry32(o.seed ?? 42);
  const startMs = o.endMs - o.days * DAY;
  const times = new Float64Array(o.rows);
  for (let i = 0; i < o.rows; i++) times[i] = startMs + Math.floor(Math.sqrt(rand()) * (o.endMs - startMs));
  times.sort();
  const foldCache = new Map<string, string>();
  const firstId = o.firstId ?? 1;
  const prefix = o.idPrefix ?? 'b';
  for (let from = 0; from < o.rows; from += chunk) {
    const out: BenchMessage[] = [];
    for (let i = from; i < Math.min(from + chunk, o.rows); i++) {
      const topic = weighted(rand, TOPICS);
      const channel = weighted(rand, CHANNELS);
      const sentiment = topic === 'praise' ? 'positive' : weighted(rand, SENTIMENTS);
      const lang = topic === 'foreigner' ? 'en' : weighted(rand, LANGS);
      const author = `h${Math.floor(rand() ** 2 * o.authors).toString(36)}`;
      const phrases = PHRASES[topic] ?? ['xin chào'];
      const text = `${phrases[Math.floor(rand() * phrases.length)]} ${FILLER[Math.floor(rand() * FILLER.length)]}`;
      let folded = foldCache.get(text);
      if (folded === undefined) {
        folded = fold(text);
        foldCache.set(text, folded);
      }
      const id = firstId + i;
      out.push({
        id,
        channel,
        platformId: `${prefix}${id}`,
        author,
        at: times[i]!,
        text,
        folded,
        lang,
        topic,
        topicsJson: `[{"id":"${topic}","score":0.8}]`,
        sentiment,
        refCode: `${prefix.toUpperCase()}${id.toString(36)}`,
      });
    }
    yield out;
  }
}

/**
 * Roll-up counts and distinct author-days of the messages seen so far. Messages come in time order,
 * so author-days are handed out (and forgotten) once their day is over: memory stays one day's worth.
 */
export class Tally {
  readonly rollups = new Map<string, number>();
  private days = new Map<string, Set<string>>();

  add(m: BenchMessage): void {
    const rk = rollupKey(m);
    this.rollups.set(rk, (this.rollups.get(rk) ?? 0) + 1);
    const ak = authorDayKey(m);
    const day = ak.slice(0, ak.indexOf('|'));
    let set = this.days.get(day);
    if (!set) {
      set = new Set();
      this.days.set(day, set);
    }
    set.add(ak);
  }

  /** Author-day keys of days before the newest one seen (all of them with `all`), each once. */
  takeAuthorDays(all = false): string[] {
    const days = [...this.days.keys()].sort();
    const done = all ? days : days.slice(0, -1);
    const out: string[] = [];
    for (const d of done) {
      out.push(...(this.days.get(d) ?? []));
      this.days.delete(d);
    }
    return out;
  }
}

/** Prints progress at most every 2 s: "messages 1,200,000 / 10,000,000 (12 %), 34 s". */
export function progress(label: string, total: number): (done: number) => void {
  const started = performance.now();
  let last = 0;
  return (done) => {
    const now = performance.now();
    if (done < total && now - last < 2000) return;
    last = now;
    const pct = Math.round((100 * done) / total);
    console.log(
      `  ${label} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${pct} %), ${((now - started) / 1000).toFixed(0)} s`,
    );
  };
}
