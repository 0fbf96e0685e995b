/**
 * `npm run bench:report`: the weekly report over a week of 200,000 messages with 1,000,000 stored
 * (five weeks in SQLite), all three formats; and spike scoring over 90 days × 12 topics × 3 channels.
 * Last line: {"report_s","spikes_s"} (targets: < 5 s and < 1 s).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { CHANNELS } from '../bots/shared/events.ts';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { fold } from '../workers/analysis/normalise.ts';
import { mulberry32 } from '../workers/analysis/prng.ts';
import { TOPIC_IDS } from '../workers/analysis/taxonomy.ts';
import { decideIncident, scoreHours } from '../workers/analysis/trends/spikes.ts';
import { assembleWeeklyReport, renderCsv, renderHtml, renderPdf } from '../workers/reports/generate.ts';
import { dayStart, weekBounds } from '../workers/reports/iso-week.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const WEEK = '2026-W47';
// `--scale 0.1` for a quick trial run; the figures to record are at scale 1.
const scaleAt = process.argv.indexOf('--scale');
const SCALE = scaleAt > 0 ? Number(process.argv[scaleAt + 1]) : 1;
const PER_WEEK = Math.round(200_000 * SCALE);
const WEEKS = 5;
const H = 3_600_000;
const PHRASES: Record<string, string[]> = {
  login: [
    'Không đăng nhập được VNeID',
    'Báo sai mật khẩu dù nhập đúng',
    'Tài khoản bị khóa sau khi nhập sai',
  ],
  otp: ['Không nhận được mã OTP', 'Mã OTP về chậm, hết hạn rồi', 'OTP gửi về số cũ'],
  activation: ['Hồ sơ kích hoạt mức 2 chờ duyệt lâu quá', 'Đăng ký tài khoản bị từ chối'],
  consent: ['Ngân hàng xin chia sẻ dữ liệu, có an toàn không', 'Làm sao rút lại đồng ý chia sẻ'],
  integration: ['Tích hợp giấy phép lái xe không hiện', 'Thẻ bảo hiểm y tế không cập nhật'],
  privacy: ['Có cuộc gọi giả danh công an đòi mã VNeID', 'Sợ lộ thông tin cá nhân'],
  foreigner: ['Người nước ngoài đăng ký thế nào', 'Thẻ tạm trú không quét được'],
  face_nfc: ['Quét NFC căn cước mãi không được', 'Xác thực khuôn mặt thất bại'],
  app_bug: ['Ứng dụng bị treo khi mở', 'App văng ra khi chụp ảnh', 'Lỗi sau khi cập nhật 2.1.5'],
  public_service: ['Nộp hồ sơ đăng ký tạm trú bị lỗi', 'Thanh toán lệ phí không được'],
  praise: ['Ứng dụng rất tiện, cảm ơn', 'Cảm ơn đội ngũ hỗ trợ nhanh'],
  other: ['Cho hỏi giờ làm việc', 'Alo'],
};
const SUFFIX = [
  '',
  ' ạ',
  ' giúp em với',
  ', từ sáng đến giờ',
  ' mấy hôm nay rồi',
  '!!!',
  ' ad ơi',
  ' (đã thử cài lại)',
];
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

async function seed(file: string): Promise<number> {
  const started = performance.now();
  const db = await createDb(`sqlite:${file}`);
  await migrateToLatest(db);
  await db.close();
  const raw = new SqliteDatabase(file);
  // A throw-away file: no journal, a big cache, one transaction.
  raw.pragma('journal_mode = DELETE');
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('locking_mode = EXCLUSIVE');
  raw.pragma('cache_size = -262144');
  raw.pragma('temp_store = MEMORY');
  const variants = TOPIC_IDS.flatMap((topic) =>
    (PHRASES[topic] ?? []).flatMap((p) => SUFFIX.map((s) => ({ topic, text: p + s, folded: fold(p + s) }))),
  );
  const insert = raw.prepare(
    `insert into messages (inbox_id, channel, platform_message_id, author_hash, received_at, content_kind, text_redacted,
      text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score, model_version, ref_code, status,
      edited_at, created_at, updated_at) values (?, ?, ?, ?, ?, 'text', ?, ?, 'vi', ?, 0.9, '[]', ?, 0.8, 'bench-1', ?, 'active', null, ?, ?)`,
  );
  const rollup = raw.prepare(
    'insert into rollups_hourly (hour_ts, channel, topic, sentiment, lang, count) values (?, ?, ?, ?, ?, ?)',
  );
  const authorDay = raw.prepare(
    'insert into author_days (day_ts, channel, topic, sentiment, lang, author_hash) values (?, ?, ?, ?, ?, ?)',
  );
  const rand = mulberry32(2026);
  const end = weekBounds(WEEK, TZ).end;
  const start = end - WEEKS * 7 * 24 * H;
  const total = PER_WEEK * WEEKS;
  const counts = new Map<string, number>();
  const authorDays = new Set<string>();
  raw.transaction(() => {
    for (let i = 0; i < total; i++) {
      const v = variants[Math.floor(rand() * variants.length)] ?? variants[0];
      if (!v) continue;
      const at = start + Math.floor((i / total) * (end - start)) + Math.floor(rand() * 60_000);
      const channel = CHANNELS[Math.floor(rand() * 3)] ?? 'telegram';
      const sentiment = SENTIMENTS[Math.floor(rand() * 3)] ?? 'neutral';
      const author = `a${Math.floor(rand() * 150_000)}`;
      const n = String(i).padStart(8, '0'); // ordered keys: appends to the unique indexes
      insert.run(i + 1, channel, `m${n}`, author, at, v.text, v.folded, v.topic, sentiment, `R${n}`, at, at);
      const hour = Math.floor(at / H) * H;
      const key = `${hour}|${channel}|${v.topic}|${sentiment}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      authorDays.add(`${dayStart(at, TZ)}|${channel}|${v.topic}|${sentiment}|${author}`);
    }
    // In primary-key order: appends instead of random B-tree inserts.
    for (const key of [...authorDays].sort()) {
      const [day, channel, topic, sentiment, author] = key.split('|');
      authorDay.run(Number(day), channel, topic, sentiment, 'vi', author);
    }
    for (const [key, n] of counts) {
      const [hour, channel, topic, sentiment] = key.split('|');
      rollup.run(Number(hour), channel, topic, sentiment, 'vi', n);
    }
  })();
  raw.close();
  return performance.now() - started;
}

function benchSpikes(): { seconds: number; series: number; hours: number } {
  const rand = mulberry32(7);
  const hours = 90 * 24;
  const series = TOPIC_IDS.length * CHANNELS.length;
  const data = Array.from({ length: series }, () =>
    Float64Array.from({ length: hours }, (_, i) =>
      Math.round(20 * (0.3 + Math.abs(Math.sin((i % 24) / 7.6))) * (0.8 + 0.4 * rand())),
    ),
  );
  const started = performance.now();
  let incidents = 0;
  for (const counts of data) {
    const scored = scoreHours({ startTs: 0, counts }, 0);
    // Replaying the incident logic hour by hour, as 90 days of scheduled runs would.
    let active: ReturnType<typeof decideIncident> = { action: 'none' };
    for (let h = 24 * 7; h < hours; h++) {
      const window = scored.slice(Math.max(0, h - 6), h + 1);
      const cur = active.action === 'open' || active.action === 'extend' ? active.incident : undefined;
      const d = decideIncident(cur, window, (h + 1) * H, 0);
      if (d.action === 'open') incidents++;
      active = d.action === 'close' ? { action: 'none' } : d.action === 'none' ? active : d;
    }
  }
  return { seconds: (performance.now() - started) / 1000, series, hours: hours + incidents * 0 };
}

async function main() {
  // `--db <file>` keeps the seeded database for repeated runs (seeded when the file is absent).
  const dbAt = process.argv.indexOf('--db');
  const kept = dbAt > 0 ? process.argv[dbAt + 1] : undefined;
  const dir = kept ? undefined : mkdtempSync(join(tmpdir(), 'vneid-report-bench-'));
  try {
    const file = kept ?? join(dir ?? '.', 'bench.db');
    if (!existsSync(file)) {
      const seedMs = await seed(file);
      console.log(`seeded ${PER_WEEK * WEEKS} messages (${PER_WEEK} in ${WEEK}) in ${seconds(seedMs)} s`);
    }
    const db = await createDb(`sqlite:${file}`);
    // CPU time next to wall time: on a shared, overloaded machine the wall clock mostly measures waiting.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const data = await assembleWeeklyReport({ db, week: WEEK, lang: 'vi', k: 5, tz: TZ, now: Date.now() });
    const t1 = performance.now();
    const html = renderHtml(data);
    const t2 = performance.now();
    const pdf = await renderPdf(data);
    const t3 = performance.now();
    const csv = renderCsv(data);
    const t4 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    await db.close();
    const reportS = seconds(t4 - t0);
    console.log(`report data (queries, terms, near-duplicates): ${seconds(t1 - t0)} s`);
    console.log(
      `  HTML ${seconds(t2 - t1)} s (${html.length} chars), PDF ${seconds(t3 - t2)} s (${pdf.length} bytes), CSV ${seconds(t4 - t3)} s (${csv.length} chars)`,
    );
    console.log(
      `  total messages ${data.total.current}, emerging terms in ${data.emerging.length} topics, quotes for ${data.quotes.length} topics`,
    );
    console.log(
      `weekly report, all three formats: ${reportS} s wall, ${seconds((cpu.user + cpu.system) / 1000)} s CPU (target < 5 s)`,
    );
    const spikeCpu0 = process.cpuUsage();
    const spikes = benchSpikes();
    const spikeCpu = process.cpuUsage(spikeCpu0);
    const spikesS = Math.round(spikes.seconds * 1000) / 1000;
    console.log(
      `spike scoring: ${spikes.series} series × ${spikes.hours} hours in ${spikesS} s wall, ${seconds((spikeCpu.user + spikeCpu.system) / 1000)} s CPU (target < 1 s)`,
    );
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log(JSON.stringify({ report_s: reportS, spikes_s: spikesS }));
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
