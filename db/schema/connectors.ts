import type { EpochMs } from './spine.ts';

/**
 * The current Zalo OA token pair, one row per OA app (`account` = ZALO_APP_ID). Secrets: never logged,
 * never exported. `version` increases on every stored refresh; `lease_*` marks the one process
 * allowed to spend the single-use refresh token right now.
 */
export interface ZaloTokenTable {
  account: string;
  access_token: string;
  refresh_token: string;
  /** Null when seeded from configuration (lifetime unknown). */
  expires_at: EpochMs | null;
  version: number;
  lease_owner: string | null;
  lease_until: EpochMs | null;
  /** Hash of the configured ZALO_ACCESS_TOKEN/ZALO_REFRESH_TOKEN this row was seeded from. */
  seed_hash: string;
  updated_at: EpochMs;
}

/** Tables added by the connectors work. */
export interface ConnectorsTables {
  zalo_tokens: ZaloTokenTable;
}
