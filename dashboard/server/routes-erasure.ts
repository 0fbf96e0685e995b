/**
 * Admin: erase a citizen's data on a request received outside the chat (letter, email, phone), found by
 * the reference code the bot gave them. The same erasure as the chat command: every message, raw event,
 * reply and contact record of that pseudonymous author on that channel; anonymous hourly counts stay.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createEventKeyer } from '../../bots/shared/pseudonym.ts';
import { writeAudit } from '../../db/audit.ts';
import { purgeDeleted } from '../../db/database.ts';
import { eraseAuthor } from '../../db/erasure.ts';
import { PURGED_TABLES } from '../../db/retention.ts';
import type { ErasureResponse } from './api-types.ts';
import { userOf } from './auth.ts';
import type { AggregateCaches, DashboardDeps } from './deps.ts';
import { notFound } from './errors.ts';
import { doc } from './query.ts';

/**
 * "gy00k37qz1m4d", "GY-00K3-7QZ1-M4D" and "gy 00k3 7qz1 m4d" are the same code (as citizens retype it);
 * codes of the earlier six-character form (`GY-04XJ-DN`) are still found.
 */
const ErasureBody = z.object({
  refCode: z
    .string()
    .transform((s) => s.toUpperCase().replace(/[^0-9A-Z]/g, ''))
    .pipe(z.string().regex(/^GY([0-9A-Z]{6}|[0-9A-Z]{11})$/, 'a reference code looks like GY-00K3-7QZ1-M4D'))
    .transform((s) =>
      s.length === 8
        ? `GY-${s.slice(2, 6)}-${s.slice(6)}`
        : `GY-${s.slice(2, 6)}-${s.slice(6, 10)}-${s.slice(10)}`,
    ),
});

export async function registerErasureRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  caches: AggregateCaches,
): Promise<void> {
  const eventKey = createEventKeyer(deps.config.PSEUDONYM_SECRET);
  app.post(
    '/admin/erasure',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Erase a citizen's data, found by a reference code they were given",
        body: doc(ErasureBody),
      },
    },
    async (request): Promise<ErasureResponse> => {
      const { refCode } = ErasureBody.parse(request.body);
      const admin = userOf(request);
      const message = await deps.db.kysely
        .selectFrom('messages')
        .select(['channel', 'author_hash'])
        .where('ref_code', '=', refCode)
        .executeTakeFirst();
      // Unknown, or already erased (the code then no longer points at anything).
      if (!message) throw notFound(`Reference code ${refCode}`);
      const counts = await deps.db.kysely
        .transaction()
        .execute((trx) => eraseAuthor(trx, message.channel, message.author_hash, eventKey, deps.now()));
      // SQLite: the bytes leave the file and WAL at once; PostgreSQL: VACUUM in the background.
      purgeDeleted(deps.db, PURGED_TABLES).catch((err: unknown) =>
        deps.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'vacuum after erasure failed',
        ),
      );
      // Distinct-author counts changed: suppression decisions are made again.
      caches.suppressionMemo.clear();
      await writeAudit(
        deps.db,
        {
          userId: admin.id,
          userEmail: admin.email,
          action: 'citizen.erase',
          target: `ref:${refCode}`,
          details: { ...counts },
          ip: request.ip,
        },
        deps.now(),
      );
      return { refCode, ...counts };
    },
  );
}
