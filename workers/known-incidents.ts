/**
 * The incidents the team knows about right now, for the pipeline's acknowledgements: a cached read
 * of db/incidents.ts (one query a minute per worker process, not one per message).
 */
import type { Db } from '../db/database.ts';
import { listIncidents } from '../db/incidents.ts';
import type { KnownIncident } from './pipeline.worker.ts';

export function createKnownIncidents(
  db: Db,
  now: () => number,
  ttlMs = 60_000,
): () => Promise<KnownIncident[]> {
  let cached: { at: number; value: Promise<KnownIncident[]> } | undefined;
  return () => {
    const t = now();
    if (!cached || t - cached.at > ttlMs) {
      const value = listIncidents(db, { open: true }).then((groups) =>
        groups.map((g) => ({ topic: g.topic, channels: g.channels, start: g.start })),
      );
      // A failed read is retried on the next message rather than remembered.
      value.catch(() => {
        cached = undefined;
      });
      cached = { at: t, value };
    }
    return cached.value;
  };
}
