/**
 * `process-inbox`: one inbox row → one classified, redacted message, its roll-up increments and the
 * reply to send, committed in ONE transaction that also marks the row done. Running it twice changes
 * nothing twice: the transaction starts by claiming the row (pending → done) and stops if it can't.
 */
import type { Selectable, Transaction } from 'kysely';
import type { Logger } from '../bots/shared/connector.ts';
import {
  type Command,
  type ConversationTexts,
  composeAcknowledgement,
  composeMyData,
  composeOptIn,
  composeStatus,
  isAttachmentOnly,
  parseCommand,
  type ReplyLang,
  replyLanguage,
} from '../bots/shared/conversation.ts';
import { type Channel, type InboundEvent, storedEventSchema } from '../bots/shared/events.ts';
import { createEventKeyer, referenceCode, storedMessageId } from '../bots/shared/pseudonym.ts';
import { detectSignals, type Signals } from '../bots/shared/signals.ts';
import { citizenMessageByRef, citizenMessages, contactRecord } from '../db/citizen-data.ts';
import { deleteContactAddress, saveContactAddress } from '../db/contact-addresses.ts';
import { type Db, purgeDeleted } from '../db/database.ts';
import { eraseAuthor } from '../db/erasure.ts';
import { optInToUpdates, resolutionCovering, stopUpdates } from '../db/incident-notices.ts';
import { type JobRef, newJobKey, reserveRefNumbers } from '../db/lifetime.ts';
import {
  CLAIM_INBOX,
  INSERT_MESSAGE,
  INSERT_REPLY,
  labelColumns,
  MARK_NOTICED,
  UPSERT_CONTACT,
} from '../db/pipeline-writes.ts';
import { PURGED_TABLES } from '../db/retention.ts';
import { bumpRollup, moveSlice, noteAuthorDay, type Slice } from '../db/rollups.ts';
import type { Database, InboxTable } from '../db/schema/index.ts';
import { storableJson } from '../db/storable.ts';
import { insertUrgentCase } from '../db/urgent-cases.ts';
import type { Analysis, Analyzer } from './analysis/index.ts';
import { isTopicId, TOPIC_NAMES } from './analysis/taxonomy.ts';
import type { JobMap } from './jobs.ts';

export interface PipelineDeps {
  db: Db;
  analyzer: Analyzer;
  texts: ConversationTexts;
  /** PSEUDONYM_SECRET: keys the reference codes. */
  secret: string;
  now: () => number;
  logger: Logger;
  /** Queues outbox rows for sending (in bulk: a batch of messages yields a batch of replies). */
  enqueueReplies: (replies: ReplyRef[]) => Promise<void>;
  onProcessed?: (channel: string, latencyMs: number) => void;
  /** Time spent per stage of a batch (parse + analyse, the store transaction, queuing replies). */
  onStage?: (stage: PipelineStage, ms: number) => void;
  /** Commit concurrently running jobs together (one transaction for many messages). */
  batch?: boolean;
  /**
   * Incidents the team knows about now (a cached read of db/incidents.ts): a message about one is told
   * so in its acknowledgement, and a reference code's status says whether it is being fixed.
   */
  openIncidents?: () => Promise<readonly KnownIncident[]>;
}

export interface KnownIncident {
  topic: string | null;
  channels: readonly string[];
  start: number;
}

const BATCH_WAIT_MS = 3;

type ReplyRef = JobRef & { channel: Channel };

interface Prepared {
  row: Selectable<InboxTable>;
  event: InboundEvent;
  authorHash: string;
  analysis: Analysis | undefined;
  erase: boolean;
  /** A whole-message command (erasure, "my data", a reference code), for messages only. */
  command: Command | undefined;
  signals: Signals | undefined;
}

export type PipelineStage = 'analyse' | 'store' | 'replies';

export type PipelineOutcome = 'stored' | 'edited' | 'removed' | 'erased' | 'contact' | 'skipped' | 'missing';

/** Parses a stored inbox payload back into our event type (it is our own JSON, but still checked). */
export function parseStoredEvent(payload: string): InboundEvent {
  // Rows stored before the intake made text storable may still hold U+0000: made storable here too.
  return storedEventSchema.parse(storableJson.parse(payload));
}

export function createPipelineProcessor(deps: PipelineDeps) {
  const { db } = deps;
  const eventKey = createEventKeyer(deps.secret);

  async function queueReplies(replies: ReplyRef[]) {
    if (replies.length === 0) return;
    await deps.enqueueReplies(replies).catch((err: unknown) => {
      deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'replies not queued; sweeper will',
      );
    });
  }

  async function applyEvent(
    trx: Transaction<Database>,
    p: Prepared,
    now: number,
    nextRef: () => number,
    incidents: readonly KnownIncident[],
  ): Promise<{ result: PipelineOutcome; replies: ReplyRef[] }> {
    const knownIncidentOf = (channel: string, topic: string, at: number) =>
      coveredByIncident(incidents, channel, topic, at);
    const { event, authorHash, analysis, erase } = p;
    const inboxId = p.row.id;
    const claimed = await CLAIM_INBOX.execute(trx, { now, id: inboxId });
    if (Number(claimed.numAffectedRows ?? 0) === 0) return { result: 'skipped' as const, replies: [] };

    const replies: ReplyRef[] = [];
    const addReply = async (
      purpose: string,
      target: Record<string, string>,
      text: string,
      keepAuthor = true,
    ) => {
      // No address (imported history): nothing to answer.
      if (Object.keys(target).length === 0) return false;
      const key = newJobKey();
      const [inserted] = (
        await INSERT_REPLY.execute(trx, {
          channel: event.channel,
          inReplyTo: event.eventId,
          purpose,
          authorHash: keepAuthor ? authorHash : null,
          target: JSON.stringify(target),
          text,
          key,
          now,
        })
      ).rows;
      if (inserted) replies.push({ channel: event.channel, id: inserted.id, key });
      return true;
    };

    if (erase && event.type === 'message') {
      await eraseAuthor(trx, event.channel, authorHash, eventKey, now);
      const lang = replyLanguage(analysis?.lang ?? 'und', event.langHint);
      // The confirmation is the one row left pointing at them, without their pseudonym; its
      // address is wiped as soon as it is sent.
      await addReply('erasure', event.address, deps.texts.erased[lang], false);
      return { result: 'erased' as const, replies };
    }

    if (event.type === 'remove') {
      // A removal (Meta may omit who) is not contact from the citizen: only the message changes.
      await trx
        .updateTable('messages')
        .set({ status: 'removed', updated_at: now })
        .where('channel', '=', event.channel)
        .where('platform_message_id', '=', storedMessageId(event.channel, event.messageId, authorHash))
        .execute();
      return { result: 'removed' as const, replies };
    }

    const [contact] = (
      await UPSERT_CONTACT.execute(trx, {
        channel: event.channel,
        authorHash,
        lang: analysis?.lang ?? null,
        at: event.occurredAt,
      })
    ).rows;
    if (!contact) throw new Error(`contact upsert for inbox row ${inboxId} returned nothing`);
    const firstContact = contact.notice_sent_at === null;
    if ('address' in event && event.address && Object.keys(event.address).length > 0) {
      await saveContactAddress(trx, {
        channel: event.channel,
        authorHash,
        address: event.address,
        updatedAt: event.occurredAt,
      });
    }
    const markNoticed = () =>
      MARK_NOTICED.execute(trx, { now, id: contact.id, version: deps.texts.noticeVersion });

    switch (event.type) {
      case 'follow': {
        if (!firstContact || !event.address) return { result: 'contact' as const, replies };
        const lang = replyLanguage('und');
        await addReply('notice', event.address, `${deps.texts.notice[lang]}\n\n${deps.texts.welcome[lang]}`);
        await markNoticed();
        return { result: 'contact' as const, replies };
      }
      case 'unfollow':
        // They can no longer be written to: their address is not kept.
        await deleteContactAddress(trx, event.channel, authorHash);
        return { result: 'contact' as const, replies };
      case 'edit': {
        const a = analysis as Analysis;
        const existing = await trx
          .selectFrom('messages')
          .select(['id', 'received_at', 'topic', 'sentiment', 'lang'])
          .where('channel', '=', event.channel)
          .where('platform_message_id', '=', storedMessageId(event.channel, event.messageId, authorHash))
          .executeTakeFirst();
        if (existing) {
          const from: Slice = { ...existing, receivedAt: existing.received_at, channel: event.channel };
          await trx
            .updateTable('messages')
            .set({ ...labelColumns(a), edited_at: event.occurredAt, updated_at: now })
            .where('id', '=', existing.id)
            .execute();
          await moveSlice(
            trx,
            existing.id,
            from,
            { ...from, topic: a.topic, sentiment: a.sentiment, lang: a.lang },
            authorHash,
          );
          return { result: 'edited' as const, replies };
        }
        // An edit of a message we never saw: keep it as a message of its own, without a reply.
        await insertMessage(trx, { ...event, contentKind: 'text' }, a, false);
        return { result: 'stored' as const, replies };
      }
      case 'message': {
        const a = analysis as Analysis;
        const replyLang = replyLanguage(a.lang, event.langHint);
        if (p.command && p.command.kind !== 'erase') {
          // A bare reference code says nothing about the citizen's language: the platform's hint does.
          const lang = p.command.kind === 'status' ? replyLanguage('und', event.langHint) : replyLang;
          // A command is not feedback: answered, never stored as a message. Someone's data and the
          // status of their messages are never answered in a public comment thread.
          const personal = p.command.kind === 'my_data' || p.command.kind === 'status';
          const answer =
            personal && 'commentId' in event.address
              ? deps.texts.myData.privateOnly[lang]
              : await commandReply(p.command, lang);
          const text = firstContact ? `${deps.texts.notice[lang]}\n\n${answer}` : answer;
          const queued = await addReply(p.command.kind.replace('_', '-'), event.address, text);
          if (firstContact && queued) await markNoticed();
          return { result: 'contact' as const, replies };
        }
        const stored = await insertMessage(trx, event, a, true);
        if (stored?.ref) {
          const signals = p.signals ?? { scam: false, urgent: [] };
          if (signals.urgent.length > 0) {
            await insertUrgentCase(trx, {
              messageId: stored.id,
              channel: event.channel,
              authorHash,
              kinds: signals.urgent,
              now,
            });
          }
          const text = composeAcknowledgement(deps.texts, {
            lang: replyLang,
            refCode: stored.ref,
            firstContact,
            topic: a.topic,
            lowConfidence: a.lowConfidence,
            confidence: a.confidence,
            signals,
            attachmentOnly: isAttachmentOnly(event.contentKind, event.text),
            ...(knownIncidentOf(event.channel, a.topic, event.occurredAt)
              ? { knownIncident: topicName(a.topic) }
              : {}),
          });
          const queued = await addReply(firstContact ? 'notice+ack' : 'ack', event.address, text);
          if (firstContact && queued) await markNoticed();
        }
        return { result: 'stored' as const, replies };
      }
    }

    async function insertMessage(
      t: typeof trx,
      e:
        | Extract<InboundEvent, { type: 'message' }>
        | (Extract<InboundEvent, { type: 'edit' }> & { contentKind: 'text' }),
      a: Analysis,
      withRef: boolean,
    ): Promise<{ id: number; ref: string | undefined } | undefined> {
      const ref = referenceCode(deps.secret, nextRef());
      const [inserted] = (
        await INSERT_MESSAGE.execute(t, {
          ...labelColumns(a),
          inbox_id: inboxId,
          channel: e.channel,
          platform_message_id: storedMessageId(e.channel, e.messageId, authorHash),
          author_hash: authorHash,
          received_at: e.occurredAt,
          content_kind: e.contentKind,
          ref_code: ref,
          now,
        })
      ).rows;
      if (!inserted) return undefined; // the same platform message under another delivery id
      const slice: Slice = {
        receivedAt: e.occurredAt,
        channel: e.channel,
        topic: a.topic,
        sentiment: a.sentiment,
        lang: a.lang,
      };
      await bumpRollup(t, slice, 1);
      await noteAuthorDay(t, slice, authorHash);
      return { id: Number(inserted.id), ref: withRef ? ref : undefined };
    }

    async function commandReply(command: Command, lang: ReplyLang): Promise<string> {
      if (command.kind === 'notify') {
        const topic = await optInToUpdates(trx, event.channel, authorHash, now);
        return composeOptIn(deps.texts, lang, topic === undefined ? undefined : topicName(topic));
      }
      if (command.kind === 'stop') {
        await stopUpdates(trx, event.channel, authorHash, now);
        return deps.texts.updates.stopped[lang];
      }
      if (command.kind === 'status') {
        const found = await citizenMessageByRef(trx, event.channel, authorHash, command.refCode);
        if (!found) return composeStatus(deps.texts, lang, command.refCode, undefined);
        const fixed = await resolutionCovering(trx, event.channel, found.topic, found.receivedAt);
        const open = !fixed && knownIncidentOf(event.channel, found.topic, found.receivedAt);
        return composeStatus(deps.texts, lang, command.refCode, {
          receivedAt: found.receivedAt,
          topicName: topicName(found.topic),
          ...(fixed
            ? { incident: { state: 'fixed' as const, at: fixed.approvedAt, note: fixed.note } }
            : open
              ? { incident: { state: 'open' as const } }
              : {}),
        });
      }
      const [stored, contactRow] = await Promise.all([
        citizenMessages(trx, event.channel, authorHash, 30),
        contactRecord(trx, event.channel, authorHash),
      ]);
      return composeMyData(deps.texts, lang, {
        firstSeenAt: contactRow?.firstSeenAt ?? null,
        noticeVersion: contactRow?.noticeVersion ?? null,
        messages: stored.messages.map((m) => ({ ...m, topicName: topicName(m.topic) })),
        total: stored.total,
      });
    }
  }

  function prepare(row: Selectable<InboxTable>): Prepared {
    const event = parseStoredEvent(row.payload);
    return {
      row,
      event,
      authorHash: row.author_hash ?? '',
      // CPU work happens before the transaction so write locks are held briefly.
      analysis:
        event.type === 'message' || event.type === 'edit' ? deps.analyzer.analyse(event.text) : undefined,
      ...commandAndSignals(event),
    };
  }

  async function processRows(rows: Array<Selectable<InboxTable>>): Promise<PipelineOutcome[]> {
    const t0 = performance.now();
    const prepared = rows.map(prepare);
    const now = deps.now();
    const t1 = performance.now();
    // Reference-code numbers for every message this batch may store, reserved up front.
    const needRefs = prepared.filter(
      (p) => !p.erase && (p.event.type === 'message' || p.event.type === 'edit'),
    );
    let ref = needRefs.length > 0 ? await reserveRefNumbers(db, needRefs.length, now) : 0;
    const nextRef = () => ref++;
    // Read before the transaction: on SQLite a read on another statement would wait for it to end.
    const incidents = deps.openIncidents ? await deps.openIncidents().catch(() => []) : [];
    const outcomes = await db.kysely.transaction().execute(async (trx) => {
      const out: Array<Awaited<ReturnType<typeof applyEvent>>> = [];
      for (const p of prepared) out.push(await applyEvent(trx, p, now, nextRef, incidents));
      return out;
    });
    const t2 = performance.now();
    // An erasure's bytes leave the file and the WAL (SQLite, at once) or the dead rows are vacuumed
    // (PostgreSQL, in the background: VACUUM of a large table takes a while and need not hold the job).
    if (outcomes.some((o) => o.result === 'erased')) {
      purgeDeleted(db, PURGED_TABLES).catch((err: unknown) =>
        deps.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'vacuum after erasure failed',
        ),
      );
    }
    await queueReplies(outcomes.flatMap((o) => o.replies));
    if (deps.onStage) {
      deps.onStage('analyse', t1 - t0);
      deps.onStage('store', t2 - t1);
      deps.onStage('replies', performance.now() - t2);
    }
    const done = deps.now();
    prepared.forEach((p, n) => {
      if (outcomes[n]?.result !== 'skipped') deps.onProcessed?.(p.event.channel, done - p.row.received_at);
    });
    return outcomes.map((o) => o.result);
  }

  /** One job, one transaction: the reference behaviour (and the fallback of the batched path). */
  async function processOne(job: { data: JobMap['process-inbox'] }): Promise<PipelineOutcome> {
    const row = await db.kysely
      .selectFrom('inbox')
      .selectAll()
      .where('id', '=', job.data.inboxId)
      .executeTakeFirst();
    if (!row || !sameLifetime(row, job.data.key)) return 'missing'; // erased, or a lost lifetime's job
    if (row.status !== 'pending') return 'skipped';
    const [outcome] = await processRows([row]);
    return outcome ?? 'skipped';
  }

  if (!deps.batch) return processOne;

  // Batched path: jobs running concurrently are committed together, one transaction for many
  // messages. If a batch fails, each of its jobs is retried alone so one bad row fails by itself.
  let waiting: Array<{
    data: JobMap['process-inbox'];
    resolve: (o: PipelineOutcome) => void;
    reject: (e: unknown) => void;
  }> = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    try {
      const rows = await db.kysely
        .selectFrom('inbox')
        .selectAll()
        .where(
          'id',
          'in',
          batch.map((w) => w.data.inboxId),
        )
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const pending = rows.filter(
        (r) =>
          r.status === 'pending' && batch.some((w) => w.data.inboxId === r.id && sameLifetime(r, w.data.key)),
      );
      const results = new Map<number, PipelineOutcome>();
      if (pending.length > 0) {
        const outcomes = await processRows(pending);
        pending.forEach((r, n) => {
          results.set(r.id, outcomes[n] ?? 'skipped');
        });
      }
      for (const w of batch) {
        const row = byId.get(w.data.inboxId);
        const mine = row !== undefined && sameLifetime(row, w.data.key);
        w.resolve((mine ? results.get(w.data.inboxId) : undefined) ?? (mine ? 'skipped' : 'missing'));
      }
    } catch {
      for (const w of batch) processOne({ data: w.data }).then(w.resolve, w.reject);
    }
  };
  return (job: { data: JobMap['process-inbox'] }): Promise<PipelineOutcome> =>
    new Promise((resolve, reject) => {
      waiting.push({ data: job.data, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // A few milliseconds let more of the concurrently fetched jobs join the same transaction.
        setTimeout(() => void flush(), BATCH_WAIT_MS);
      }
    });
}

/** A job carries its row's key; a row with another key is a later lifetime's row under a reused id. */
function sameLifetime(row: { job_key: string | null }, key: string | undefined): boolean {
  return key === undefined || row.job_key === null || row.job_key === key;
}

/** Whether an open incident covers a message of this topic on this channel at `at`. */
function coveredByIncident(
  incidents: readonly KnownIncident[],
  channel: string,
  topic: string,
  at: number,
): boolean {
  if (topic === 'praise' || topic === 'other') return false;
  return incidents.some((i) => i.topic === topic && i.channels.includes(channel) && at >= i.start);
}

function topicName(topic: string): { vi: string; en: string } {
  return isTopicId(topic) ? TOPIC_NAMES[topic] : { vi: topic, en: topic };
}

function commandAndSignals(event: InboundEvent): Pick<Prepared, 'erase' | 'command' | 'signals'> {
  if (event.type !== 'message') return { erase: false, command: undefined, signals: undefined };
  const command = parseCommand(event.text);
  return { erase: command?.kind === 'erase', command, signals: detectSignals(event.text) };
}

export { markInboxFailed } from '../db/pipeline-writes.ts';
