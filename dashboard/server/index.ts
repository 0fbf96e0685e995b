/**
 * The dashboard as two Fastify plugins. The host registers `api` under `/api` and `web` at `/`:
 *
 *   const dashboard = createDashboard({ config, db, now: Date.now, logger, enqueue, health });
 *   await app.register(dashboard.api, { prefix: '/api' });
 *   await app.register(dashboard.web);
 *
 * Everything the plugins need (cookies, rate limiting, OpenAPI at /api/docs, static files) is registered
 * inside them, encapsulated, so the host adds nothing else.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { createSuppressionMemo } from '../../db/dashboard-aggregates.ts';
import { DAY_MS, localDayStart } from '../../db/dashboard-filters.ts';
import { createRollupReader } from '../../db/dashboard-rollup-cache.ts';
import { createChangeWatcher } from '../../db/rollup-changes.ts';
import { bearerAllows, registerAuth } from './auth.ts';
import type { DashboardDeps } from './deps.ts';
import { errorBody, errorHandler } from './errors.ts';
import { registerAdminRoutes } from './routes-admin.ts';
import { registerAggregateRoutes } from './routes-aggregates.ts';
import { registerCitizenRoutes } from './routes-citizen.ts';
import { registerErasureRoutes } from './routes-erasure.ts';
import { registerIncidentRoutes } from './routes-incidents.ts';
import { registerMessageRoutes } from './routes-messages.ts';
import { registerModelRoutes } from './routes-models.ts';
import { registerNoticeRoutes } from './routes-notices.ts';
import { registerReplyFailureRoutes } from './routes-reply-failures.ts';
import { registerReviewRoutes } from './routes-review.ts';
import { registerSetupRoutes } from './routes-setup.ts';
import { registerTeamLabelRoutes } from './routes-team-labels.ts';
import { registerTrendRoutes } from './routes-trends.ts';
import { registerWeb } from './web.ts';

export type { DashboardDeps, DashboardLogger } from './deps.ts';

export const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export interface Dashboard {
  /** JSON API; register with `{ prefix: '/api' }`. */
  api: FastifyPluginAsync;
  /** The built React UI; register at the root. */
  web: FastifyPluginAsync;
}

export function createDashboard(deps: DashboardDeps): Dashboard {
  const suppressionMemo = createSuppressionMemo(deps.now);
  const caches = {
    // History written by any process (import, late deliveries, relabels, re-classification) is seen
    // within about a second: the rollup_changes log is checked before cached days are used.
    rollups: createRollupReader(deps.db, {
      now: deps.now,
      changes: createChangeWatcher(deps.db),
      onChange: () => suppressionMemo.clear(),
    }),
    suppressionMemo,
  };
  const api: FastifyPluginAsync = async (app) => {
    // zod validates in each handler; route schemas exist for the OpenAPI document only.
    app.setValidatorCompiler(() => (data) => ({ value: data }));
    app.setErrorHandler(errorHandler(deps.logger));
    app.setNotFoundHandler((_request, reply) => {
      void reply.status(404).send(errorBody('not_found', 'No such API endpoint.'));
    });
    await app.register(fastifyCookie);
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'VNeID feedback dashboard API',
          version: '1',
          description:
            'Aggregates read hourly roll-ups only; slices with fewer than SUPPRESSION_K distinct citizens are shown as "< k". Times are Asia/Ho_Chi_Minh. Writes need the x-csrf-token header from /api/auth/me.',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'vneid_session' } },
        },
        security: [{ session: [] }],
      },
    });
    // With METRICS_TOKEN set, the API description is for operators only, like /metrics.
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (!/^\/api\/docs(\/|$)/.test(path)) return;
      if (!bearerAllows(request.headers.authorization, deps.config.METRICS_TOKEN)) {
        return reply.status(401).send({
          error: { code: 'unauthenticated', message: 'The API description needs the operator token.' },
        });
      }
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
    // Warm the roll-up day cache (today and the 60 days before, the default view and its comparison
    // period) in the background, so the first person to open the dashboard does not pay for it.
    app.addHook('onReady', async () => {
      const today = localDayStart(deps.now());
      caches.rollups.total({ fromMs: today - 60 * DAY_MS, toMs: today + DAY_MS }).catch((err: unknown) => {
        deps.logger.warn({ err }, 'dashboard cache warm-up failed');
      });
    });
    await registerAuth(app, deps);
    await registerAggregateRoutes(app, deps, caches);
    await registerMessageRoutes(app, deps, caches);
    await registerTrendRoutes(app, deps);
    await registerAdminRoutes(app, deps);
    await registerModelRoutes(app, deps);
    await registerErasureRoutes(app, deps, caches);
    await registerCitizenRoutes(app, deps);
    await registerReviewRoutes(app, deps, caches);
    await registerIncidentRoutes(app, deps, caches);
    await registerNoticeRoutes(app, deps);
    await registerTeamLabelRoutes(app, deps);
    await registerSetupRoutes(app, deps);
    await registerReplyFailureRoutes(app, deps);
  };
  const web: FastifyPluginAsync = async (app) => {
    await registerWeb(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  };
  return { api, web };
}
