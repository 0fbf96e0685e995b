/**
 * A database's lifetime can end while Redis lives on: a fresh database (reset) or a restored backup
 * on a Redis that still holds the queue prefix's completed jobs. The first messages and replies of the
 * new lifetime must still go out promptly, and no reference code is ever issued twice.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import type { Db } from '../db/database.ts';
import { replyQueueName } from '../workers/jobs.ts';
import { replyJobId } from '../workers/queues.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

/** A copy of every row (and, on PostgreSQL, every sequence) that can be put back: a backup. */
interface Snapshot {
  restore(): Promise<void>;
}

async function snapshotPostgres(db: Db): Promise<Snapshot> {
  // This schema's tables only (introspection reads every schema, which other test files drop at will).
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely)
  ).rows.map((t) => t.name);
  const rows = new Map<string, Array<Record<string, unknown>>>();
  for (const table of tables) {
    rows.set(
      table,
      (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely)).rows,
    );
  }
  const seqs = (
    await sql<{ name: string; value: number | null }>`select sequencename as name, last_value as value
      from pg_sequences where schemaname = current_schema()`.execute(db.kysely)
  ).rows;
  return {
    async restore() {
      await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db.kysely);
      for (const [table, list] of rows) {
        for (const row of list) {
          const cols = Object.keys(row);
          await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.id(c)))})
            values (${sql.join(cols.map((c) => row[c]))})`.execute(db.kysely);
        }
      }
      for (const s of seqs) {
        if (s.value !== null) await sql`select setval(${s.name}, ${s.value})`.execute(db.kysely);
        else await sql`alter sequence ${sql.id(s.name)} restart`.execute(db.kysely);
      }
    },
  };
}

const codesIn = (tg: FakeTelegram) =>
  tg.sent().flatMap((c) => String(c.body['text']).match(/GY-[0-9A-Z-]+/g) ?? []);

describe.each(DIALECTS)('a new database lifetime on a warm Redis, on %s', (dialect) => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const cleanup: Array<() => Promise<void>> = [];
  let tg: FakeTelegram;
  let chat = 91_000;

  beforeAll(async () => {
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    cleanup.push(() => tg.stop());
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    const { Redis } = await import('ioredis');
    const r = new Redis('redis://127.0.0.1:6379');
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  });

  const start = async (url: string) => {
    // The sweeper is slowed right down: what is tested is that nothing needs it.
    const rt = await startRuntime(
      { DATABASE_URL: url, TELEGRAM_API_ROOT: tg.url },
      { queuePrefix: prefix, sweepEveryMs: 120_000 },
    );
    return rt;
  };
  const converse = async (rt: Runtime, n: number) => {
    for (let i = 0; i < n; i++) {
      const chatId = chat++;
      const res = await postTelegram(
        rt,
        telegramTextUpdate(`Mình không đăng nhập được, lần ${chatId}`, { chatId }),
      );
      expect(res.statusCode).toBe(200);
      await waitFor(
        () => tg.sent().some((c) => String(c.body['chat_id']) === String(chatId)),
        8000,
        `reply to chat ${chatId}`,
      );
      // Recorded as sent before a backup is taken (a backup taken in between would rightly send again).
      await waitFor(
        async () =>
          !(await rt.db.kysely
            .selectFrom('replies')
            .select('id')
            .where('status', '=', 'pending')
            .executeTakeFirst()),
        5000,
        'reply recorded as sent',
      );
    }
  };

  it('delivers the first messages and replies of a restored backup and of a fresh database', async () => {
    let url: string;
    let restore: () => Promise<void>;
    let testDb: TestDatabase | undefined;
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'vneid-life-'));
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'feedback.db');
      url = `sqlite:${file}`;
      restore = async () => {
        for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        copyFileSync(join(dir, 'backup.db'), file);
      };
    } else {
      testDb = await createTestDatabase('postgres');
      cleanup.push(() => (testDb as TestDatabase).destroy());
      url = testDb.url;
      restore = async () => {};
    }

    // First lifetime: some conversation, a backup, more conversation.
    const first = await start(url);
    await converse(first, 2);
    let snapshot: Snapshot | undefined;
    if (dialect === 'sqlite') {
      const backup = join(url.slice('sqlite:'.length), '..', 'backup.db');
      await sql`vacuum into ${backup}`.execute(first.db.kysely);
    } else {
      snapshot = await snapshotPostgres((testDb as TestDatabase).db);
    }
    await converse(first, 3);
    await first.close();

    // The backup is restored; Redis still knows every job of the lost lifetime.
    if (snapshot) restore = () => (snapshot as Snapshot).restore();
    await restore();
    const restored = await start(url);
    await converse(restored, 3);
    await restored.close();

    // A fresh, empty database on the same Redis and prefix.
    const fresh = await createTestDatabase(dialect);
    cleanup.push(() => fresh.destroy());
    const again = await start(fresh.url);
    await converse(again, 2);
    await again.close();

    const codes = codesIn(tg);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gets a stuck reply sent even when Redis holds an ended job under its id', async () => {
    const t = await createTestDatabase(dialect);
    cleanup.push(() => t.destroy());
    const row = await t.db.kysely
      .insertInto('replies')
      .values({
        channel: 'telegram',
        in_reply_to: 'stuck-1',
        purpose: 'ack',
        author_hash: null,
        target: JSON.stringify({ chatId: '93001' }),
        text: 'Cảm ơn bạn đã góp ý',
        status: 'pending',
        error: null,
        created_at: Date.now() - 60_000,
        sent_at: null,
        job_key: 'feedfacecafe0001',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The row's jobs ended without sending it (e.g. a worker died between the job and the row).
    const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(replyQueueName('telegram'), { connection, prefix });
    const ids = [replyJobId({ id: row.id, key: null }), replyJobId({ id: row.id, key: 'feedfacecafe0001' })];
    for (const jobId of ids) {
      await (await queue.getJob(jobId))?.remove();
      await queue.add('send-reply', { replyId: row.id }, { jobId, removeOnComplete: false });
    }
    const worker = new Worker(replyQueueName('telegram'), async () => 'lost', { connection, prefix });
    const ended = async () => {
      for (const id of ids) if ((await queue.getJobState(id)) !== 'completed') return false;
      return true;
    };
    await waitFor(ended, 5000, 'ended jobs');
    await worker.close();
    await queue.close();
    connection.disconnect();

    const rt = await startRuntime(
      { DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url },
      { queuePrefix: prefix, sweepEveryMs: 1000 },
    );
    await waitFor(
      () => tg.sent().some((c) => String(c.body['chat_id']) === '93001'),
      8000,
      'stuck reply sent',
    );
    await rt.close();
  });
});
