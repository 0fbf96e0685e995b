/**
 * Known incidents and word when fixed, end to end on Telegram's fake: a message about a running
 * incident is told the team knows; citizens opt in ("báo tôi") or stop ("dừng"); an admin proposes a
 * resolution note, a second admin approves, and exactly the opted-in citizens are told — once, also
 * when the approval or the send job is repeated — never the stopped or erased ones.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { loadConversationTexts } from '../bots/shared/conversation.ts';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { insertAlert } from '../db/trends.ts';
import { createUser } from '../db/users.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

const texts = loadConversationTexts();
const HOUR = 3_600_000;
const PASSWORD = 'a long admin password';
const OTP_COMPLAINT =
  'Không nhận được mã OTP khi đăng nhập VNeID, chờ mười phút vẫn không thấy tin nhắn SMS nào';

describe.each(DIALECTS)('word when an incident is fixed on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime;
  let incidentId = 0;
  const base = dialect === 'sqlite' ? 71_000 : 72_000;
  const [A, B, C, D] = [base + 1, base + 2, base + 3, base + 4];

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    const now = Date.now();
    // Alerts cover whole hours, as the spike detector raises them.
    const hour = Math.floor(now / HOUR) * HOUR;
    // Earlier OTP messages on Telegram make the incident a Telegram one.
    await seedMessages(
      t.db,
      Array.from({ length: 12 }, (_, i) => ({
        receivedAt: hour - HOUR + i * 60_000,
        channel: 'telegram',
        topic: 'otp',
        sentiment: 'negative',
        lang: 'vi',
        author: `earlier-${i}`,
        text: 'Không nhận được mã OTP',
      })),
    );
    const alert = await insertAlert(
      t.db,
      {
        scope: 'topic',
        seriesKey: 'topic:otp',
        topic: 'otp',
        channel: null,
        windowStart: hour - 2 * HOUR,
        windowEnd: hour + HOUR,
        observed: 40,
        expected: 5,
        score: 12,
        sampleMessageIds: [],
        releaseId: null,
      },
      now,
    );
    incidentId = alert.id;
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url });
    for (const email of ['admin1@example.vn', 'admin2@example.vn']) {
      await createUser(rt.db, { email, role: 'admin', password: PASSWORD }, now);
    }
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await tg.stop();
    await t.destroy();
  });

  const say = async (chatId: number, text: string) => {
    const res = await postTelegram(rt, telegramTextUpdate(text, { chatId }));
    expect(res.statusCode).toBe(200);
  };
  const repliesTo = (chatId: number) => tg.sent().filter((c) => String(c.body['chat_id']) === String(chatId));
  const nth = async (chatId: number, n: number) => {
    await waitFor(() => repliesTo(chatId).length >= n, 15_000, `reply ${n} to ${chatId}`);
    return String(repliesTo(chatId)[n - 1]?.body['text']);
  };
  const pause = () => new Promise((r) => setTimeout(r, 1100)); // one message a second per chat

  async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
    const res = await rt.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'vneid_session');
    return { cookie: `vneid_session=${cookie?.value}`, csrf: String(res.json()['csrfToken']) };
  }
  const post = (
    s: { cookie: string; csrf: string },
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    rt.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      ...(payload ? { payload } : {}),
    });

  it('tells citizens writing about a running incident that the team knows', async () => {
    for (const chat of [A, B, C, D]) await say(chat, OTP_COMPLAINT);
    for (const chat of [A, B, C, D]) {
      expect(await nth(chat, 1)).toContain(texts.updates.known.vi.replace('{topic}', 'Mã OTP'));
    }
  });

  it('takes opt-ins and stops as whole-message commands', async () => {
    await pause();
    for (const chat of [A, B, D]) await say(chat, 'báo tôi');
    const optedIn = texts.updates.optedIn.vi.replace('{topic}', 'Mã OTP');
    for (const chat of [A, B, D]) expect(await nth(chat, 2)).toBe(optedIn);
    await pause();
    await say(B, 'dừng');
    expect(await nth(B, 3)).toBe(texts.updates.stopped.vi);
    await say(D, 'xóa dữ liệu');
    expect(await nth(D, 3)).toBe(texts.erased.vi);
  });

  it('sends the fixed notice to exactly the opted-in citizens once a second admin approves, once', async () => {
    const admin1 = await signIn('admin1@example.vn');
    const admin2 = await signIn('admin2@example.vn');
    const url = `/api/incidents/${incidentId}`;
    const note = {
      noteVi: 'Lỗi gửi OTP đã được sửa trong bản 2.1.7.',
      noteEn: 'The OTP delay is fixed in 2.1.7.',
    };
    const proposed = await post(admin1, `${url}/resolution`, note);
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json()['preview']).toEqual({ sent: 1, outside_window: 0, no_address: 0, opted_out: 1 });
    expect((await post(admin1, `${url}/resolution/approve`)).json()['error']['code']).toBe(
      'second_admin_required',
    );

    const approved = await post(admin2, `${url}/resolution/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()['told']).toEqual({ sent: 1, outside_window: 0, no_address: 0, opted_out: 1 });
    const fixed = texts.updates.fixed.vi.replace('{topic}', 'Mã OTP').replace('{note}', note.noteVi);
    expect(await nth(A, 3)).toBe(fixed);
    expect((await post(admin2, `${url}/resolution/approve`)).statusCode).toBe(409);

    // A retried send job finds its outbox row already sent.
    const row = await rt.db.kysely
      .selectFrom('replies')
      .select(['id', 'job_key'])
      .where('purpose', '=', 'fixed')
      .executeTakeFirstOrThrow();
    await rt.queues.enqueueReplies([{ channel: 'telegram', id: Number(row.id), key: row.job_key }]);
    await new Promise((r) => setTimeout(r, 2000));
    const notices = (chat: number) => repliesTo(chat).filter((c) => String(c.body['text']).startsWith('✅'));
    expect(notices(A)).toHaveLength(1);
    for (const chat of [B, C, D]) expect(notices(chat)).toHaveLength(0);
    const alert = await rt.db.kysely
      .selectFrom('alerts')
      .select('status')
      .where('id', '=', incidentId)
      .executeTakeFirst();
    expect(alert?.status).toBe('closed');
  });

  it("a reference code's status says it was fixed, with the team's note", async () => {
    const code = /GY-[0-9A-Z-]+/.exec(await nth(A, 1))?.[0] ?? '∅';
    await pause();
    await say(A, code);
    const status = await nth(A, 4);
    expect(status).toContain(code);
    expect(status).toContain('Lỗi gửi OTP đã được sửa trong bản 2.1.7.');
  });
});
