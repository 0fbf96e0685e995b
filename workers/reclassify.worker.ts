/**
 * `reclassify`: re-labels stored messages with the model in use (a job, never a migration).
 * Each batch is one transaction that updates the messages and moves their roll-up counts from the
 * old (hour, channel, topic, sentiment, lang) bucket to the new one, and notes the author's new
 * daily slice. Messages an analyst corrected keep the analyst's label. Idempotent: a message
 * already labelled by this model version is skipped, and each update is conditional on the
 * version it read.
 */
import type { Logger } from '../bots/shared/connector.ts';
import type { Db } from '../db/database.ts';
import { moveSlice } from '../db/rollups.ts';
import type { Analyzer } from './analysis/index.ts';
import type { JobMap } from './jobs.ts';
import { loadPromotedAnalyzer } from './retrain.worker.ts';

export interface ReclassifyDeps {
  db: Db;
  now: () => number;
  /** Kept for symmetry with the retrain job; models are found through the registry. */
  modelDir: string;
  logger: Logger;
  /** Defaults to the promoted model (or the shipped one); tests may pass their own. */
  analyzer?: Analyzer;
  batchSize?: number;
}

export interface ReclassifyOutcome {
  modelVersion: string;
  scanned: number;
  updated: number;
  /** Messages whose topic, sentiment or language changed (their roll-up counts moved). */
  moved: number;
}

export function createReclassifyProcessor(deps: ReclassifyDeps) {
  const { db } = deps;
  const batchSize = deps.batchSize ?? 500;
  return async function reclassify(job: { data: JobMap['reclassify'] }): Promise<ReclassifyOutcome> {
    const analyzer = deps.analyzer ?? (await loadPromotedAnalyzer(db));
    const version = analyzer.modelVersion;
    const out: ReclassifyOutcome = { modelVersion: version, scanned: 0, updated: 0, moved: 0 };
    let afterId = 0;
    for (;;) {
      let q = db.kysely
        .selectFrom('messages as m')
        .select([
          'm.id',
          'm.channel',
          'm.author_hash',
          'm.received_at',
          'm.text_redacted',
          'm.lang',
          'm.topic',
          'm.sentiment',
          'm.model_version',
        ])
        .where('m.id', '>', afterId)
        .where('m.status', '=', 'active')
        .where('m.model_version', '!=', version)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('corrections as c').select('c.id').whereRef('c.message_id', '=', 'm.id'))),
        );
      if (job.data.fromMs !== undefined) q = q.where('m.received_at', '>=', job.data.fromMs);
      if (job.data.toMs !== undefined) q = q.where('m.received_at', '<', job.data.toMs);
      const rows = await q.orderBy('m.id').limit(batchSize).execute();
      if (rows.length === 0) break;
      afterId = Number(rows[rows.length - 1]!.id);
      out.scanned += rows.length;
      const now = deps.now();
      await db.kysely.transaction().execute(async (trx) => {
        for (const m of rows) {
          const a = analyzer.analyse(m.text_redacted);
          const res = await trx
            .updateTable('messages')
            .set({
              text_redacted: a.redacted,
              text_normalised: a.folded,
              lang: a.lang,
              topic: a.topic,
              topic_score: a.confidence,
              topics_json: JSON.stringify(a.topics),
              sentiment: a.sentiment,
              sentiment_score: a.sentimentScore,
              model_version: version,
              updated_at: now,
            })
            .where('id', '=', m.id)
            .where('model_version', '=', m.model_version)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) continue;
          out.updated++;
          const receivedAt = Number(m.received_at);
          const from = {
            receivedAt,
            channel: m.channel,
            topic: m.topic,
            sentiment: m.sentiment,
            lang: m.lang,
          };
          const to = { receivedAt, channel: m.channel, topic: a.topic, sentiment: a.sentiment, lang: a.lang };
          if (from.topic !== to.topic || from.sentiment !== to.sentiment || from.lang !== to.lang) {
            await moveSlice(trx, m.id, from, to, m.author_hash);
            out.moved++;
          }
        }
      });
    }
    deps.logger.info({ ...out }, 'reclassified stored messages');
    return out;
  };
}
