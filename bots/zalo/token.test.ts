import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/database.ts';
import { createZaloTokenStore } from '../../db/zalo-tokens.ts';
import { type FakeZalo, startFakeZalo } from '../../test/fakes/zalo.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/helpers/databases.ts';
import type { Logger } from '../shared/connector.ts';
import { UpstreamError } from '../shared/errors.ts';
import { createZaloTokens } from './token.ts';

const APP_ID = '360846524940903967';
const APP_SECRET = 'zalo-app-secret-test';
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe.each(DIALECTS)('Zalo token refresh on %s', (dialect) => {
  let t: TestDatabase;
  let zalo: FakeZalo;
  const extra: Db[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());
  beforeEach(async () => {
    await t.db.kysely.deleteFrom('zalo_tokens').execute();
    zalo = await startFakeZalo({
      appId: APP_ID,
      appSecret: APP_SECRET,
      accessToken: 'seed-access',
      refreshToken: 'seed-refresh',
      refreshDelayMs: 150,
    });
  });
  afterEach(async () => {
    await zalo.close();
    await Promise.all(extra.splice(0).map((d) => d.close()));
  });

  /** One "worker process": its own database connection and token manager. */
  const worker = (
    db: Db,
    now = () => 1_764_403_200_000,
    seed: { accessToken?: string; refreshToken?: string } = {
      accessToken: 'seed-access',
      refreshToken: 'seed-refresh',
    },
  ) =>
    createZaloTokens({
      store: createZaloTokenStore(db, APP_ID),
      oauthUrl: zalo.oauthUrl,
      appId: APP_ID,
      appSecret: APP_SECRET,
      seed: { accessToken: seed.accessToken, refreshToken: seed.refreshToken },
      fetch,
      now,
      logger: silent,
    });
  const connection = async () => {
    const db = await createDb(t.url, { poolSize: 2 });
    extra.push(db);
    return db;
  };
  const stored = () => t.db.kysely.selectFrom('zalo_tokens').selectAll().executeTakeFirstOrThrow();

  it('seeds the table from configuration the first time', async () => {
    expect(await worker(t.db).current()).toBe('seed-access');
    expect(await stored()).toMatchObject({
      account: APP_ID,
      access_token: 'seed-access',
      refresh_token: 'seed-refresh',
      version: 1,
    });
  });

  it('lets exactly one of several processes refresh; all get the new token, stored before use', async () => {
    const workers = await Promise.all([0, 1, 2, 3].map(async () => worker(await connection())));
    for (const w of workers) expect(await w.current()).toBe('seed-access');
    zalo.expireAccessToken();
    const tokens = await Promise.all(workers.map((w) => w.refreshAfterRejection('seed-access')));
    expect(zalo.refreshes()).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set([zalo.tokens().accessToken]));
    const row = await stored();
    expect(row).toMatchObject({
      ...{ access_token: zalo.tokens().accessToken },
      refresh_token: zalo.tokens().refreshToken,
      version: 2,
      lease_owner: null,
    });
    expect(row.expires_at).toBe(1_764_403_200_000 + 90_000_000);
    const form = new URLSearchParams(zalo.refreshes()[0]?.rawBody);
    expect(Object.fromEntries(form)).toEqual({
      refresh_token: 'seed-refresh',
      app_id: APP_ID,
      grant_type: 'refresh_token',
    });
    expect(zalo.refreshes()[0]?.headers['secret_key']).toBe(APP_SECRET);
  });

  it('keeps the refreshed pair across a restart with the same configuration, re-seeds when it changes', async () => {
    await worker(t.db).refreshAfterRejection('seed-access');
    const refreshed = zalo.tokens().accessToken;
    expect(await worker(await connection()).current()).toBe(refreshed);
    const reauthorised = worker(await connection(), undefined, {
      accessToken: 'operator-access',
      refreshToken: 'operator-refresh',
    });
    expect(await reauthorised.current()).toBe('operator-access');
  });

  it('refreshes early when the stored token is about to expire', async () => {
    let now = 1_764_403_200_000;
    const w = worker(t.db, () => now);
    await w.refreshAfterRejection('seed-access');
    const first = zalo.tokens().accessToken;
    expect(await w.current()).toBe(first);
    now += 90_000_000 - 5 * 60_000;
    expect(await w.current()).not.toBe(first);
    expect(zalo.refreshes()).toHaveLength(2);
  });

  it('fails permanently and releases the lease when Zalo refuses the refresh token', async () => {
    await t.db.kysely.deleteFrom('zalo_tokens').execute();
    const w = worker(t.db, undefined, { accessToken: 'seed-access', refreshToken: 'spent-refresh' });
    const err = await w.refreshAfterRejection('seed-access').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ permanent: true, message: expect.stringContaining('-14014') });
    expect(await stored()).toMatchObject({ lease_owner: null, refresh_token: 'spent-refresh', version: 1 });
  });

  it('seeds from a refresh token alone by refreshing before the first send', async () => {
    const w = worker(t.db, undefined, { refreshToken: 'seed-refresh' });
    expect(await w.current()).toBe(zalo.tokens().accessToken);
    expect(zalo.refreshes()).toHaveLength(1);
  });
});
