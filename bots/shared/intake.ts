import type { Db } from '../../db/database.ts';
import { type JobRef, newJobKey } from '../../db/lifetime.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { InboxTable } from '../../db/schema/index.ts';
import { storableJson, storableText } from '../../db/storable.ts';
import type { Logger } from './connector.ts';
import type { InboundEvent } from './events.ts';
import type { EventKey, Pseudonymise } from './pseudonym.ts';

export interface IntakeResult {
  stored: number;
  duplicates: number;
}

export interface Intake {
  /**
   * Resolves once every event is durably in the inbox (new or recognised as a retried delivery).
   * Queuing happens afterwards and never delays or fails the caller: the sweeper catches up.
   */
  accept(events: InboundEvent[]): Promise<IntakeResult>;
  /** Waits for writes and enqueues in flight (graceful shutdown, tests). */
  drain(): Promise<void>;
}

export interface IntakeDeps {
  db: Db;
  pseudonymise: Pseudonymise;
  /** Tombstone keys of events (db/erasure.ts): a redelivery of an erased event is dropped. */
  eventKey: EventKey;
  now: () => number;
  /** Queues processing of stored inbox rows; may reject when Redis is down. */
  enqueue: (rows: JobRef[]) => Promise<void>;
  logger: Logger;
  onStored?: (channel: string, stored: number, duplicates: number) => void;
}

interface Waiter {
  events: InboundEvent[];
  resolve: (r: IntakeResult) => void;
  reject: (e: unknown) => void;
}

type InboxInsert = Omit<InboxTable, 'id' | 'attempts' | 'status' | 'error' | 'processed_at'>;

const INSERT_INBOX = preparedQuery<keyof InboxInsert, { id: number }>((db, p) =>
  db
    .insertInto('inbox')
    .values({
      channel: p<string>('channel'),
      event_id: p<string>('event_id'),
      kind: p<string>('kind'),
      author_hash: p<string | null>('author_hash'),
      received_at: p<number>('received_at'),
      payload: p<string>('payload'),
      job_key: p<string>('job_key'),
      status: 'pending',
      error: null,
      processed_at: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'event_id']).doNothing())
    .returning('id'),
);

/**
 * The durable front door. Concurrent webhook requests are written together in one transaction
 * (group commit), so one fsync serves many requests and acknowledgement stays fast under load.
 */
export function createIntake(deps: IntakeDeps): Intake {
  let queue: Waiter[] = [];
  let flushing: Promise<void> | undefined;
  const enqueues = new Set<Promise<void>>();

  function toRow(e: InboundEvent, receivedAt: number): InboxInsert {
    return {
      channel: e.channel,
      event_id: storableText(e.eventId),
      kind: e.type,
      author_hash: deps.pseudonymise(e.channel, e.userId),
      received_at: receivedAt,
      // Every string made storable on every dialect (PostgreSQL refuses U+0000) before it is stored.
      payload: storableJson.stringify(e),
      job_key: newJobKey(),
    };
  }

  async function write(batch: Waiter[]): Promise<void> {
    const receivedAt = deps.now();
    const rows = batch.flatMap((w) => w.events.map((e) => toRow(e, receivedAt)));
    const keys = rows.map((r) => deps.eventKey(r.channel, r.event_id));
    const inserted = await deps.db.kysely.transaction().execute(async (trx) => {
      const ids: Array<JobRef & { channel: string; event_id: string }> = [];
      // Erased events come back only as redeliveries: recognised by their tombstone and dropped.
      const erased = new Set<string>();
      for (let i = 0; i < keys.length; i += 500) {
        const found = await trx
          .selectFrom('erased_events')
          .select('event_key')
          .where('event_key', 'in', keys.slice(i, i + 500))
          .execute();
        for (const f of found) erased.add(f.event_key);
      }
      // One prepared single-row insert per event: building one many-row insert cost more than the
      // SQL itself (profiled), and a row's RETURNING tells at once whether it was new.
      for (const [n, row] of rows.entries()) {
        if (erased.has(keys[n] as string)) continue;
        const [got] = (await INSERT_INBOX.execute(trx, row)).rows;
        if (got) ids.push({ id: got.id, key: row.job_key, channel: row.channel, event_id: row.event_id });
      }
      return ids;
    });
    const fresh = new Set(inserted.map((r) => `${r.channel}\u0000${r.event_id}`));
    for (const w of batch) {
      let stored = 0;
      for (const e of w.events) {
        const key = `${e.channel}\u0000${storableText(e.eventId)}`;
        // An event repeated inside one batch counts once as stored, then as a duplicate.
        if (fresh.delete(key)) stored += 1;
      }
      const result = { stored, duplicates: w.events.length - stored };
      const channel = w.events[0]?.channel;
      if (channel) deps.onStored?.(channel, result.stored, result.duplicates);
      w.resolve(result);
    }
    if (inserted.length > 0) {
      const p = deps
        .enqueue(inserted.map((r) => ({ id: r.id, key: r.key })))
        .catch((err: unknown) => {
          deps.logger.warn(
            { err: err instanceof Error ? err.message : String(err), count: inserted.length },
            'could not queue stored events; the sweeper will queue them',
          );
        })
        .finally(() => enqueues.delete(p));
      enqueues.add(p);
    }
  }

  async function flushLoop(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await write(batch);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    flushing = undefined;
  }

  return {
    accept(events) {
      if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
      return new Promise<IntakeResult>((resolve, reject) => {
        queue.push({ events, resolve, reject });
        flushing ??= new Promise<void>((r) => setImmediate(r)).then(flushLoop);
      });
    },
    async drain() {
      while (flushing) await flushing;
      await Promise.all([...enqueues]);
    },
  };
}
