/**
 * Platform timestamps are the time a message was written, but they are the sender's word: a
 * replayed or mis-dated delivery can say 1970, last year or tomorrow. A live event keeps the
 * platform's time only when it is plausible next to the time we received it; otherwise it is dated
 * at receipt. (History loaded with `cli import` keeps the times it is given: it does not pass here.)
 */
import type { InboundEvent } from './events.ts';

/** Platforms retry deliveries (and Telegram keeps updates) for up to a day. */
export const PLAUSIBLE_PAST_MS = 24 * 3_600_000;
/** Clocks drift; a message cannot come from further in the future than this. */
export const PLAUSIBLE_FUTURE_MS = 5 * 60_000;

export function isPlausibleTime(at: number, receivedAt: number, pastMs = PLAUSIBLE_PAST_MS): boolean {
  return Number.isFinite(at) && at >= receivedAt - pastMs && at <= receivedAt + PLAUSIBLE_FUTURE_MS;
}

export function datedPlausibly(events: readonly InboundEvent[], receivedAt: number): InboundEvent[] {
  return events.map((e) =>
    isPlausibleTime(e.occurredAt, receivedAt) ? e : { ...e, occurredAt: receivedAt },
  );
}
