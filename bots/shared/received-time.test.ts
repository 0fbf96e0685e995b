import { describe, expect, it } from 'vitest';
import type { InboundEvent } from './events.ts';
import { datedPlausibly } from './received-time.ts';

const NOW = Date.UTC(2026, 10, 20, 5, 0);
const H = 3_600_000;

const event = (occurredAt: number): InboundEvent => ({
  type: 'message',
  channel: 'telegram',
  eventId: `e${occurredAt}`,
  messageId: `m${occurredAt}`,
  userId: 'u',
  occurredAt,
  text: 'xin chào',
  contentKind: 'text',
  address: { chatId: '1' },
});

describe('datedPlausibly', () => {
  it('keeps a plausible platform time and dates the rest at receipt', () => {
    const cases: [number, number][] = [
      [NOW - 30_000, NOW - 30_000],
      [NOW - 23 * H, NOW - 23 * H],
      [NOW + 60_000, NOW + 60_000],
      [NOW - 2 * 24 * H, NOW],
      [NOW - 365 * 24 * H, NOW],
      [NOW + 24 * H, NOW],
      [0, NOW],
      [Number.NaN, NOW],
    ];
    const out = datedPlausibly(
      cases.map(([at]) => event(at)),
      NOW,
    );
    expect(out.map((e) => e.occurredAt)).toEqual(cases.map(([, want]) => want));
  });
});
