import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/logger.ts';
import { type FakeGraph, startFakeGraph } from '../../test/fakes/facebook-graph.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { testConfig } from '../../test/helpers/harness.ts';
import { createFacebookConnector } from './index.ts';

const COMMENT = '122131676912594941_1213590066982748';

describe('createFacebookConnector', () => {
  let graph: FakeGraph;
  let t: TestDatabase;
  beforeAll(async () => {
    graph = await startFakeGraph({ pageAccessToken: 'page-token' });
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await graph.close();
    await t.destroy();
  });

  const connector = (mode?: string) => {
    const config = testConfig({
      FACEBOOK_APP_SECRET: 'secret',
      FACEBOOK_VERIFY_TOKEN: 'verify',
      FACEBOOK_PAGE_ACCESS_TOKEN: 'page-token',
      FACEBOOK_GRAPH_URL: graph.url,
      FACEBOOK_COMMENT_REPLY: mode,
    });
    const c = createFacebookConnector(config, { db: t.db, fetch, now: Date.now, logger: silentLogger });
    if (!c) throw new Error('connector is off');
    return c;
  };
  const reply = {
    channel: 'facebook' as const,
    address: { commentId: COMMENT, commentedAt: String(Date.now()) },
    text: 'Cảm ơn bạn!',
    replyId: 1,
  };

  it('answers comments privately by default and publicly when FACEBOOK_COMMENT_REPLY=public', async () => {
    await connector().send(reply);
    await connector('public').send(reply);
    expect(graph.delivered().map((r) => r.path)).toEqual([
      '/v24.0/me/messages',
      `/v24.0/${COMMENT}/comments`,
    ]);
  });
});
