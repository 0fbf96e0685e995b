/**
 * The demo replay against the real runtime: a slice of the bundled sample posted over HTTP to the
 * webhook endpoints must be accepted by the connectors' own signature checks on all three channels,
 * stored with the platform's (back-dated) time, repeats recognised, and nothing else let through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../app/demo/replay.ts';
import { loadSample } from '../app/demo/sample.ts';
import { type DemoEvent, scheduleSample } from '../app/demo/schedule.ts';
import { DEMO_CREDENTIALS, DEMO_SECRETS, SINK_SECRETS } from '../app/demo/settings.ts';
import { type DemoSink, startDemoSink } from '../app/demo/sink.ts';
import type { Runtime } from '../app/runtime.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, startRuntime, waitFor } from './helpers/harness.ts';

const NOW = Date.now();

/** 15 events per surface (Telegram, Messenger, Page comments, Zalo), greetings and follow-ups included. */
function slice(): DemoEvent[] {
  const { events } = scheduleSample(loadSample(), { now: NOW, tz: 'Asia/Ho_Chi_Minh' });
  const out: DemoEvent[] = [];
  for (const surface of ['telegram', 'messenger', 'comment', 'zalo'] as const) {
    const mine = events.filter((e) => e.conversation.surface === surface);
    const greet = mine.find((e) => e.step < 0);
    const picked = [...(greet ? [greet] : []), ...mine.filter((e) => e.step >= 0).slice(0, greet ? 14 : 15)];
    // The first two of each surface are delivered twice.
    out.push(...picked.map((e, i) => ({ ...e, repeat: i < 2 })));
  }
  return out;
}

/** The platform time as our pipeline stores it (Telegram and comments carry seconds). */
function storedTime(e: DemoEvent): number {
  const s = e.conversation.surface;
  return s === 'telegram' || s === 'comment' ? Math.floor(e.at / 1000) * 1000 : e.at;
}

describe('demo replay through the real webhooks (SQLite)', () => {
  let t: TestDatabase;
  let sink: DemoSink;
  let rt: Runtime;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    sink = await startDemoSink(SINK_SECRETS);
    // As app/demo.ts ingests its sample: dated history replayed through the real webhooks.
    rt = await startRuntime({ DATABASE_URL: t.url, ...DEMO_SECRETS, ...sink.env }, { replayedHistory: true });
    await rt.app.listen({ port: 0, host: '127.0.0.1' });
    const address = rt.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await sink.close();
    await t.destroy();
  });

  it('lands every event as a message on all three channels, back-dated, repeats refused', async () => {
    const events = slice();
    const messages = events.filter((e) => e.step >= 0);
    const stats = await replay(events, { baseUrl, credentials: DEMO_CREDENTIALS, concurrency: 4 });

    expect(stats.rejected).toEqual([]);
    expect(stats.posted).toBe(events.length + 8);
    expect(stats.stored).toBe(events.length);
    expect(stats.duplicates).toBe(8);
    expect(stats.byChannel.telegram).toBeGreaterThan(0);
    expect(stats.byChannel.facebook).toBeGreaterThan(0);
    expect(stats.byChannel.zalo).toBeGreaterThan(0);

    const rows = await waitFor(
      async () => {
        const r = await t.db.kysely
          .selectFrom('messages')
          .select(['channel', 'received_at', 'topic'])
          .execute();
        return r.length >= messages.length ? r : undefined;
      },
      45_000,
      'every replayed message analysed',
    );
    expect(rows).toHaveLength(messages.length);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['telegram', 'facebook', 'zalo']));
    expect(rows.map((r) => Number(r.received_at)).sort()).toEqual(messages.map(storedTime).sort());
    // Back-dated: the slice spans days before the test ran, not the moment of delivery.
    expect(Math.min(...rows.map((r) => Number(r.received_at)))).toBeLessThan(NOW - 24 * 3_600_000);
  }, 60_000);

  it('is refused on every channel when signed with the wrong secrets', async () => {
    const events = slice().filter((e) => e.step >= 0 && !e.repeat);
    const one = (surface: string) => events.find((e) => e.conversation.surface === surface);
    const picked = ['telegram', 'messenger', 'zalo'].map(one).filter((e): e is DemoEvent => e !== undefined);
    const stats = await replay(
      picked.map((e) => ({ ...e, round: 99 })),
      {
        baseUrl,
        credentials: {
          ...DEMO_CREDENTIALS,
          telegramWebhookSecret: 'wrong-secret',
          facebookAppSecret: 'wrong-secret',
          zaloOaSecretKey: 'wrong-secret',
        },
      },
    );
    expect(stats.stored).toBe(0);
    expect(stats.rejected.map((r) => [r.channel, r.status]).sort()).toEqual([
      ['facebook', 401],
      ['telegram', 401],
      ['zalo', 401],
    ]);
  });
});
