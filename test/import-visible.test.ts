/**
 * History written by another process shows on the Overview within seconds: a dashboard serves (and
 * has cached) past days, `cli import` runs as a separate process on the same database, and the next
 * requests see the imported messages, on SQLite and PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import type { OverviewResponse } from '../dashboard/server/api-types.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { createUser } from '../db/users.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { TEST_SECRETS } from './helpers/harness.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';
const localDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('import then Overview on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let cookie = '';
  const now = Date.now();
  const from = localDate(now - 12 * DAY);
  const to = localDate(now - 5 * DAY);
  const overview = async (): Promise<OverviewResponse> =>
    (
      await app.inject({ method: 'GET', url: `/api/overview?from=${from}&to=${to}`, headers: { cookie } })
    ).json();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedMessages(
      t.db,
      Array.from({ length: 20 }, (_, i) => ({
        receivedAt: now - 8 * DAY + i * 60_000,
        channel: 'telegram',
        topic: 'login',
        sentiment: 'negative',
        lang: 'vi',
        author: `a${i}`,
        text: 'Không đăng nhập được',
      })),
    );
    app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({ SUPPRESSION_K: '5' }),
      db: t.db,
      now: Date.now,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    await app.ready();
    await createUser(t.db, { email: 'viewer@example.vn', role: 'viewer', password: PASSWORD }, now);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'viewer@example.vn', password: PASSWORD },
    });
    cookie = `vneid_session=${res.cookies.find((c) => c.name === 'vneid_session')?.value}`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('shows what another process imported into cached past days within seconds', async () => {
    expect((await overview()).volume).toBe(20); // read, and the past days now cached
    const dir = mkdtempSync(join(tmpdir(), 'vneid-visible-'));
    const file = join(dir, 'history.jsonl');
    const at = new Date(now - 7 * DAY).toISOString();
    writeFileSync(
      file,
      Array.from({ length: 7 }, (_, i) =>
        JSON.stringify({
          text: `Không nhận được mã OTP lần ${i}`,
          channel: 'zalo',
          received_at: at,
          author: `imp${i}`,
        }),
      ).join('\n'),
    );
    const child = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['app/cli.ts', 'import', '--file', file],
      {
        cwd: ROOT,
        env: { ...process.env, ...TEST_SECRETS, DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
      },
    );
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ imported: 7 });
    expect(child.stderr).toMatch(/imported 7 messages .* \(zalo 7\)/);
    const done = Date.now();
    await expect.poll(async () => (await overview()).volume, { timeout: 5_000, interval: 200 }).toBe(27);
    expect(Date.now() - done).toBeLessThan(5_000);
  }, 60_000);
});
