/**
 * Every page in headless Chromium at phone width (390 px) and desktop width (1440 px), in Vietnamese and
 * English, on seeded data: at 390 px no page is wider than the screen and nothing is merely clipped,
 * the navigation folds behind a menu button; unknown addresses and ids show the not-found page in the
 * UI's language; a new deployment's sign-in page and Overview say what to do first. Screenshots of each
 * page go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { demoMessages, seedMessages } from '../dashboard/testing/seed.ts';
import { createUser } from '../db/users.ts';
import { ARTIFACTS, ensureBuilt, launchChromium } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { failedRepliesOfEachKind } from './helpers/replies.ts';

const PASSWORD = 'admin password 12';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** What each page shows once its data is in (a selector that exists only with data). */
const PAGES: { name: string; path: string; ready: string }[] = [
  { name: 'overview', path: '/', ready: 'canvas[data-testid="chart"][data-points]:not([data-points="0"])' },
  { name: 'topics', path: '/topics', ready: '[data-testid="topic-count-otp"]' },
  { name: 'topic', path: '/topics/otp', ready: 'canvas[data-testid="chart"][data-datasets]' },
  { name: 'messages', path: '/messages', ready: 'a.message-link' },
  { name: 'message', path: '/messages/1', ready: '[data-testid="message-detail"] blockquote' },
  { name: 'alerts', path: '/alerts', ready: 'main table, main .state-empty' },
  { name: 'reports', path: '/reports', ready: 'main form' },
  { name: 'admin', path: '/admin', ready: '[data-testid="system-status"]' },
  { name: 'review', path: '/review', ready: 'main h1' },
  { name: 'citizens', path: '/citizens', ready: '[data-testid="incident-notices"]' },
  { name: 'not-found', path: '/no/such/page', ready: '[data-testid="not-found"]' },
  { name: 'unknown-topic', path: '/topics/no_such_topic', ready: '[data-testid="not-found"]' },
  { name: 'unknown-message', path: '/messages/987654', ready: '[data-testid="not-found"]' },
];

const NOT_FOUND = { vi: 'Không tìm thấy trang', en: 'Page not found' };
const NOT_FOUND_ITEM = { vi: 'Không tìm thấy mục này', en: 'Not found' };

function startDashboard(t: TestDatabase): Promise<{ app: FastifyInstance; base: string }> {
  const dashboard = createDashboard({
    config: loadConfig({}),
    db: t.db,
    now: Date.now,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    enqueue: async () => {},
  });
  const app = Fastify();
  return (async () => {
    await app.register(dashboard.api, { prefix: '/api' });
    await app.register(dashboard.web);
    return { app, base: await app.listen({ port: 0, host: '127.0.0.1' }) };
  })();
}

/** Elements that stick out of the viewport (and are not inside something that scrolls). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const scrolls = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if ((o === 'auto' || o === 'scroll') && a.getBoundingClientRect().right <= vw + 1) return true;
      }
      return false;
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // visually hidden helpers (.sr-only)
      if (r.right > vw + 1 && !scrolls(el)) bad.push(`${name(el)} ends at ${Math.round(r.right)}px`);
      const style = getComputedStyle(el);
      // Content cut off by overflow: hidden/clip beyond the screen's edge is lost, not scrollable.
      if (
        (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
        el.scrollWidth > el.clientWidth + 1 &&
        r.left + el.scrollWidth > vw + 1
      )
        bad.push(`${name(el)} clips ${el.scrollWidth - el.clientWidth}px`);
    }
    return bad;
  });
}

describe('dashboard on small screens', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: Partial<Record<'vi' | 'en', BrowserContext>> = {};

  async function signedIn(lang: 'vi' | 'en'): Promise<BrowserContext> {
    const existing = contexts[lang];
    if (existing) return existing;
    const ctx = await browser.newContext({ viewport: PHONE, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' });
    await ctx.addInitScript((l) => localStorage.setItem('vneid.lang', l), lang);
    const res = await ctx.request.post(`${base}/api/auth/login`, {
      data: { email: 'admin@example.vn', password: PASSWORD },
    });
    expect(res.status()).toBe(200);
    contexts[lang] = ctx;
    return ctx;
  }

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestDatabase('sqlite');
    await seedMessages(t.db, demoMessages(Date.now(), 21, 30));
    await createUser(t.db, { email: 'admin@example.vn', role: 'admin', password: PASSWORD }, Date.now());
    await failedRepliesOfEachKind(t.db);
    ({ app, base } = await startDashboard(t));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`every page fits 390 px with data on it (${lang}); screenshots at 390 and 1440 px`, async () => {
      const page = await (await signedIn(lang)).newPage();
      for (const p of PAGES) {
        await page.setViewportSize(PHONE);
        await page.goto(`${base}${p.path}`);
        await page.waitForSelector(p.ready);
        await page.waitForFunction(() => !document.querySelector('.state-loading, .refreshing'));
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ page: p.name, width }).toEqual({ page: p.name, width: PHONE.width });
        expect({ page: p.name, overflow: await overflowing(page) }).toEqual({ page: p.name, overflow: [] });
        await page.screenshot({ path: join(ARTIFACTS, `${p.name}-${lang}-390.png`), fullPage: true });
        await page.setViewportSize(DESKTOP);
        await page.waitForFunction(() => !document.querySelector('.state-loading, .refreshing'));
        await page.screenshot({ path: join(ARTIFACTS, `${p.name}-${lang}-1440.png`), fullPage: true });
      }
      // Unknown addresses, and ids that do not exist, answer with the not-found page in the UI's language.
      await page.goto(`${base}/no/such/page`);
      await expect.poll(() => page.textContent('[data-testid="not-found"] h1')).toBe(NOT_FOUND[lang]);
      expect(await page.textContent('[data-testid="not-found"]')).toContain('/no/such/page');
      for (const path of ['/topics/no_such_topic', '/messages/987654', '/messages/abc']) {
        await page.goto(`${base}${path}`);
        await expect.poll(() => page.textContent('[data-testid="not-found"] h1')).toBe(NOT_FOUND_ITEM[lang]);
      }
      await page.click('[data-testid="not-found"] a');
      await page.waitForSelector('[data-testid="kpi-volume"]');
      await page.close();
    }, 120_000);
  }

  it('the Admin page explains failed replies: outside the reply window is expected, not an error', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const page = await (await signedIn(lang)).newPage();
      await page.setViewportSize(DESKTOP);
      await page.goto(`${base}/admin`);
      const window = page.locator('[data-testid="reply-failures"] tr[data-reason="outside_window"]').first();
      await window.waitFor();
      expect(await window.textContent()).toContain(
        lang === 'vi' ? 'Ngoài khung trả lời' : 'Outside the reply window',
      );
      expect(await window.locator('.badge').getAttribute('class')).toBe('badge off');
      expect(await window.locator('.warn').count()).toBe(0);
      const token = page.locator('[data-testid="reply-failures"] tr[data-reason="token"]');
      expect(await token.locator('.badge').getAttribute('class')).toBe('badge open');
      expect(await token.textContent()).toContain(
        lang === 'vi' ? 'Mã truy cập bị từ chối' : 'Access token rejected',
      );
      await page
        .locator('[data-testid="reply-failures"]')
        .screenshot({ path: join(ARTIFACTS, `admin-replies-${lang}-1440.png`) });
      await page.close();
    }
  }, 60_000);

  it('the navigation folds behind a menu button at 390 px and stays open at 1440 px', async () => {
    const page = await (await signedIn('vi')).newPage();
    await page.goto(`${base}/`);
    const alerts = page.locator('nav[aria-label=main] >> text=Cảnh báo');
    const menu = page.locator('button.menu-toggle');
    await menu.waitFor();
    expect(await alerts.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'menu-open-vi-390.png') });
    expect(await overflowing(page)).toEqual([]);
    await alerts.click();
    await page.waitForURL(/\/alerts/);
    await expect.poll(() => page.textContent('h1')).toBe('Cảnh báo');
    expect(await alerts.isVisible()).toBe(false); // the menu closes after choosing a page
    await page.setViewportSize(DESKTOP);
    expect(await menu.isVisible()).toBe(false);
    expect(await alerts.isVisible()).toBe(true);
    await page.close();
  }, 60_000);
});

describe('a new deployment in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestDatabase('sqlite');
    ({ app, base } = await startDashboard(t));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('the sign-in page says how to create the first account; the empty Overview how to get data', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const ctx = await browser.newContext({ viewport: PHONE });
      await ctx.addInitScript((l) => localStorage.setItem('vneid.lang', l), lang);
      const page = await ctx.newPage();
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login/);
      const hint = page.locator('[data-testid="no-accounts"]');
      await hint.waitFor();
      expect(await hint.textContent()).toContain(lang === 'vi' ? 'Chưa có tài khoản nào' : 'No account yet');
      expect(await hint.textContent()).toContain('npm run --silent cli -- user add --email');
      expect(await overflowing(page)).toEqual([]);
      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        await page.screenshot({
          path: join(ARTIFACTS, `login-no-accounts-${lang}-${size.width}.png`),
          fullPage: true,
        });
      }
      await ctx.close();
    }
    await createUser(t.db, { email: 'first@example.vn', role: 'admin', password: PASSWORD }, Date.now());
    for (const lang of ['vi', 'en'] as const) {
      const ctx = await browser.newContext({ viewport: PHONE });
      await ctx.addInitScript((l) => localStorage.setItem('vneid.lang', l), lang);
      const page = await ctx.newPage();
      await page.goto(`${base}/login`);
      await page.fill('input[name=email]', 'first@example.vn');
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      const first = page.locator('[data-testid="first-run"]');
      await first.waitFor();
      expect(await first.textContent()).toContain(lang === 'vi' ? 'Chưa có tin nhắn nào' : 'No messages yet');
      expect(await first.textContent()).toContain('cli -- import --file');
      expect(await page.locator('[data-testid="no-accounts"]').count()).toBe(0);
      expect(await page.locator('text=< 5').count()).toBe(0);
      expect(await overflowing(page)).toEqual([]);
      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        await page.screenshot({
          path: join(ARTIFACTS, `overview-first-run-${lang}-${size.width}.png`),
          fullPage: true,
        });
      }
      await ctx.close();
    }
  }, 60_000);
});
