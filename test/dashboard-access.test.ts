/**
 * What each role may read, on SQLite and PostgreSQL: search queries are audited redacted, and viewers
 * download weekly reports without citizens' quotes in every format.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { createUser } from '../db/users.ts';
import { createWeeklyReportProcessor } from '../workers/report.worker.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOW = Date.UTC(2026, 10, 25, 5, 0); // Wednesday 25 Nov 2026, 12:00 in Ho Chi Minh City
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';
const QUOTE = 'Tôi không nhận được mã OTP khi đăng nhập VNeID suốt hai ngày nay';
const PHONE = '0912345678';

describe.each(DIALECTS)('access rules on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  let reportId = 0;

  const get = (role: string, url: string): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[role] ?? '' } });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // Seven citizens wrote the same complaint on one day of 2026-W47: enough (k = 5) to be quoted.
    await seedMessages(
      t.db,
      Array.from({ length: 7 }, (_, i) => ({
        author: `otp-${i}`,
        receivedAt: NOW - 7 * DAY + i * 60_000,
        channel: 'telegram' as const,
        topic: 'otp',
        sentiment: 'negative' as const,
        lang: 'vi',
        text: QUOTE,
      })),
    );
    const run = createWeeklyReportProcessor({
      db: t.db,
      now: () => NOW,
      logger: silentLogger,
      k: 5,
      tz: 'Asia/Ho_Chi_Minh',
      notifyTeam: async () => {},
    });
    reportId = (await run({ data: { week: '2026-W47', lang: 'vi' } })).id;
    app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({}),
      db: t.db,
      now: () => NOW,
      logger: silentLogger,
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    await app.ready();
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      await createUser(t.db, { email: `${role}@example.vn`, role, password: PASSWORD }, NOW);
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `${role}@example.vn`, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      cookies[role] = `vneid_session=${res.cookies.find((c) => c.name === 'vneid_session')?.value}`;
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('stores a search for a phone number redacted, in the table and in the audit API', async () => {
    const res = await get('analyst', `/api/messages?q=${PHONE}`);
    expect(res.statusCode).toBe(200);
    const rows = await t.db.kysely.selectFrom('audit_log').selectAll().execute();
    expect(rows.some((r) => r.action === 'messages.list')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    const listed = rows.find((r) => r.action === 'messages.list');
    expect(JSON.parse(listed?.details ?? '{}').query.q).toBe('[SĐT]');
    const api = await get('admin', '/api/admin/audit?pageSize=200');
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toContain(PHONE);
    expect(api.body).toContain('[SĐT]');
  });

  it('analysts and admins get the report with quotes; viewers get it without, in every format', async () => {
    for (const role of ['analyst', 'admin']) {
      const html = await get(role, `/api/reports/${reportId}/html`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain(QUOTE);
    }
    const html = await get('viewer', `/api/reports/${reportId}/html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).not.toContain(QUOTE);
    expect(html.body).toContain('Trích dẫn tiêu biểu');
    expect(html.body).toContain('chỉ hiển thị cho chuyên viên phân tích');
    expect(html.body).toMatch(/<td>Mã OTP<\/td><td class="n">7<\/td>/); // the numbers stay
    const csv = await get('viewer', `/api/reports/${reportId}/csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('topic,otp,Mã OTP,7,');
    expect(csv.body).not.toContain(QUOTE);
    const pdf = await get('viewer', `/api/reports/${reportId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
    const text = (await parser.getText()).text.normalize('NFC').replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Mã OTP');
    expect(text).not.toContain('hai ngày nay');
    const analystPdf = await get('analyst', `/api/reports/${reportId}/pdf`);
    const p2 = new PDFParse({ data: new Uint8Array(analystPdf.rawPayload) });
    expect((await p2.getText()).text.normalize('NFC').replace(/\s+/g, ' ')).toContain('hai ngày nay');
    await p2.destroy();
  });
});
