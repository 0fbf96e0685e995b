/**
 * Word when it is fixed. Citizens opt in ("báo tôi") to hear about what they reported and can stop
 * ("dừng"); an admin closes an incident with a short resolution note, a second admin approves, and
 * then each opted-in citizen who wrote about the incident's topic on its channels during it is told —
 * only where the platform allows a message now (Telegram always once the citizen wrote to the bot,
 * Messenger within 24 hours and Zalo within 7 days of the citizen's last message), once: the outbox
 * row is keyed by incident and citizen, so a retried approval sends nothing twice. Every citizen
 * considered gets a notice row saying what happened, so the incident shows who was told and why
 * the others were not.
 */
import type { Kysely, Transaction } from 'kysely';
import { getContactAddresses } from './contact-addresses.ts';
import type { Db } from './database.ts';
import { newJobKey } from './lifetime.ts';
import type { Database, NoticeOutcome } from './schema/index.ts';

type Conn = Transaction<Database> | Kysely<Database>;

const HOUR = 3_600_000;
/** How long after the citizen's last message each platform lets us write (null: no limit). */
export const MESSAGING_WINDOW_MS: Record<string, number | null> = {
  telegram: null,
  facebook: 24 * HOUR,
  zalo: 7 * 24 * HOUR,
};

/** Opts the citizen in for what they last reported on this channel; the topic, or undefined if none. */
export async function optInToUpdates(
  trx: Conn,
  channel: string,
  authorHash: string,
  now: number,
): Promise<string | undefined> {
  const last = await trx
    .selectFrom('messages')
    .select('topic')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .where('status', '=', 'active')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return undefined;
  await trx
    .insertInto('update_optins')
    .values({ channel, author_hash: authorHash, topic: last.topic, created_at: now })
    .onConflict((oc) => oc.columns(['channel', 'author_hash', 'topic']).doNothing())
    .execute();
  await trx
    .updateTable('contacts')
    .set({ updates_stopped_at: null })
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
  return last.topic;
}

/** "dừng" / "stop": no more update notices, every opt-in withdrawn. */
export async function stopUpdates(
  trx: Conn,
  channel: string,
  authorHash: string,
  now: number,
): Promise<void> {
  await trx
    .deleteFrom('update_optins')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
  await trx
    .updateTable('contacts')
    .set({ updates_stopped_at: now })
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
}

export interface IncidentRef {
  id: number;
  topic: string;
  channels: readonly string[];
  start: number;
  /** Exclusive end; the time of closing for an incident still open. */
  end: number;
}

export interface Recipient {
  channel: string;
  authorHash: string;
  outcome: NoticeOutcome;
  lang: string | null;
  address?: Record<string, string>;
}

export type NoticeCounts = Record<NoticeOutcome, number>;

export function countOutcomes(rs: readonly { outcome: NoticeOutcome }[]): NoticeCounts {
  const c: NoticeCounts = { sent: 0, outside_window: 0, no_address: 0, opted_out: 0 };
  for (const r of rs) c[r.outcome] += 1;
  return c;
}

/**
 * Who would be told about the incident now, and why the others would not: the citizens who wrote about
 * its topic on its channels during it and asked to be told (or asked to stop).
 */
export async function planNotices(db: Db, inc: IncidentRef, now: number): Promise<Recipient[]> {
  if (inc.channels.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('messages as m')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.channel', '=', 'm.channel').onRef('c.author_hash', '=', 'm.author_hash'),
    )
    .leftJoin('update_optins as o', (j) =>
      j
        .onRef('o.channel', '=', 'm.channel')
        .onRef('o.author_hash', '=', 'm.author_hash')
        .onRef('o.topic', '=', 'm.topic'),
    )
    .select([
      'm.channel',
      'm.author_hash',
      'c.lang',
      'c.last_seen_at',
      'c.updates_stopped_at',
      'o.id as optin',
    ])
    .distinct()
    .where('m.topic', '=', inc.topic)
    .where('m.channel', 'in', [...inc.channels])
    .where('m.status', '=', 'active')
    .where('m.received_at', '>=', inc.start)
    .where('m.received_at', '<', inc.end)
    .execute();
  const relevant = rows.filter((r) => r.optin !== null || r.updates_stopped_at !== null);
  const out: Recipient[] = [];
  for (const channel of inc.channels) {
    const mine = relevant.filter((r) => r.channel === channel);
    const addresses = new Map(
      (await getContactAddresses(db, channel, [...new Set(mine.map((r) => r.author_hash))])).map((a) => [
        a.authorHash,
        a.address,
      ]),
    );
    const window = MESSAGING_WINDOW_MS[channel] ?? null;
    const seen = new Set<string>();
    for (const r of mine) {
      if (seen.has(r.author_hash)) continue;
      seen.add(r.author_hash);
      const address = addresses.get(r.author_hash);
      const outcome: NoticeOutcome =
        r.updates_stopped_at !== null || r.optin === null
          ? 'opted_out'
          : !address || Object.keys(address).length === 0 || 'commentId' in address
            ? 'no_address'
            : window !== null && now - Number(r.last_seen_at) > window
              ? 'outside_window'
              : 'sent';
      out.push({
        channel,
        authorHash: r.author_hash,
        outcome,
        lang: r.lang,
        ...(outcome === 'sent' && address ? { address } : {}),
      });
    }
  }
  return out;
}

export interface ResolutionView {
  incidentId: number;
  topic: string;
  channels: string[];
  noteVi: string;
  noteEn: string;
  proposedBy: string;
  proposedAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
}

export async function getResolution(db: Conn, incidentId: number): Promise<ResolutionView | undefined> {
  const r = await db
    .selectFrom('incident_resolutions')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    incidentId: Number(r.incident_id),
    topic: r.topic,
    channels: JSON.parse(r.channels) as string[],
    noteVi: r.note_vi,
    noteEn: r.note_en,
    proposedBy: r.proposed_by,
    proposedAt: Number(r.proposed_at),
    approvedBy: r.approved_by,
    approvedAt: r.approved_at === null ? null : Number(r.approved_at),
  };
}

/** Records (or, before approval, replaces) an admin's resolution note. False once approved. */
export async function proposeResolution(
  db: Db,
  inc: IncidentRef,
  note: { vi: string; en: string },
  by: string,
  now: number,
): Promise<boolean> {
  const existing = await getResolution(db.kysely, inc.id);
  if (existing?.approvedAt != null) return false;
  const values = {
    incident_id: inc.id,
    topic: inc.topic,
    channels: JSON.stringify(inc.channels),
    start_at: inc.start,
    end_at: inc.end,
    note_vi: note.vi,
    note_en: note.en,
    proposed_by: by,
    proposed_at: now,
    approved_by: null,
    approved_at: null,
  };
  await db.kysely
    .insertInto('incident_resolutions')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('incident_id')
        .doUpdateSet({ ...values })
        .where('incident_resolutions.approved_at', 'is', null),
    )
    .execute();
  return true;
}

/**
 * Approves a proposed resolution and queues the notices in one transaction: the outbox rows (keyed by
 * incident and citizen, so nothing is sent twice however often this runs), a notice row per citizen
 * considered, and the incident's alerts closed. Returns the outbox rows to queue.
 */
export async function approveResolution(
  db: Db,
  inc: IncidentRef & { alertIds: readonly number[] },
  recipients: readonly Recipient[],
  compose: (r: Recipient) => string,
  by: string,
  now: number,
): Promise<Array<{ channel: string; id: number; key: string }>> {
  return db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('incident_resolutions')
      .set({ approved_by: by, approved_at: now })
      .where('incident_id', '=', inc.id)
      .where('approved_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return [];
    const queued: Array<{ channel: string; id: number; key: string }> = [];
    for (const r of recipients) {
      let replyId: number | null = null;
      if (r.outcome === 'sent' && r.address) {
        const key = newJobKey();
        const row = await trx
          .insertInto('replies')
          .values({
            channel: r.channel,
            in_reply_to: `fixed:${inc.id}:${r.authorHash}`,
            purpose: 'fixed',
            author_hash: r.authorHash,
            target: JSON.stringify(r.address),
            text: compose(r),
            status: 'pending',
            error: null,
            created_at: now,
            sent_at: null,
            job_key: key,
          })
          .onConflict((oc) => oc.columns(['channel', 'in_reply_to']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) {
          replyId = Number(row.id);
          queued.push({ channel: r.channel, id: replyId, key });
        }
      }
      await trx
        .insertInto('incident_notices')
        .values({
          incident_id: inc.id,
          channel: r.channel,
          author_hash: r.authorHash,
          outcome: r.outcome,
          reply_id: replyId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'channel', 'author_hash']).doNothing())
        .execute();
    }
    if (inc.alertIds.length > 0) {
      await trx
        .updateTable('alerts')
        .set({ status: 'closed', updated_at: now })
        .where('id', 'in', [...inc.alertIds])
        .where('status', '!=', 'closed')
        .execute();
    }
    return queued;
  });
}

/** Who was told about an incident, and why the others were not (counts only). */
export async function noticeOutcomes(db: Db, incidentId: number): Promise<NoticeCounts> {
  const rows = await db.kysely
    .selectFrom('incident_notices')
    .select('outcome')
    .where('incident_id', '=', incidentId)
    .execute();
  return countOutcomes(rows);
}

/** Erasure: the citizen's opt-ins and notice rows go with everything else. */
export async function eraseNotices(trx: Conn, channel: string, authorHash: string): Promise<void> {
  await trx
    .deleteFrom('update_optins')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
  await trx
    .deleteFrom('incident_notices')
    .where('channel', '=', channel)
    .where('author_hash', '=', authorHash)
    .execute();
}

/** The approved resolution of an incident of `topic` on `channel` that covers the instant `at`. */
export async function resolutionCovering(
  db: Conn,
  channel: string,
  topic: string,
  at: number,
): Promise<{ approvedAt: number; note: { vi: string; en: string } } | undefined> {
  const rows = await db
    .selectFrom('incident_resolutions')
    .select(['channels', 'approved_at', 'note_vi', 'note_en'])
    .where('topic', '=', topic)
    .where('start_at', '<=', at)
    .where('end_at', '>', at)
    .where('approved_at', 'is not', null)
    .orderBy('approved_at', 'desc')
    .execute();
  const r = rows.find((row) => (JSON.parse(row.channels) as string[]).includes(channel));
  return r ? { approvedAt: Number(r.approved_at), note: { vi: r.note_vi, en: r.note_en } } : undefined;
}
