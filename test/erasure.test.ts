import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { createPseudonymiser } from '../bots/shared/pseudonym.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

const CITIZEN = 55_501;
const OTHER = 55_502;

describe.each(DIALECTS)('the citizen conversation on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url });
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await tg.stop();
    await t.destroy();
  });

  const say = async (chatId: number, text: string, lang = 'vi') => {
    const res = await postTelegram(rt, telegramTextUpdate(text, { chatId, lang }));
    expect(res.statusCode).toBe(200);
  };
  const repliesTo = (chatId: number) => tg.sent().filter((c) => String(c.body['chat_id']) === String(chatId));

  it('sends the first-contact notice once, in the citizen language, then only acknowledgements', async () => {
    await say(OTHER, 'I cannot register my passport in the app, I am a foreigner living in Hanoi', 'en');
    await waitFor(() => repliesTo(OTHER).length === 1, 15_000, 'English reply');
    expect(String(repliesTo(OTHER)[0]!.body['text'])).toContain('delete my data');

    await say(CITIZEN, 'Mình không nhận được mã OTP, số 0987.654.321');
    await waitFor(() => repliesTo(CITIZEN).length === 1, 15_000, 'first reply');
    await new Promise((r) => setTimeout(r, 1100)); // one message a second per chat
    await say(CITIZEN, 'App bị văng khi mở, email tôi là lan.nguyen@example.com');
    await waitFor(() => repliesTo(CITIZEN).length === 2, 15_000, 'second reply');
    const [first, second] = repliesTo(CITIZEN).map((c) => String(c.body['text']));
    expect(first).toContain('xóa dữ liệu');
    expect(first).toMatch(/GY-[0-9A-Z]{4}-[0-9A-Z]{2}/);
    expect(second).not.toContain('xóa dữ liệu');
    expect(second).toMatch(/GY-[0-9A-Z]{4}-[0-9A-Z]{2}/);
    const contact = await t.db.kysely.selectFrom('contacts').selectAll().execute();
    expect(contact.filter((c) => c.notice_sent_at !== null)).toHaveLength(2);
  });

  it('erases every trace of a citizen on request, keeps anonymous counts, and confirms', async () => {
    const before = await t.db.kysely.selectFrom('rollups_hourly').select('count').execute();
    const total = before.reduce((a, r) => a + r.count, 0);
    await new Promise((r) => setTimeout(r, 1100));
    await say(CITIZEN, 'xóa dữ liệu');
    await waitFor(() => repliesTo(CITIZEN).length === 3, 15_000, 'erasure confirmation');
    expect(String(repliesTo(CITIZEN)[2]!.body['text'])).toContain('đã xóa');
    await waitFor(
      () =>
        t.db.kysely
          .selectFrom('replies')
          .select('id')
          .where('status', '=', 'pending')
          .executeTakeFirst()
          .then((r) => !r),
      5000,
      'outbox settled',
    );

    const hash = createPseudonymiser(TEST_SECRETS.PSEUDONYM_SECRET)('telegram', String(CITIZEN));
    // The phone number as written and with its digits run together: a bare '0987' can occur by chance
    // inside a millisecond timestamp or a keyed hash (a tombstone), which name no one.
    const needles = [hash, String(CITIZEN), '0987.654', '0987654', 'lan.nguyen', 'văng khi mở', 'OTP'];
    const tables = (await t.db.kysely.introspection.getTables()).filter(
      (tb) => !tb.name.startsWith('kysely_'),
    );
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
        t.db.kysely,
      );
      for (const row of rows.rows) {
        const text = JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
        for (const needle of needles) {
          expect(text.includes(needle), `${table.name} still holds ${needle}: ${text.slice(0, 200)}`).toBe(
            false,
          );
        }
      }
    }
    // The other citizen is untouched; anonymous counts stay.
    expect(await t.db.kysely.selectFrom('messages').select('id').execute()).toHaveLength(1);
    const after = await t.db.kysely.selectFrom('rollups_hourly').select('count').execute();
    expect(after.reduce((a, r) => a + r.count, 0)).toBe(total);
  });

  it('treats a citizen who writes again after erasure as a new contact', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    await say(CITIZEN, 'Cho hỏi cách thu hồi đồng ý chia sẻ dữ liệu với ngân hàng?');
    await waitFor(() => repliesTo(CITIZEN).length === 4, 15_000, 'reply after erasure');
    expect(String(repliesTo(CITIZEN)[3]!.body['text'])).toContain('xóa dữ liệu');
  });
});
