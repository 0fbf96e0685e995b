import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

/** The model registry (db/models.ts): every trained classifier, its held-out metrics, which one is live. */
export interface ModelTable {
  id: Generated<number>;
  /** Also the `model_version` stored on every message it labelled. */
  version: string;
  created_at: EpochMs;
  /** The model file (gzip, workers/analysis/codec.ts), under the data directory. */
  file_path: string;
  /** Held-out evaluation as JSON (the `eval` command's shape). */
  metrics_json: string;
  /** Held-out topic macro-F1: the promotion criterion. */
  macro_f1: number;
  train_size: number;
  corrections_used: number;
  requested_by: string | null;
  /** 1 for the model in use (at most one row), else 0. */
  promoted: Generated<number>;
  promoted_at: EpochMs | null;
}

export interface ModelsTables {
  models: ModelTable;
}
