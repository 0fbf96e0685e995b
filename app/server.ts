import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Connector, Logger } from '../bots/shared/connector.ts';
import type { Intake } from '../bots/shared/intake.ts';
import { webhookRoutes } from '../bots/shared/webhook-route.ts';
import { bearerAllows } from '../dashboard/server/auth.ts';
import { type Db, ping } from '../db/database.ts';
import type { Metrics } from './metrics.ts';

export interface ServerDeps {
  db: Db;
  intake: Intake;
  connectors: readonly Connector[];
  metrics: Metrics;
  logger: Logger;
  /** Resolves when Redis answers PING. */
  redisPing: () => Promise<void>;
  /** The dashboard's API (mounted at /api) and web UI (mounted at /). */
  dashboard?: { api: FastifyPluginAsync; web: FastifyPluginAsync };
  webhookBodyLimit?: number;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY): hops or addresses, as Fastify's trustProxy. */
  trustProxy?: false | number | string[];
  /** METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
  /** The clock that dates receipt of webhook deliveries (default Date.now). */
  now?: () => number;
  /** Keep platform times as given (replayed history, the demo's ingest). */
  keepPlatformTimes?: boolean;
}

/** TRUST_PROXY as Fastify's option; n hops: trust the n addresses nearest to us (what proxy-addr does). */
export function trustProxyOption(value: false | number | string[] | undefined) {
  return typeof value === 'number' ? (_addr: string, hop: number) => hop < value : (value ?? false);
}

/** The one HTTP app. It never listens here: app/main.ts listens, tests use `inject` or port 0. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(deps.trustProxy),
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const check = async (fn: () => Promise<void>) => {
      try {
        await Promise.race([
          fn(),
          new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 1500)),
        ]);
        return 'ok';
      } catch (err) {
        return err instanceof Error ? err.message : 'down';
      }
    };
    const [database, redis] = await Promise.all([check(() => ping(deps.db)), check(deps.redisPing)]);
    const ok = database === 'ok' && redis === 'ok';
    return reply.code(ok ? 200 : 503).send({ ok, database, redis });
  });
  app.get('/metrics', async (req, reply) => {
    if (!bearerAllows(req.headers.authorization, deps.metricsToken)) {
      return reply
        .status(401)
        .send({ error: { code: 'unauthenticated', message: 'Send Authorization: Bearer <METRICS_TOKEN>.' } });
    }
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });

  await app.register(webhookRoutes, {
    connectors: deps.connectors,
    intake: deps.intake,
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.keepPlatformTimes ? { keepPlatformTimes: true } : {}),
    ...(deps.webhookBodyLimit ? { bodyLimit: deps.webhookBodyLimit } : {}),
    onOutcome: (channel, outcome) => deps.metrics.webhook.inc({ channel, outcome }),
  });

  if (deps.dashboard) {
    await app.register(deps.dashboard.api, { prefix: '/api' });
    await app.register(deps.dashboard.web);
  }
  return app;
}
