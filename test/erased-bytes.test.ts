/**
 * Erased and processed raw text leaves the disk: no byte of an erased citizen's password or e-mail
 * stays in the SQLite file or its WAL, and the raw text of a processed message is gone from both
 * within a sweep; on PostgreSQL the erasure is followed by a VACUUM of the tables it deleted from.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

const ERASED = 77_701;
const KEPT = 77_702;
const SECRETS = ['Hoa.Mat-Khau#2024', 'hoa.tran.erased@example.vn'];
const PROCESSED = 'Lan.Other-Pass#9911';

describe.each(DIALECTS)('erased bytes on %s', (dialect) => {
  let dir: string | undefined;
  let t: TestDatabase | undefined;
  let tg: FakeTelegram;
  let rt: Runtime;
  let file = '';

  beforeAll(async () => {
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    let url: string;
    if (dialect === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'vneid-bytes-'));
      file = join(dir, 'feedback.db');
      url = `sqlite:${file}`;
    } else {
      t = await createTestDatabase('postgres');
      url = t.url;
    }
    rt = await startRuntime({ DATABASE_URL: url, TELEGRAM_API_ROOT: tg.url });
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await tg.stop();
    await t?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const say = async (chatId: number, text: string) =>
    expect((await postTelegram(rt, telegramTextUpdate(text, { chatId }))).statusCode).toBe(200);
  const repliesTo = (chatId: number) => tg.sent().filter((c) => String(c.body['chat_id']) === String(chatId));
  const onDisk = (needle: string) =>
    [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(needle, 'utf8')));

  it('leaves none of an erased citizen, nor raw text once processed, in the file or the WAL', async () => {
    await say(ERASED, `Mật khẩu của tôi là ${SECRETS[0]}, email ${SECRETS[1]}, không đăng nhập được`);
    await say(KEPT, `Tôi lỡ gửi mật khẩu ${PROCESSED} trong tin nhắn, ứng dụng vẫn báo lỗi`);
    await waitFor(() => repliesTo(ERASED).length === 1 && repliesTo(KEPT).length === 1, 15_000, 'replies');
    if (dialect === 'sqlite') {
      // Processed: the raw text is gone from disk once a sweep has run (every second in tests).
      await waitFor(() => !onDisk(PROCESSED), 10_000, 'processed raw text off the disk');
    }
    await new Promise((r) => setTimeout(r, 1100)); // one message a second per chat
    await say(ERASED, 'xóa dữ liệu');
    await waitFor(() => repliesTo(ERASED).length === 2, 15_000, 'erasure confirmation');
    if (dialect === 'sqlite') {
      for (const s of SECRETS) expect(onDisk(s), `${s} still on disk`).toBe(false);
      // A `.backup` taken after the erasure (page by page, free pages included) has none of it either.
      const backup = join(dir as string, 'after.db');
      const conn = new SqliteDatabase(file);
      await conn.backup(backup);
      conn.close();
      const copy = readFileSync(backup);
      for (const s of SECRETS) expect(copy.includes(Buffer.from(s, 'utf8'))).toBe(false);
    } else {
      const vacuumed = async () =>
        (
          await sql<{ relname: string }>`select relname from pg_stat_user_tables
            where schemaname = current_schema() and last_vacuum is not null`.execute(rt.db.kysely)
        ).rows.map((r) => r.relname);
      await waitFor(
        async () => {
          const done = await vacuumed();
          return ['inbox', 'messages', 'replies'].every((n) => done.includes(n));
        },
        10_000,
        'vacuum after erasure',
      );
    }
  });
});
