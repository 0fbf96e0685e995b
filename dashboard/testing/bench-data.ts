/**
 * Synthetic history for the dashboard benchmark: N messages over D days written with raw
 * better-sqlite3 prepared statements in large transactions, with rollups_hourly and author_days
 * computed from the same rows so every count agrees. Deterministic (seeded PRNG).
 */
import type SqliteDatabase from 'better-sqlite3';
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
}

/** Fills an empty, migrated SQLite database. Returns rows written per table. */
export function generate(sqlite: SqliteDatabase.Database, o: GenerateOptions): Record<string, number> {
  const rand = mulberry32(o.seed ?? 42);
  const startMs = o.endMs - o.days * DAY;
  // Rising volume and a spike in the last days, as in real life.
  const insertMsg = sqlite.prepare(
    `insert into messages (inbox_id, channel, platform_message_id, author_hash, received_at, content_kind, text_redacted,
      text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score, model_version, ref_code, status,
      created_at, updated_at) values (?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, 'active', ?, ?)`,
  );
  // The FTS insert trigger costs twice the rest of the insert; rebuild the index once at the end
  // instead, then put the trigger back exactly as the migration wrote it.
  const ftsTrigger = sqlite
    .prepare(`select sql from sqlite_master where type = 'trigger' and name = 'messages_fts_ai'`)
    .pluck()
    .get();
  if (typeof ftsTrigger === 'string') sqlite.exec('drop trigger messages_fts_ai');
  const rollups = new Map<string, number>();
  const authorDays = new Set<string>();
  const foldCache = new Map<string, string>();
  const times: number[] = [];
  for (let i = 0; i < o.rows; i++) times.push(startMs + Math.floor(Math.sqrt(rand()) * (o.endMs - startMs)));
  times.sort((a, b) => a - b);
  const batch = 50_000;
  for (let from = 0; from < o.rows; from += batch) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(from + batch, o.rows); i++) {
        const at = times[i]!;
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
        const id = i + 1;
        insertMsg.run(
          id,
          channel,
          `b${id}`,
          author,
          at,
          text,
          folded,
          lang,
          topic,
          0.8,
          `[{"id":"${topic}","score":0.8}]`,
          sentiment,
          0.7,
          `B${id.toString(36)}`,
          at,
          at,
        );
        const hour = Math.floor(at / HOUR) * HOUR;
        const rk = `${hour}|${channel}|${topic}|${sentiment}|${lang}`;
        rollups.set(rk, (rollups.get(rk) ?? 0) + 1);
        const day = Math.floor((at + VN) / DAY) * DAY - VN;
        authorDays.add(`${day}|${channel}|${topic}|${sentiment}|${lang}|${author}`);
      }
    })();
  }
  const insRollup = sqlite.prepare(
    'insert into rollups_hourly (hour_ts, channel, topic, sentiment, lang, count) values (?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const [k, n] of rollups) {
      const [h, c, t, s, l] = k.split('|');
      insRollup.run(Number(h), c, t, s, l, n);
    }
  })();
  const insAuthor = sqlite.prepare(
    'insert into author_days (day_ts, channel, topic, sentiment, lang, author_hash) values (?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const k of authorDays) {
      const [d, c, t, s, l, a] = k.split('|');
      insAuthor.run(Number(d), c, t, s, l, a);
    }
  })();
  if (typeof ftsTrigger === 'string') {
    sqlite.exec(`insert into messages_fts(messages_fts) values ('rebuild')`);
    sqlite.exec(ftsTrigger);
  }
  sqlite.exec('analyze');
  return { messages: o.rows, rollups_hourly: rollups.size, author_days: authorDays.size };
}
