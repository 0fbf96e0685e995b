/**
 * After the backfill the demo keeps writing, one delivery every few seconds with the current time,
 * so "today" on the dashboard moves while someone looks at it. A third of the traffic continues the
 * running face/NFC incident on Telegram.
 */
import type { Conversation } from './sample.ts';
import { pick, seededRandom } from './sample.ts';
import type { DemoEvent } from './schedule.ts';

export interface LiveFeed {
  /** The next live event (fresh platform ids, `at` = now). */
  next(now: number): DemoEvent;
}

export function createLiveFeed(sample: readonly Conversation[], seed = 11): LiveFeed {
  const rnd = seededRandom(seed);
  const incident = sample.filter((c) => c.spike === 'live');
  const everyday = sample.filter((c) => c.spike === undefined);
  let round = 0;
  return {
    next(now) {
      round += 1;
      const pool = incident.length > 0 && rnd() < 1 / 3 ? incident : everyday;
      return { conversation: pick(pool, rnd), step: 0, at: now, repeat: false, round };
    },
  };
}
