import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

/** Append-only log of past local days whose roll-ups changed (filled by triggers on rollups_hourly). */
export interface RollupChangeTable {
  id: Generated<number>;
  /** Local midnight (Asia/Ho_Chi_Minh) of the changed day. */
  day_ts: EpochMs;
}

export interface RollupChangesTables {
  rollup_changes: RollupChangeTable;
}
