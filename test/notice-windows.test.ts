/**
 * Who may be told that an incident is fixed: only opted-in citizens who wrote about it, and only where
 * the platform allows a message now (Messenger 24 hours, Zalo 7 days after their last message,
 * Telegram any time), never to a public comment; the stopped are counted as opted out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { saveContactAddress } from '../db/contact-addresses.ts';
import { countOutcomes, planNotices } from '../db/incident-notices.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 3, 0);
const START = NOW - 3 * 24 * HOUR;

describe.each(DIALECTS)('incident notices: platform windows on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  /** One citizen who wrote about OTP during the incident and last wrote `lastSeenAgo` ago. */
  async function citizen(
    author: string,
    channel: string,
    lastSeenAgo: number,
    o: { optIn?: boolean; stopped?: boolean; address?: Record<string, string> } = {},
  ) {
    await seedMessages(t.db, [
      {
        receivedAt: START + HOUR,
        channel,
        topic: 'otp',
        sentiment: 'negative',
        lang: 'vi',
        author,
        text: 'Không nhận được mã OTP',
      },
    ]);
    await t.db.kysely
      .insertInto('contacts')
      .values({
        channel,
        author_hash: author,
        lang: 'vi',
        first_seen_at: START,
        last_seen_at: NOW - lastSeenAgo,
        notice_sent_at: START,
        notice_version: '1',
        updates_stopped_at: o.stopped ? NOW - HOUR : null,
      })
      .execute();
    if (o.optIn !== false && !o.stopped) {
      await t.db.kysely
        .insertInto('update_optins')
        .values({ channel, author_hash: author, topic: 'otp', created_at: START + 2 * HOUR })
        .execute();
    }
    await saveContactAddress(t.db.kysely, {
      channel,
      authorHash: author,
      address:
        o.address ??
        (channel === 'telegram'
          ? { chatId: author }
          : channel === 'zalo'
            ? { userId: author }
            : { psid: author }),
      updatedAt: NOW - lastSeenAgo,
    });
  }

  it('sends inside each window, not outside it, not to comments, and counts the stopped', async () => {
    await citizen('tg-old', 'telegram', 20 * 24 * HOUR);
    await citizen('fb-recent', 'facebook', 2 * HOUR);
    await citizen('fb-stale', 'facebook', 30 * HOUR);
    await citizen('fb-comment', 'facebook', HOUR, { address: { commentId: 'c1', commentedAt: '1' } });
    await citizen('zalo-recent', 'zalo', 6 * 24 * HOUR);
    await citizen('zalo-stale', 'zalo', 8 * 24 * HOUR);
    await citizen('tg-stopped', 'telegram', HOUR, { stopped: true });
    await citizen('tg-silent', 'telegram', HOUR, { optIn: false });
    const plan = await planNotices(
      t.db,
      { id: 1, topic: 'otp', channels: ['facebook', 'telegram', 'zalo'], start: START, end: NOW },
      NOW,
    );
    const outcome = Object.fromEntries(plan.map((r) => [r.authorHash, r.outcome]));
    expect(outcome).toEqual({
      'tg-old': 'sent',
      'fb-recent': 'sent',
      'fb-stale': 'outside_window',
      'fb-comment': 'no_address',
      'zalo-recent': 'sent',
      'zalo-stale': 'outside_window',
      'tg-stopped': 'opted_out',
    });
    expect(countOutcomes(plan)).toEqual({ sent: 3, outside_window: 2, no_address: 1, opted_out: 1 });
    // A channel the incident is not on is never told.
    const telegramOnly = await planNotices(
      t.db,
      { id: 2, topic: 'otp', channels: ['telegram'], start: START, end: NOW },
      NOW,
    );
    expect(telegramOnly.map((r) => r.channel)).toEqual(['telegram', 'telegram']);
  });
});
