/**
 * Two-factor sign-in in headless Chromium (REQUIRE_2FA=true): an admin enrols from the login page
 * (secret shown, code from an authenticator, recovery codes shown once), then signs in again with a
 * code, in Vietnamese.
 */
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { createUser } from '../db/users.ts';
import { ensureBuilt, launchChromium } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';

const PASSWORD = 'admin password 123';
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
/** A sign-in runs scrypt (32 MiB, ~0.1 s idle): on a busy machine it takes seconds. */
const SIGN_IN = { timeout: 15_000 };

describe('two-factor sign-in in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestDatabase('sqlite');
    await createUser(t.db, { email: 'admin@example.vn', role: 'admin', password: PASSWORD }, Date.now());
    const dashboard = createDashboard({
      config: loadConfig({ REQUIRE_2FA: 'true' }),
      db: t.db,
      now: Date.now,
      logger: silentLogger,
      enqueue: async () => {},
    });
    app = Fastify();
    await app.register(dashboard.api, { prefix: '/api' });
    await app.register(dashboard.web);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('enrols, shows the recovery codes once, then asks for the code at the next sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', 'admin@example.vn');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('main h1'), SIGN_IN).toBe('Thiết lập đăng nhập hai bước');
    const secret = (await page.textContent('[data-testid="totp-secret"]')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await page.fill('input[name=code]', '000000');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]'), SIGN_IN).toContain('Mã không đúng');
    await page.fill('input[name=code]', totp.generate());
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('main h1'), SIGN_IN).toBe('Mã khôi phục');
    expect(await page.locator('[data-testid="recovery-codes"] li').count()).toBe(10);
    await page.screenshot({ path: join(ARTIFACTS, 'login-recovery-codes-vi.png') });
    await page.click('text=Tiếp tục');
    await expect.poll(() => page.textContent('h1'), SIGN_IN).toBe('Tổng quan');
    await context.close();

    // A new browser: password, then the code step (a code from the next 30-second step, never reused).
    const again = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const p2 = await again.newPage();
    await p2.goto(`${base}/login`);
    await p2.fill('input[name=email]', 'admin@example.vn');
    await p2.fill('input[name=password]', PASSWORD);
    await p2.click('button[type=submit]');
    await p2.waitForSelector('input[name=code]', SIGN_IN);
    expect(await p2.textContent('main')).toContain('nhập mã 6 chữ số');
    await p2.fill('input[name=code]', totp.generate({ timestamp: Date.now() + 30_000 }));
    await p2.click('button[type=submit]');
    await expect.poll(() => p2.textContent('h1'), SIGN_IN).toBe('Tổng quan');
    await again.close();
  }, 60_000);
});
