/**
 * The review queue (analysts and admins): the messages the model is least sure of, most valuable first;
 * an analyst accepts the model's labels (a confirmation) or changes them (a correction), or skips.
 * Reading the queue shows message text, so it is audited like the message list.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../../db/audit.ts';
import { labelFromReview, reviewQueue, skipReview } from '../../db/review-queue.ts';
import { teamLabelProgress } from '../../db/team-labels.ts';
import { SENTIMENTS, TOPIC_IDS } from '../../workers/analysis/taxonomy.ts';
import { userOf } from './auth.ts';
import type { AggregateCaches, DashboardDeps } from './deps.ts';
import { notFound } from './errors.ts';
import { doc, IdParam } from './query.ts';
import type {
  ReviewLabelResponse,
  ReviewProgress,
  ReviewQueueResponse,
  ReviewSkipResponse,
} from './review-types.ts';

const QueueQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
const LabelBody = z.object({ topic: z.enum(TOPIC_IDS), sentiment: z.enum(SENTIMENTS) });

export async function registerReviewRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  caches: AggregateCaches,
): Promise<void> {
  const queueOf = async (request: FastifyRequest, limit: number) => {
    const user = userOf(request);
    const now = deps.now();
    const [queue, labels] = await Promise.all([
      reviewQueue(deps.db, { userId: user.id, now, limit }),
      teamLabelProgress(deps.db, user.email, now),
    ]);
    const progress: ReviewProgress = {
      labelledToday: labels.labelledToday,
      inQueue: queue.inQueue,
      totalTeamLabels: labels.total,
    };
    return { items: queue.items, progress };
  };
  const audit = (
    request: FastifyRequest,
    action: string,
    target: string | null,
    details: Record<string, unknown>,
  ) => {
    const user = userOf(request);
    return writeAudit(
      deps.db,
      { userId: user.id, userEmail: user.email, action, target, details, ip: request.ip },
      deps.now(),
    );
  };

  app.get(
    '/review/queue',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Messages the model is least sure of, most valuable first (uncertainty × near-duplicates)',
        querystring: doc(QueueQuery),
      },
    },
    async (request): Promise<ReviewQueueResponse> => {
      const { limit } = QueueQuery.parse(request.query);
      const out = await queueOf(request, limit);
      await audit(request, 'review.queue', null, { shown: out.items.map((m) => m.id) });
      return out;
    },
  );

  app.post(
    '/review/:id/label',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        summary: "Label a message: the model's labels kept (confirmation) or changed (correction)",
        params: doc(IdParam),
        body: doc(LabelBody),
      },
    },
    async (request): Promise<ReviewLabelResponse> => {
      const { id } = IdParam.parse(request.params);
      const label = LabelBody.parse(request.body ?? {});
      const user = userOf(request);
      const result = await labelFromReview(deps.db, id, label, user.email, deps.now());
      if (!result) throw notFound('Message');
      if (result.before.topic !== label.topic || result.before.sentiment !== label.sentiment) {
        // The relabel moved counts between slices of that day.
        caches.rollups.invalidate(result.receivedAt);
        caches.suppressionMemo.clear();
      }
      await audit(request, 'review.label', `message:${id}`, {
        kind: result.kind,
        before: result.before,
        after: label,
      });
      const { progress } = await queueOf(request, 1);
      return { kind: result.kind, progress };
    },
  );

  app.post(
    '/review/:id/skip',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Skip a message (not offered to you again)',
        params: doc(IdParam),
      },
    },
    async (request): Promise<ReviewSkipResponse> => {
      const { id } = IdParam.parse(request.params);
      const exists = await deps.db.kysely
        .selectFrom('messages')
        .select('id')
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!exists) throw notFound('Message');
      await skipReview(deps.db, userOf(request).id, id, deps.now());
      await audit(request, 'review.skip', `message:${id}`, {});
      const { progress } = await queueOf(request, 1);
      return { skipped: true, progress };
    },
  );
}
