import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

const N = 1000;
const SAMPLES = [
  'Không nhận được mã OTP',
  'app bi treo khi mo',
  'cannot log in, passcode wrong',
  'Tích hợp bằng lái xe không được',
  'Cảm ơn, ứng dụng rất tiện',
];

function spawnWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: 'ignore',
  });
}

describe.each(DIALECTS)('a worker killed with SIGKILL mid-batch on %s', (dialect) => {
  let t: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // This process only takes webhooks; the workers run in a child process we can kill.
    rt = await startRuntime({ DATABASE_URL: t.url }, { workers: false });
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await t.destroy();
  });

  it('loses nothing and processes every event exactly once after a restart', async () => {
    for (let i = 0; i < N; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          postTelegram(
            rt,
            telegramTextUpdate(`${SAMPLES[(i + j) % SAMPLES.length]} #${i + j}`, {
              updateId: 9_000_000 + i + j,
              chatId: 10_000 + ((i + j) % 97),
            }),
          ),
        ),
      );
    }
    await rt.intake.drain();
    const inboxIds = (await t.db.kysely.selectFrom('inbox').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    expect(inboxIds).toHaveLength(N);

    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: rt.config.REDIS_URL,
      QUEUE_PREFIX: rt.queues.prefix,
      PSEUDONYM_SECRET: TEST_SECRETS.PSEUDONYM_SECRET,
      SESSION_SECRET: TEST_SECRETS.SESSION_SECRET,
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'error',
    };
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const first = spawnWorker(env);
    await waitFor(async () => (await count()) >= 150, 90_000, 'the first worker to get going');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await count();
    expect(atKill).toBeLessThan(N); // killed mid-batch

    const second = spawnWorker(env);
    try {
      await waitFor(async () => (await count()) === N, 120_000, 'all events processed after restart');
      await waitFor(
        async () =>
          (await t.db.kysely.selectFrom('inbox').select('id').where('status', '!=', 'done').execute())
            .length === 0,
        30_000,
        'every inbox row done',
      );
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    const messages = await t.db.kysely
      .selectFrom('messages')
      .select('inbox_id')
      .orderBy('inbox_id')
      .execute();
    expect(messages.map((m) => m.inbox_id)).toEqual(inboxIds);
    const rollups = await t.db.kysely.selectFrom('rollups_hourly').select('count').execute();
    expect(rollups.reduce((a, r) => a + r.count, 0)).toBe(N);
    const replies = await t.db.kysely.selectFrom('replies').select('in_reply_to').execute();
    expect(new Set(replies.map((r) => r.in_reply_to)).size).toBe(N);
    expect(replies).toHaveLength(N);
  }, 300_000);
});
