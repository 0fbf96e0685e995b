/**
 * End to end in headless Chromium: sign in, overview chart drawn, a filter changes URL and numbers,
 * open a message, relabel it as an analyst, switch to English. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { demoMessages, seedMessages } from '../dashboard/testing/seed.ts';
import { createUser } from '../db/users.ts';
import { CHROMIUM_ARGS, ensureBuilt } from './helpers/chromium.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const PASSWORD = 'analyst password 1';

async function canvasHasInk(page: Page): Promise<boolean> {
  return page.$eval('canvas[data-testid="chart"]', (el) => {
    if (!(el instanceof HTMLCanvasElement)) return false;
    const ctx = el.getContext('2d');
    if (!ctx) return false;
    const { data } = ctx.getImageData(0, 0, el.width, el.height);
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
    return false;
  });
}

describe('dashboard in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestDatabase('sqlite');
    await seedMessages(t.db, demoMessages(Date.now(), 21, 30));
    await createUser(t.db, { email: 'analyst@example.vn', role: 'analyst', password: PASSWORD }, Date.now());
    await createUser(t.db, { email: 'viewer@example.vn', role: 'viewer', password: PASSWORD }, Date.now());
    const dashboard = createDashboard({
      config: loadConfig({}),
      db: t.db,
      now: Date.now,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      enqueue: async () => {},
    });
    app = Fastify();
    await app.register(dashboard.api, { prefix: '/api' });
    await app.register(dashboard.web);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('signs in, filters, opens and relabels a message, switches language', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name=email]', 'analyst@example.vn');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');

    // Overview: the stacked chart is drawn with data.
    await page.waitForSelector('canvas[data-testid="chart"][data-datasets]');
    await page.waitForFunction(
      () => Number(document.querySelector('canvas[data-testid="chart"]')?.getAttribute('data-points')) > 0,
    );
    expect(await canvasHasInk(page)).toBe(true);
    await expect.poll(() => page.textContent('h1')).toBe('Tổng quan');
    const before = (await page.textContent('[data-testid="kpi-volume"]')) ?? '';
    expect(before).toMatch(/\d/);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview-vi.png'), fullPage: true });

    // A filter goes into the URL and changes the numbers.
    await page.selectOption('select[name=channel]', 'zalo');
    await page.waitForURL(/channel=zalo/);
    await expect.poll(() => page.textContent('[data-testid="kpi-volume"]')).not.toBe(before);

    // Messages: open one, relabel it.
    await page.click('nav[aria-label=main] >> text=Tin nhắn');
    await page.waitForURL(/\/messages\?.*channel=zalo/);
    await page.click('a.message-link >> nth=0');
    await page.waitForSelector('[data-testid="message-detail"] blockquote');
    const oldTopic = await page.textContent('[data-testid="detail-topic"]');
    // The form starts from the message's own labels, with nothing to save yet.
    await expect
      .poll(() =>
        page.$eval('form.relabel select[name=topic]', (el) =>
          el instanceof HTMLSelectElement ? el.selectedOptions[0]?.textContent : null,
        ),
      )
      .toBe(oldTopic);
    expect(await page.isDisabled('form.relabel button[type=submit]')).toBe(true);
    const next = oldTopic === 'Khen ngợi' ? 'app_bug' : 'praise';
    await page.selectOption('form.relabel select[name=topic]', next);
    await page.click('form.relabel button[type=submit]');
    await expect
      .poll(() => page.textContent('[data-testid="detail-topic"]'))
      .toBe(next === 'praise' ? 'Khen ngợi' : 'Lỗi ứng dụng');
    await page.waitForSelector('ul.corrections li');
    const corrections = await t.db.kysely.selectFrom('corrections').selectAll().execute();
    expect(corrections).toHaveLength(1);
    expect(corrections[0]?.new_topic).toBe(next);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-message-relabel-vi.png'), fullPage: true });

    // Language switch.
    await page.selectOption('select[name=ui-lang]', 'en');
    await expect.poll(() => page.textContent('h1')).toBe('Messages');
    await page.click('nav[aria-label=main] >> text=Overview');
    await page.waitForSelector('canvas[data-testid="chart"][data-datasets]');
    await expect.poll(() => page.textContent('h1')).toBe('Overview');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview-en.png'), fullPage: true });

    // Topic drill-down in English, reached from the topics table.
    await page.click('a[href^="/topics/otp"]');
    await page.waitForSelector('canvas[data-testid="chart"][data-datasets]');
    await expect.poll(() => page.textContent('h1')).toBe('Topic: OTP / SMS code');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-topic-en.png'), fullPage: true });

    // The topics page lists every topic with its volume for the same filters, zero ones included.
    await page.click('nav[aria-label=main] >> text=Topics');
    await expect.poll(() => page.textContent('h1')).toBe('Topics');
    await page.waitForSelector('[data-testid="topic-count-otp"]');
    expect(await page.locator('tbody tr').count()).toBe(12);
    expect(await page.textContent('[data-testid="topic-count-otp"]')).toMatch(/^(\d[\d,.]*|< \d+)$/);
    await page.close();
  }, 60_000);

  it('a viewer has no Messages link, and opening one is refused with the reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', 'viewer@example.vn');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    // A sign-in runs scrypt (32 MiB): on a busy machine it can take longer than the poll's default second.
    await expect.poll(() => page.textContent('h1'), { timeout: 15_000 }).toBe('Tổng quan');
    expect(await page.locator('nav[aria-label=main] >> text=Tin nhắn').count()).toBe(0);
    await page.goto(`${base}/messages/1`);
    await expect
      .poll(() => page.textContent('[role=alert] strong'))
      .toBe('Vai trò của bạn không được xem mục này.');
    await page.close();
  }, 30_000);
});
