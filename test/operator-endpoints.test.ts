/** /metrics and /api/docs: open by default (bind with HOST), operator-only with METRICS_TOKEN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, startRuntime } from './helpers/harness.ts';

const TOKEN = 'operator-token-0123456789';

describe('operator endpoints with METRICS_TOKEN', () => {
  let t: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    rt = await startRuntime({ DATABASE_URL: t.url, METRICS_TOKEN: TOKEN }, { workers: false });
  });
  afterAll(async () => {
    if (rt) {
      await cleanQueues(rt);
      await rt.close();
    }
    await t?.destroy();
  });

  it.each(['/metrics', '/api/docs', '/api/docs/json', '/api/docs/static/index.html'])(
    '%s answers 401 without the token or with a wrong one, and 200 with it',
    async (url) => {
      const anonymous = await rt.app.inject({ url });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('unauthenticated');
      const wrong = await rt.app.inject({ url, headers: { authorization: 'Bearer not-the-token-at-all' } });
      expect(wrong.statusCode).toBe(401);
      const ok = await rt.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
      expect([200, 302]).toContain(ok.statusCode);
    },
  );

  it('leaves health checks and the dashboard API itself alone', async () => {
    expect((await rt.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await rt.app.inject({ url: '/api/overview' })).statusCode).toBe(401); // needs a session, not the token
    const metrics = await rt.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(metrics.body).toContain('feedback_');
  });
});
