/**
 * The review queue end to end in headless Chromium: an analyst opens it from the navigation, labels
 * three messages from the keyboard (accept, change topic and sentiment, change again), skips one, and
 * sees them leave the queue and the team's label count rise. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import type { ReviewQueueResponse } from '../dashboard/server/review-types.ts';
import { demoMessages, seedMessages } from '../dashboard/testing/seed.ts';
import { listTeamLabels } from '../db/team-labels.ts';
import { createUser } from '../db/users.ts';
import { ARTIFACTS, ensureBuilt, launchChromium } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';

const PASSWORD = 'analyst password 1';
/** Polls for what follows a request, generous for a busy machine. */
const WAIT = { timeout: 10_000 };
const UNSURE = [
  'mình làm mãi không được, app cứ quay vòng rồi thoát ra',
  'hôm qua ra phường người ta bảo lên app mà app không cho làm',
  'sao cái này phức tạp thế, hỏi ai cũng không biết',
  'chờ mãi chẳng thấy gì, có ai trả lời không vậy',
];

describe('review queue in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestDatabase('sqlite');
    const now = Date.now();
    await seedMessages(t.db, demoMessages(now, 7, 10));
    const unsure = await seedMessages(
      t.db,
      UNSURE.map((text, i) => ({
        receivedAt: now - (i + 1) * 600_000,
        channel: 'zalo',
        topic: 'other',
        sentiment: 'neutral',
        lang: 'vi',
        author: `unsure-${i}`,
        text,
      })),
    );
    await t.db.kysely
      .updateTable('messages')
      .set({
        topic_score: 0.35,
        topics_json: JSON.stringify([
          { id: 'app_bug', score: 0.35 },
          { id: 'public_service', score: 0.3 },
        ]),
      })
      .where('id', 'in', unsure)
      .execute();
    await createUser(t.db, { email: 'analyst@example.vn', role: 'analyst', password: PASSWORD }, now);
    await createUser(t.db, { email: 'admin@example.vn', role: 'admin', password: PASSWORD }, now);
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
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  /** Signs in; password hashing is deliberately slow, so the overview may take seconds on a busy machine. */
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('h1'), { timeout: 20_000 }).toBe('Tổng quan');
  };
  const count = async (page: Page, id: string) =>
    Number((await page.textContent(`[data-testid="${id}"]`)) ?? NaN);
  const shownId = (page: Page) => page.getAttribute('[data-testid="review-item"]', 'data-id').then(Number);
  /** Waits for the next message after `id` left the screen. */
  const next = async (page: Page, id: number) => {
    await expect.poll(() => shownId(page), WAIT).not.toBe(id);
    return shownId(page);
  };

  it('labels three messages by keyboard; they leave the queue and the label count rises', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
    await signIn(page, 'analyst@example.vn');
    await page.click('nav[aria-label=main] >> text=Duyệt nhãn');
    await page.waitForURL(/\/review/);
    await expect.poll(() => page.textContent('h1'), WAIT).toBe('Duyệt nhãn');
    await page.waitForSelector('[data-testid="review-item"]');
    // All 12 topics are on screen with their keys.
    expect(await page.locator('[data-topic]').count()).toBe(12);
    expect(await page.textContent('[data-topic="other"] kbd')).toBe('W');
    expect(await page.textContent('[data-topic="login"] kbd')).toBe('1');
    expect(await count(page, 'progress-total')).toBe(0);
    expect(await count(page, 'progress-today')).toBe(0);
    const queued = await count(page, 'progress-queue');
    expect(queued).toBeGreaterThan(4);
    await page.screenshot({ path: join(ARTIFACTS, 'review-vi.png'), fullPage: true });

    // 1: Enter keeps the model's labels: a confirmation.
    const first = await shownId(page);
    const firstModel = await page.getAttribute('[data-topic][aria-pressed=true]', 'data-topic');
    await page.keyboard.press('Enter');
    const second = await next(page, first);
    await expect.poll(() => count(page, 'progress-total'), WAIT).toBe(1);

    // 2: another topic and sentiment from the keyboard, then Enter: a correction.
    const secondModel = await page.getAttribute('[data-topic][aria-pressed=true]', 'data-topic');
    const key2 = secondModel === 'privacy' ? '5' : '6'; // integration or privacy
    const topic2 = key2 === '5' ? 'integration' : 'privacy';
    await page.keyboard.press(key2);
    await page.keyboard.press('a');
    await expect.poll(() => page.getAttribute(`[data-topic="${topic2}"]`, 'aria-pressed'), WAIT).toBe('true');
    await expect
      .poll(() => page.getAttribute('[data-sentiment="negative"]', 'aria-pressed'), WAIT)
      .toBe('true');
    await page.keyboard.press('Enter');
    const third = await next(page, second);
    await expect.poll(() => count(page, 'progress-total'), WAIT).toBe(2);

    // 3: a letter key (W: other, or Q: praise) and D (positive), typed straight into Enter.
    const thirdModel = await page.getAttribute('[data-topic][aria-pressed=true]', 'data-topic');
    const topic3 = thirdModel === 'other' ? 'praise' : 'other';
    await page.keyboard.press(topic3 === 'other' ? 'w' : 'q');
    await page.keyboard.press('d');
    await page.keyboard.press('Enter');
    const fourth = await next(page, third);
    await expect.poll(() => count(page, 'progress-total'), WAIT).toBe(3);
    expect(await count(page, 'progress-today')).toBe(3);
    expect(await count(page, 'progress-queue')).toBe(queued - 3);

    // J skips: gone from the queue, no label.
    await page.keyboard.press('j');
    await next(page, fourth);
    await expect.poll(() => count(page, 'progress-queue'), WAIT).toBe(queued - 4);
    expect(await count(page, 'progress-total')).toBe(3);

    const labels = await listTeamLabels(t.db);
    expect(labels.map((l) => [l.messageId, l.kind, l.topic, l.sentiment])).toEqual([
      [first, 'confirmation', firstModel, expect.any(String)],
      [second, 'correction', topic2, 'negative'],
      [third, 'correction', topic3, 'positive'],
    ]);
    // After a reload the labelled and skipped messages are still out of the queue.
    await page.reload();
    await page.waitForSelector('[data-testid="review-item"]');
    expect(await count(page, 'progress-total')).toBe(3);
    const ids = await page.evaluate(async () => {
      const res = await fetch('/api/review/queue?limit=50');
      const body = (await res.json()) as ReviewQueueResponse;
      return body.items.map((i) => i.id);
    });
    for (const id of [first, second, third, fourth]) expect(ids).not.toContain(id);
    expect(ids).toHaveLength(queued - 4);

    await page.selectOption('select[name=ui-lang]', 'en');
    await expect.poll(() => page.textContent('h1'), WAIT).toBe('Review queue');
    expect(await page.textContent('[data-topic="otp"]')).toContain('OTP');
    await page.screenshot({ path: join(ARTIFACTS, 'review-en.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it("the Admin page shows how right the model in use is on the team's labels", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
    await signIn(page, 'admin@example.vn');
    await page.click('nav[aria-label=main] >> text=Quản trị');
    await page.waitForSelector('[data-testid="team-accuracy"]');
    // The three labels of the first test measure the shipped model (it learned none of them).
    expect(await page.textContent('[data-testid="team-labels"]')).toContain('Số nhãn: 3');
    expect(await page.textContent('[data-testid="team-accuracy"]')).toMatch(/%$/);
    await page
      .locator('[data-testid="team-labels"]')
      .screenshot({ path: join(ARTIFACTS, 'admin-team-labels-vi.png') });
    await page.close();
  }, 60_000);
});
