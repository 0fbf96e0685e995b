/**
 * The team's labels: every label an analyst accepted (a confirmation) or changed (a correction), one
 * per message (the latest), on the redacted text only. They train the classifier and measure it.
 * A relabel (db/dashboard-messages.ts) and the review queue both write here; erasure deletes here.
 */
import type { Kysely, Transaction } from 'kysely';
import { localDayStart } from './dashboard-filters.ts';
import type { Db } from './database.ts';
import type { Database, TeamLabelKind } from './schema/index.ts';

type Executor = Transaction<Database> | Kysely<Database>;

/** The message as the model left it, at the moment an analyst labels it. */
export interface LabelledMessage {
  id: number;
  channel: string;
  author_hash: string;
  text_redacted: string;
  lang: string;
  model_version: string;
  topic: string;
  sentiment: string;
}

export interface TeamLabel {
  id: number;
  messageId: number;
  text: string;
  lang: string;
  topic: string;
  sentiment: string;
  kind: TeamLabelKind;
  modelVersion: string;
  predictedTopic: string;
  predictedSentiment: string;
  labelledBy: string;
  labelledAt: number;
}

/**
 * Stores `label` as the team's label of `message` (inside the caller's transaction). The model's
 * prediction is the one the message carried when it was first labelled: a later change of mind by the
 * team keeps it, so the label stays a confirmation or correction of what the model said.
 */
export async function recordTeamLabel(
  trx: Executor,
  message: LabelledMessage,
  label: { topic: string; sentiment: string },
  by: string,
  now: number,
): Promise<TeamLabelKind> {
  const existing = await trx
    .selectFrom('team_labels')
    .select(['id', 'predicted_topic', 'predicted_sentiment'])
    .where('message_id', '=', message.id)
    .executeTakeFirst();
  const predicted = existing
    ? { topic: existing.predicted_topic, sentiment: existing.predicted_sentiment }
    : { topic: message.topic, sentiment: message.sentiment };
  const kind: TeamLabelKind =
    predicted.topic === label.topic && predicted.sentiment === label.sentiment
      ? 'confirmation'
      : 'correction';
  if (existing) {
    await trx
      .updateTable('team_labels')
      .set({ topic: label.topic, sentiment: label.sentiment, kind, labelled_by: by, labelled_at: now })
      .where('id', '=', existing.id)
      .execute();
    return kind;
  }
  await trx
    .insertInto('team_labels')
    .values({
      message_id: message.id,
      channel: message.channel,
      author_hash: message.author_hash,
      text_redacted: message.text_redacted,
      lang: message.lang,
      topic: label.topic,
      sentiment: label.sentiment,
      kind,
      model_version: message.model_version,
      predicted_topic: predicted.topic,
      predicted_sentiment: predicted.sentiment,
      labelled_by: by,
      created_at: now,
      labelled_at: now,
    })
    .execute();
  return kind;
}

/** Reads one active message as `recordTeamLabel` needs it. */
export async function labelledMessage(trx: Executor, id: number): Promise<LabelledMessage | undefined> {
  const m = await trx
    .selectFrom('messages')
    .select(['id', 'channel', 'author_hash', 'text_redacted', 'lang', 'model_version', 'topic', 'sentiment'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return m ? { ...m, id: Number(m.id) } : undefined;
}

/** Every team label, oldest first by when it was given (the order the time split cuts). */
export async function listTeamLabels(db: Db, options: { after?: number } = {}): Promise<TeamLabel[]> {
  let q = db.kysely.selectFrom('team_labels').selectAll();
  if (options.after !== undefined) q = q.where('labelled_at', '>', options.after);
  const rows = await q.orderBy('labelled_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    messageId: Number(r.message_id),
    text: r.text_redacted,
    lang: r.lang,
    topic: r.topic,
    sentiment: r.sentiment,
    kind: r.kind,
    modelVersion: r.model_version,
    predictedTopic: r.predicted_topic,
    predictedSentiment: r.predicted_sentiment,
    labelledBy: r.labelled_by,
    labelledAt: Number(r.labelled_at),
  }));
}

export interface TeamLabelProgress {
  /** Labels this analyst gave today (Asia/Ho_Chi_Minh day). */
  labelledToday: number;
  /** Every team label. */
  total: number;
}

export async function teamLabelProgress(db: Db, by: string, now: number): Promise<TeamLabelProgress> {
  const row = await db.kysely
    .selectFrom('team_labels')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('labelled_by', '=', by), eb('labelled_at', '>=', localDayStart(now))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('today'),
    ])
    .executeTakeFirstOrThrow();
  return { labelledToday: Number(row.today ?? 0), total: Number(row.total) };
}

/**
 * Erasure: deletes one citizen's team labels (inside the erasure's transaction). When the model in use
 * learned from any of them, a rebuild is recorded: the next retrain replaces that model regardless of
 * the promotion comparison (workers/retrain.worker.ts), and the sweeper queues that retrain.
 */
export async function eraseTeamLabels(
  trx: Executor,
  channel: string,
  authorHash: string,
  now: number,
): Promise<{ teamLabels: number; rebuild: boolean }> {
  const ids = (
    await trx
      .selectFrom('team_labels')
      .select('id')
      .where('channel', '=', channel)
      .where('author_hash', '=', authorHash)
      .execute()
  ).map((r) => Number(r.id));
  if (ids.length === 0) return { teamLabels: 0, rebuild: false };
  await trx.deleteFrom('team_labels').where('id', 'in', ids).execute();
  const inUse = await trx
    .selectFrom('models as m')
    .leftJoin('model_label_spans as s', 's.model_version', 'm.version')
    .select(['m.version', 'm.corrections_used', 's.max_label_id'])
    .where('m.promoted', '=', 1)
    .executeTakeFirst();
  // A model without a recorded span was trained before team labels: it learned from every
  // relabel there was, so any of this citizen's labels may be in it.
  const learned = !inUse
    ? 0
    : inUse.max_label_id === null
      ? Number(inUse.corrections_used) > 0
        ? ids.length
        : 0
      : ids.filter((id) => id <= Number(inUse.max_label_id)).length;
  if (!inUse || learned === 0) return { teamLabels: ids.length, rebuild: false };
  await trx
    .insertInto('model_rebuilds')
    .values({ requested_at: now, model_version: inUse.version, erased_labels: learned })
    .execute();
  return { teamLabels: ids.length, rebuild: true };
}
