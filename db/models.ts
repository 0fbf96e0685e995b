/** The model registry: trained models with their metrics, and which one is promoted (in use). */
import type { Db } from './database.ts';

export interface ModelRecord {
  id: number;
  version: string;
  createdAt: number;
  filePath: string;
  metrics: unknown;
  macroF1: number;
  trainSize: number;
  correctionsUsed: number;
  requestedBy: string | null;
  promoted: boolean;
  promotedAt: number | null;
}

export interface NewModel {
  version: string;
  createdAt: number;
  filePath: string;
  metrics: unknown;
  macroF1: number;
  trainSize: number;
  correctionsUsed: number;
  requestedBy?: string | undefined;
}

type Row = {
  id: number;
  version: string;
  created_at: number;
  file_path: string;
  metrics_json: string;
  macro_f1: number;
  train_size: number;
  corrections_used: number;
  requested_by: string | null;
  promoted: number;
  promoted_at: number | null;
};

function parseMetrics(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

function toRecord(r: Row): ModelRecord {
  return {
    id: Number(r.id),
    version: r.version,
    createdAt: Number(r.created_at),
    filePath: r.file_path,
    metrics: parseMetrics(r.metrics_json),
    macroF1: Number(r.macro_f1),
    trainSize: Number(r.train_size),
    correctionsUsed: Number(r.corrections_used),
    requestedBy: r.requested_by,
    promoted: Number(r.promoted) === 1,
    promotedAt: r.promoted_at === null ? null : Number(r.promoted_at),
  };
}

export function createModelRegistry(db: Db) {
  const table = () => db.kysely.selectFrom('models').selectAll();
  return {
    /** Records a trained model (not promoted). Idempotent per version: a retried job adds nothing. */
    async add(m: NewModel): Promise<ModelRecord> {
      await db.kysely
        .insertInto('models')
        .values({
          version: m.version,
          created_at: m.createdAt,
          file_path: m.filePath,
          metrics_json: JSON.stringify(m.metrics ?? null),
          macro_f1: m.macroF1,
          train_size: m.trainSize,
          corrections_used: m.correctionsUsed,
          requested_by: m.requestedBy ?? null,
        })
        .onConflict((oc) => oc.column('version').doNothing())
        .execute();
      const row = await table().where('version', '=', m.version).executeTakeFirstOrThrow();
      return toRecord(row);
    },

    /** Makes `version` the only promoted model, in one transaction. */
    async promote(version: string, at: number): Promise<void> {
      await db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('models').set({ promoted: 0 }).where('promoted', '=', 1).execute();
        const res = await trx
          .updateTable('models')
          .set({ promoted: 1, promoted_at: at })
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new Error(`no model ${version} to promote`);
      });
    },

    async promoted(): Promise<ModelRecord | undefined> {
      const row = await table().where('promoted', '=', 1).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async get(version: string): Promise<ModelRecord | undefined> {
      const row = await table().where('version', '=', version).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async list(limit = 50): Promise<ModelRecord[]> {
      const rows = await table().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;
