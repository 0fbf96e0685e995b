/**
 * Which team labels each trained model learned from (its span), and the rebuilds erasure asks for
 * when the model in use learned from labels that no longer exist.
 */
import type { Db } from './database.ts';

export interface LabelSpan {
  /** Labels given up to this time were trained on; later ones measure the model. */
  cutoffAt: number;
  maxLabelId: number;
  labelsUsed: number;
}

export async function recordLabelSpan(db: Db, version: string, span: LabelSpan): Promise<void> {
  await db.kysely
    .insertInto('model_label_spans')
    .values({
      model_version: version,
      cutoff_at: span.cutoffAt,
      max_label_id: span.maxLabelId,
      labels_used: span.labelsUsed,
    })
    .onConflict((oc) => oc.column('model_version').doNothing())
    .execute();
}

/** The span of `version`; a model without one (the shipped default) learned from no team label. */
export async function labelSpanOf(db: Db, version: string): Promise<LabelSpan | undefined> {
  const r = await db.kysely
    .selectFrom('model_label_spans')
    .selectAll()
    .where('model_version', '=', version)
    .executeTakeFirst();
  return r
    ? { cutoffAt: Number(r.cutoff_at), maxLabelId: Number(r.max_label_id), labelsUsed: Number(r.labels_used) }
    : undefined;
}

/** The oldest rebuild not done yet. */
export async function pendingRebuild(db: Db): Promise<{ id: number; modelVersion: string } | undefined> {
  const r = await db.kysely
    .selectFrom('model_rebuilds')
    .select(['id', 'model_version'])
    .where('done_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return r ? { id: Number(r.id), modelVersion: r.model_version } : undefined;
}

/** Marks every pending rebuild done by `version` (one retrain covers them all). */
export async function finishRebuilds(db: Db, version: string, now: number): Promise<number> {
  const res = await db.kysely
    .updateTable('model_rebuilds')
    .set({ done_at: now, done_version: version })
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The models pending rebuilds were asked for (they hold erased labels). */
export async function pendingVersions(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('model_rebuilds')
    .select('model_version')
    .distinct()
    .where('done_at', 'is', null)
    .execute();
  return rows.map((r) => r.model_version);
}
