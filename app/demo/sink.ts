/**
 * Where the demo's replies go: local servers speaking each platform's send API (Telegram Bot API,
 * Graph Send API, Zalo OA API and OAuth), so replies really travel through the reply queue and the
 * connectors' HTTP clients, and never reach the internet. These are the same fakes the end-to-end
 * tests use; they check tokens and body shapes the way the platforms do.
 */
import { type FakeGraph, startFakeGraph } from '../../test/fakes/facebook-graph.ts';
import { FakeTelegram } from '../../test/fakes/telegram.ts';
import { type FakeZalo, startFakeZalo } from '../../test/fakes/zalo.ts';

export interface SinkSecrets {
  telegramToken: string;
  facebookPageToken: string;
  zaloAppId: string;
  zaloAppSecret: string;
  zaloAccessToken: string;
  zaloRefreshToken: string;
}

export interface DemoSink {
  /** The connector URL variables pointing here. */
  env: {
    TELEGRAM_API_ROOT: string;
    FACEBOOK_GRAPH_URL: string;
    ZALO_OPENAPI_URL: string;
    ZALO_OAUTH_URL: string;
  };
  /** Replies the fake platforms accepted, per channel. */
  delivered(): { telegram: number; facebook: number; zalo: number };
  close(): Promise<void>;
}

export async function startDemoSink(s: SinkSecrets): Promise<DemoSink> {
  const telegram = await new FakeTelegram(s.telegramToken).start();
  let graph: FakeGraph | undefined;
  let zalo: FakeZalo | undefined;
  try {
    graph = await startFakeGraph({ pageAccessToken: s.facebookPageToken });
    zalo = await startFakeZalo({
      appId: s.zaloAppId,
      appSecret: s.zaloAppSecret,
      accessToken: s.zaloAccessToken,
      refreshToken: s.zaloRefreshToken,
    });
  } catch (err) {
    await telegram.stop();
    await graph?.close();
    throw err;
  }
  const g = graph;
  const z = zalo;
  return {
    env: {
      TELEGRAM_API_ROOT: telegram.url,
      FACEBOOK_GRAPH_URL: g.url,
      ZALO_OPENAPI_URL: z.openapiUrl,
      ZALO_OAUTH_URL: z.oauthUrl,
    },
    delivered: () => ({
      telegram: telegram.sent().length,
      facebook: g.delivered().length,
      zalo: z.delivered().length,
    }),
    async close() {
      await Promise.all([telegram.stop(), g.close(), z.close()]);
    },
  };
}
