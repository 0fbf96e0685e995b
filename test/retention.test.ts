/**
 * What is kept, and for how long: a processed inbox row keeps no raw text or platform id, the one
 * platform address lives in contact_addresses, Telegram message ids carry no chat id, and the daily
 * retention job deletes old messages (with their search rows) but keeps the anonymous roll-ups.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { createPseudonymiser } from '../bots/shared/pseudonym.ts';
import { getContactAddresses } from '../db/contact-addresses.ts';
import { applyRetention } from '../db/retention.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

const CHAT = 8_812_345;
const DAY = 86_400_000;

describe.each(DIALECTS)('retention on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime;
  const hash = createPseudonymiser(TEST_SECRETS.PSEUDONYM_SECRET)('telegram', String(CHAT));

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

  it('keeps no raw text or platform id once processed; edits still find their message', async () => {
    const first = telegramTextUpdate('Tôi quên mật khẩu VNeID, số CCCD 001203004567, gọi 0912345678', {
      chatId: CHAT,
    });
    expect((await postTelegram(rt, first)).statusCode).toBe(200);
    await waitFor(() => tg.sent().length === 1, 15_000, 'acknowledgement');
    const edit = {
      update_id: first.update_id + 1,
      edited_message: {
        ...first.message,
        edit_date: first.message.date + 5,
        text: 'Tôi quên mật khẩu VNeID',
      },
    };
    expect((await postTelegram(rt, edit)).statusCode).toBe(200);
    const message = await waitFor(
      () =>
        t.db.kysely.selectFrom('messages').selectAll().where('edited_at', 'is not', null).executeTakeFirst(),
      15_000,
      'edited message',
    );
    expect(await t.db.kysely.selectFrom('messages').select('id').execute()).toHaveLength(1);
    expect(message.platform_message_id).not.toContain(String(CHAT));
    expect(message.platform_message_id).toBe(`${hash}:${first.message.message_id}`);

    const inbox = await t.db.kysely.selectFrom('inbox').selectAll().execute();
    expect(inbox).toHaveLength(2);
    for (const row of inbox) {
      expect(row.status).toBe('done');
      expect(row.payload).toBe('{}');
      for (const needle of [String(CHAT), '001203004567', '0912345678', 'mật khẩu']) {
        expect(JSON.stringify(row)).not.toContain(needle);
      }
    }
    // The one place that keeps where to answer.
    expect(await getContactAddresses(t.db, 'telegram', [hash])).toEqual([
      {
        channel: 'telegram',
        authorHash: hash,
        address: { chatId: String(CHAT) },
        updatedAt: edit.edited_message.edit_date * 1000,
      },
    ]);
  });

  it('deletes old messages and their search rows, keeps roll-ups, prunes addresses on their own clock', async () => {
    const rollups = async () =>
      (await t.db.kysely.selectFrom('rollups_hourly').select('count').execute()).reduce(
        (a, r) => a + r.count,
        0,
      );
    const before = await rollups();
    expect(before).toBe(1);
    const count = async (table: 'messages' | 'contact_addresses' | 'contacts' | 'inbox') =>
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db.kysely)).rows[0]
        ?.n;
    const searchRows = async () =>
      dialect === 'sqlite'
        ? Number(
            (
              await sql<{
                n: number;
              }>`select count(*) as n from messages_fts where messages_fts match 'mat'`.execute(t.db.kysely)
            ).rows[0]?.n,
          )
        : 0;
    if (dialect === 'sqlite') expect(await searchRows()).toBe(1);

    // 40 days on: addresses (30 days) and delivery keys (30 days) go, messages (365 days) stay.
    const policy = { retentionDays: 365, addressRetentionDays: 30 };
    let counts = await applyRetention(t.db, policy, Date.now() + 40 * DAY);
    expect(counts).toMatchObject({ addresses: 1, messages: 0, inbox: 2 });
    expect(Number(await count('inbox'))).toBe(0);
    expect(Number(await count('contact_addresses'))).toBe(0);
    expect(Number(await count('messages'))).toBe(1);
    // A year and a day on: the message, its search row and the contact go.
    counts = await applyRetention(t.db, policy, Date.now() + 366 * DAY);
    expect(counts).toMatchObject({ messages: 1, contacts: 1 });
    expect(Number(await count('messages'))).toBe(0);
    expect(Number(await count('contacts'))).toBe(0);
    expect(await searchRows()).toBe(0);
    expect(await rollups()).toBe(before);
  });
});
