/**
 * Posts scheduled demo events to the product's real webhook endpoints over HTTP, signed as each
 * platform signs, with bounded concurrency. A repeated event is posted twice in a row, as a platform
 * retrying a slow acknowledgement would, and the second answer should be a duplicate.
 */
import { z } from 'zod';
import type { Channel } from '../../bots/shared/events.ts';
import { buildDelivery, type DemoCredentials } from './deliveries.ts';
import type { DemoEvent } from './schedule.ts';

export interface ReplayStats {
  /** HTTP deliveries made (repeats included). */
  posted: number;
  stored: number;
  duplicates: number;
  /** Answered 200 without storing (e.g. a follow event the connector does not keep). */
  ignored: number;
  /** Stored events per channel. */
  byChannel: Record<Channel, number>;
  /** Anything not answered 200: these mean the demo (or the product) is broken. */
  rejected: Array<{ channel: Channel; status: number; body: string }>;
}

export interface ReplayOptions {
  baseUrl: string;
  credentials: DemoCredentials;
  concurrency?: number;
  fetch?: typeof fetch;
  /** Called after every delivery. */
  onProgress?: (done: number, total: number, stats: ReplayStats) => void;
  signal?: AbortSignal;
}

const answer = z.object({
  stored: z.number().int(),
  duplicates: z.number().int().optional(),
  ignored: z.boolean().optional(),
});

export function emptyStats(): ReplayStats {
  return {
    posted: 0,
    stored: 0,
    duplicates: 0,
    ignored: 0,
    byChannel: { telegram: 0, facebook: 0, zalo: 0 },
    rejected: [],
  };
}

export async function replay(events: readonly DemoEvent[], opts: ReplayOptions): Promise<ReplayStats> {
  const doFetch = opts.fetch ?? fetch;
  const stats = emptyStats();
  let next = 0;
  let done = 0;

  const post = async (event: DemoEvent) => {
    const d = buildDelivery(event, opts.credentials);
    const res = await doFetch(`${opts.baseUrl}/webhooks/${d.channel}`, {
      method: 'POST',
      headers: d.headers,
      body: new Uint8Array(d.body),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const text = await res.text();
    stats.posted += 1;
    const parsed = res.status === 200 ? answer.safeParse(JSON.parse(text)) : undefined;
    if (!parsed?.success) {
      stats.rejected.push({ channel: d.channel, status: res.status, body: text.slice(0, 200) });
      return;
    }
    stats.stored += parsed.data.stored;
    stats.byChannel[d.channel] += parsed.data.stored;
    stats.duplicates += parsed.data.duplicates ?? 0;
    if (parsed.data.ignored) stats.ignored += 1;
  };

  const worker = async () => {
    while (next < events.length && !opts.signal?.aborted) {
      const event = events[next++];
      if (!event) break;
      await post(event);
      if (event.repeat) await post(event);
      done += 1;
      opts.onProgress?.(done, events.length, stats);
    }
  };
  const workers = Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker);
  await Promise.all(workers);
  return stats;
}
