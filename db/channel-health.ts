/**
 * Is each channel still delivering? A silent channel is news (Meta unsubscribes a failing webhook, a
 * Zalo token refresh can fail, a Telegram webhook can be dropped): per channel, the last delivery and
 * the messages of the last complete hours against what the seasonal baseline expects for them, and
 * the Zalo token's age and refresh state.
 */
import { HOUR_MS, WEEK_HOURS } from '../workers/analysis/trends/seasonal.ts';
import { scoreHours } from '../workers/analysis/trends/spikes.ts';
import { log10PoissonLowerTail } from '../workers/analysis/trends/tail.ts';
import type { Db } from './database.ts';
import { firstRollupHour } from './trends.ts';

export interface ChannelHealth {
  channel: string;
  /** Epoch ms of the newest webhook delivery stored; null when none ever arrived. */
  lastDelivery: number | null;
  /** Messages of the last `hours` complete hours, and what the baseline expected for them. */
  recent: { hours: number; observed: number; expected: number };
  /** Far fewer messages than those hours normally bring (p < 0.001, at least 6 expected). */
  quiet: boolean;
}

export interface ZaloTokenHealth {
  /** Epoch ms the stored token pair was last written (seeded or refreshed). */
  updatedAt: number;
  expiresAt: number | null;
  state: 'valid' | 'refreshing' | 'expired' | 'unknown';
}

export async function channelHealth(
  db: Db,
  channels: readonly string[],
  now: number,
  hours = 3,
): Promise<ChannelHealth[]> {
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const first = (await firstRollupHour(db)) ?? currentHour;
  const from = Math.max(first, currentHour - (4 * WEEK_HOURS + hours) * HOUR_MS);
  const length = Math.max(0, (currentHour - from) / HOUR_MS);
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select(['hour_ts', 'channel', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', from)
    .where('hour_ts', '<', currentHour)
    .groupBy(['hour_ts', 'channel'])
    .execute();
  const series = new Map(channels.map((c) => [c, new Float64Array(length)]));
  for (const r of rows) {
    const s = series.get(r.channel);
    if (s) s[(Number(r.hour_ts) - from) / HOUR_MS] = Number(r.n);
  }
  return Promise.all(
    channels.map(async (channel) => {
      const last = await db.kysely
        .selectFrom('inbox')
        .select('received_at')
        .where('channel', '=', channel)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const counts = series.get(channel) ?? new Float64Array(length);
      const scored = scoreHours({ startTs: from, counts }, Math.max(0, length - hours));
      const observed = scored.reduce((s, h) => s + h.observed, 0);
      // scoreHours floors an hour's expectation at 0.5; quiet hours must not count as expected traffic.
      const expected = scored.reduce((s, h) => s + (h.expected > 0.5 ? h.expected : 0), 0);
      return {
        channel,
        lastDelivery: last ? Number(last.received_at) : null,
        recent: { hours: scored.length, observed, expected: Math.round(expected * 10) / 10 },
        quiet: expected >= 6 && log10PoissonLowerTail(observed, expected) < -3,
      };
    }),
  );
}

export async function zaloTokenHealth(db: Db, now: number): Promise<ZaloTokenHealth | null> {
  const row = await db.kysely
    .selectFrom('zalo_tokens')
    .select(['updated_at', 'expires_at', 'lease_until'])
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const expiresAt = row.expires_at === null ? null : Number(row.expires_at);
  const refreshing = row.lease_until !== null && Number(row.lease_until) > now;
  return {
    updatedAt: Number(row.updated_at),
    expiresAt,
    state: refreshing
      ? 'refreshing'
      : expiresAt === null
        ? 'unknown'
        : expiresAt <= now
          ? 'expired'
          : 'valid',
  };
}
