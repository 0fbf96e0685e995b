/**
 * Durable storage for the Zalo OA token pair, safe across processes. Every change is a conditional
 * UPDATE, so on SQLite and PostgreSQL alike exactly one writer wins:
 * - `acquireLease` succeeds only for the version the caller saw and only when no live lease exists;
 * - `storeRefreshed` writes the new pair only if nobody stored a newer one meanwhile.
 * The refresh protocol itself (when to refresh, calling Zalo) lives in bots/zalo/token.ts.
 */
import type { Db } from './database.ts';
import type { ZaloTokenTable } from './schema/connectors.ts';

export type ZaloTokenRow = Pick<
  ZaloTokenTable,
  'access_token' | 'refresh_token' | 'expires_at' | 'version' | 'lease_owner' | 'lease_until'
>;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: number | null;
}

export interface ZaloTokenStore {
  /**
   * Creates the row from configuration the first time; replaces it when the configured pair changed
   * (an operator re-authorised the OA), identified by `seedHash`. Returns the current row.
   */
  seed(pair: TokenPair, seedHash: string, now: number): Promise<ZaloTokenRow>;
  read(): Promise<ZaloTokenRow | undefined>;
  acquireLease(version: number, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Stores the refreshed pair and clears the lease; false when a newer pair was stored first. */
  storeRefreshed(version: number, pair: TokenPair, now: number): Promise<boolean>;
  releaseLease(owner: string): Promise<void>;
}

const COLUMNS = [
  'access_token',
  'refresh_token',
  'expires_at',
  'version',
  'lease_owner',
  'lease_until',
] as const;

export function createZaloTokenStore(db: Db, account: string): ZaloTokenStore {
  const k = db.kysely;
  const read = () =>
    k.selectFrom('zalo_tokens').select(COLUMNS).where('account', '=', account).executeTakeFirst();

  return {
    read,

    async seed(pair, seedHash, now) {
      await k
        .insertInto('zalo_tokens')
        .values({
          account,
          access_token: pair.accessToken,
          refresh_token: pair.refreshToken,
          expires_at: pair.expiresAt,
          version: 1,
          lease_owner: null,
          lease_until: null,
          seed_hash: seedHash,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('account').doNothing())
        .execute();
      await k
        .updateTable('zalo_tokens')
        .set((eb) => ({
          access_token: pair.accessToken,
          refresh_token: pair.refreshToken,
          expires_at: pair.expiresAt,
          version: eb('version', '+', 1),
          lease_owner: null,
          lease_until: null,
          seed_hash: seedHash,
          updated_at: now,
        }))
        .where('account', '=', account)
        .where('seed_hash', '<>', seedHash)
        .execute();
      const row = await read();
      if (!row) throw new Error('zalo_tokens row vanished after seeding');
      return row;
    },

    async acquireLease(version, owner, now, leaseMs) {
      const result = await k
        .updateTable('zalo_tokens')
        .set({ lease_owner: owner, lease_until: now + leaseMs })
        .where('account', '=', account)
        .where('version', '=', version)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async storeRefreshed(version, pair, now) {
      const result = await k
        .updateTable('zalo_tokens')
        .set({
          access_token: pair.accessToken,
          refresh_token: pair.refreshToken,
          expires_at: pair.expiresAt,
          version: version + 1,
          lease_owner: null,
          lease_until: null,
          updated_at: now,
        })
        .where('account', '=', account)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async releaseLease(owner) {
      await k
        .updateTable('zalo_tokens')
        .set({ lease_owner: null, lease_until: null })
        .where('account', '=', account)
        .where('lease_owner', '=', owner)
        .execute();
    },
  };
}
