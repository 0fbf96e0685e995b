/** Admin: the classifier's trained models with their held-out scores, and retraining on demand. */
import type { FastifyInstance } from 'fastify';
import { writeAudit } from '../../db/audit.ts';
import { createModelRegistry } from '../../db/models.ts';
import type { ModelsResponse } from './api-types.ts';
import { userOf } from './auth.ts';
import type { DashboardDeps } from './deps.ts';

export async function registerModelRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const registry = createModelRegistry(deps.db);

  app.get(
    '/admin/models',
    {
      config: { role: 'admin' },
      schema: { tags: ['admin'], summary: 'Trained models, newest first, and corrections waiting for one' },
    },
    async (): Promise<ModelsResponse> => {
      const [models, corrections] = await Promise.all([
        registry.list(20),
        // Messages an analyst relabelled (still stored): what a retraining learns from, one per message.
        deps.db.kysely
          .selectFrom('corrections as c')
          .innerJoin('messages as m', 'm.id', 'c.message_id')
          .select((eb) => eb.fn.count<number>('c.message_id').distinct().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      const inUse = models.find((m) => m.promoted);
      return {
        items: models.map((m) => ({
          version: m.version,
          createdAt: m.createdAt,
          macroF1: m.macroF1,
          trainSize: m.trainSize,
          correctionsUsed: m.correctionsUsed,
          requestedBy: m.requestedBy,
          promoted: m.promoted,
          promotedAt: m.promotedAt,
        })),
        correctedMessages: Number(corrections.n),
        correctedSinceInUse: Math.max(0, Number(corrections.n) - (inUse?.correctionsUsed ?? 0)),
      };
    },
  );

  app.post(
    '/admin/retrain',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['admin'],
        summary:
          'Queue a retraining (corpus + corrections); promoted only if its held-out macro-F1 is not worse',
      },
    },
    async (request, reply): Promise<{ queued: true }> => {
      const user = userOf(request);
      await deps.enqueue('retrain', { requestedBy: user.email });
      await writeAudit(
        deps.db,
        { userId: user.id, userEmail: user.email, action: 'model.retrain', ip: request.ip },
        deps.now(),
      );
      void reply.status(202);
      return { queued: true };
    },
  );
}
