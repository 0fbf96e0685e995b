/**
 * The bundled demo sample and its schedule: a few thousand conversations over six weeks ending now,
 * all channels, a daily rhythm, and the two incidents where the story says they are.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { buildDelivery, metaJson } from '../app/demo/deliveries.ts';
import { startLoadingPage } from '../app/demo/gate.ts';
import { loadSample, SAMPLE_FILE } from '../app/demo/sample.ts';
import { scheduleSample } from '../app/demo/schedule.ts';
import { DEMO_CREDENTIALS, DEMO_SECRETS, demoEnv } from '../app/demo/settings.ts';

const NOW = Date.UTC(2026, 10, 29, 15, 30); // 22:30 in Ho Chi Minh City
const HOUR = 3_600_000;
const sample = loadSample();
const { events, releases } = scheduleSample(sample, { now: NOW, tz: 'Asia/Ho_Chi_Minh' });

describe('demo sample', () => {
  it('holds a few thousand conversations on every surface in under 3 MB', () => {
    expect(sample.length).toBeGreaterThan(2000);
    expect(statSync(SAMPLE_FILE).size).toBeLessThan(3 * 1024 * 1024);
    expect(new Set(sample.map((c) => c.surface))).toEqual(
      new Set(['telegram', 'messenger', 'comment', 'zalo']),
    );
  });

  it('spreads six weeks before now, newest local day first, busier by day than by night', () => {
    const times = events.map((e) => e.at);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThan(NOW - 43 * 24 * HOUR);
    expect(events[0]?.at).toBeGreaterThan(NOW - 24 * HOUR);
    expect(events.at(-1)?.at).toBeLessThan(NOW - 40 * 24 * HOUR);
    const localHour = (ms: number) => new Date(ms + 7 * HOUR).getUTCHours();
    const everyday = events.filter((e) => e.conversation.spike === undefined);
    const morning = everyday.filter((e) => [8, 9, 10].includes(localHour(e.at))).length;
    const night = everyday.filter((e) => [2, 3, 4].includes(localHour(e.at))).length;
    expect(morning).toBeGreaterThan(night * 8);
  });

  it('puts the Zalo OTP incident in the day after release 2.1.5 and the live one after the hotfix', () => {
    const release = releases.find((r) => r.label === 'VNeID 2.1.5');
    const hotfix = releases.find((r) => r.label.startsWith('VNeID 2.1.6'));
    if (!release || !hotfix) throw new Error('release markers missing');
    for (const e of events.filter((x) => x.conversation.spike === 'release')) {
      expect(e.conversation.surface).toBe('zalo');
      expect(e.at).toBeGreaterThanOrEqual(release.at);
      expect(e.at).toBeLessThan(release.at + 27 * HOUR);
    }
    const live = events.filter((x) => x.conversation.spike === 'live');
    expect(live.length).toBeGreaterThan(30);
    for (const e of live) expect(e.at).toBeGreaterThanOrEqual(hotfix.at);
  });

  it('repeats a few percent of deliveries', () => {
    const share = events.filter((e) => e.repeat).length / events.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.06);
  });
});

describe('demo deliveries', () => {
  it('escapes Facebook bodies as Meta does and keeps Zalo ids as digit strings', () => {
    expect(metaJson({ t: 'đăng / ok' })).toBe('{"t":"\\u0111\\u0103ng \\/ ok"}');
    const zalo = events.find((e) => e.conversation.surface === 'zalo' && e.step >= 0);
    if (!zalo) throw new Error('no zalo event');
    const body: unknown = JSON.parse(buildDelivery(zalo, DEMO_CREDENTIALS).body.toString('utf8'));
    expect(body).toMatchObject({
      sender: { id: expect.stringMatching(/^\d{18}$/) },
      timestamp: String(zalo.at),
    });
  });
});

describe('demo settings and loading page', () => {
  it('never takes platform credentials or the database from the environment', () => {
    const config = loadConfig(
      demoEnv(
        {
          PORT: '4010',
          TELEGRAM_BOT_TOKEN: '999:REAL-token',
          FACEBOOK_APP_SECRET: 'real-secret',
          ZALO_ACCESS_TOKEN: 'real-token',
          DATABASE_URL: 'postgres://prod/db',
          TELEGRAM_API_ROOT: 'https://api.telegram.org',
        },
        { TELEGRAM_API_ROOT: 'http://127.0.0.1:1' },
      ),
    );
    expect(config.PORT).toBe(4010);
    expect(config.TELEGRAM_BOT_TOKEN).toBe(DEMO_SECRETS.TELEGRAM_BOT_TOKEN);
    expect(config.FACEBOOK_APP_SECRET).toBe(DEMO_SECRETS.FACEBOOK_APP_SECRET);
    expect(config.ZALO_ACCESS_TOKEN).toBe(DEMO_SECRETS.ZALO_ACCESS_TOKEN);
    expect(config.DATABASE_URL).toBe('sqlite:./data/demo/feedback.db');
    expect(config.TELEGRAM_API_ROOT).toBe('http://127.0.0.1:1');
    expect(config.QUEUE_PREFIX).toBe('demo');
    expect(config.PUBLIC_URL).toBe('http://127.0.0.1:4010');
  });

  it('shows progress on pages and answers 503 on the API until the dashboard takes over', async () => {
    const page = await startLoadingPage(0, '127.0.0.1', () => ({
      replayed: 1200,
      deliveries: 4884,
      analysed: 900,
    }));
    try {
      const html = await (await fetch(`http://127.0.0.1:${page.port}/`)).text();
      expect(html).toContain('1,200 of 4,884 deliveries replayed');
      expect(html).toContain('http-equiv="refresh"');
      const api = await fetch(`http://127.0.0.1:${page.port}/api/overview`);
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({ error: { code: 'demo_loading' } });
    } finally {
      await page.close();
    }
  });
});
