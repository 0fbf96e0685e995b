/**
 * The citizen side of the dashboard: urgent cases (money lost, accounts taken over, data misused)
 * listed until someone marks them handled, and attachments by topic and channel.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../../db/audit.ts';
import { attachmentCounts } from '../../db/message-kinds.ts';
import { countOpenUrgentCases, listUrgentCases, markUrgentCaseHandled } from '../../db/urgent-cases.ts';
import { shownCount } from '../../workers/analysis/suppression.ts';
import type { AttachmentsResponse, UrgentCasesResponse } from './api-types.ts';
import { userOf } from './auth.ts';
import type { DashboardDeps } from './deps.ts';
import { notFound } from './errors.ts';
import { doc, FilterQuery, toSliceFilter } from './query.ts';

const UrgentQuery = z.object({ status: z.enum(['open', 'handled']).default('open') });
const IdParams = z.object({ id: z.coerce.number().int().positive() });

export async function registerCitizenRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  app.get(
    '/urgent',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['citizens'],
        summary:
          'Urgent cases (money lost, account taken over, data misused), open or handled, with redacted text',
        querystring: doc(UrgentQuery),
      },
    },
    async (request): Promise<UrgentCasesResponse> => {
      const { status } = UrgentQuery.parse(request.query);
      const [cases, open] = await Promise.all([
        listUrgentCases(deps.db, { status, withText: true }),
        countOpenUrgentCases(deps.db),
      ]);
      const user = userOf(request);
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'urgent.list',
          details: { status, shown: cases.map((c) => c.messageId) },
          ip: request.ip,
        },
        deps.now(),
      );
      return { open, cases };
    },
  );

  app.post(
    '/urgent/:id/handled',
    {
      config: { role: 'analyst' },
      schema: { tags: ['citizens'], summary: 'Mark an urgent case handled', params: doc(IdParams) },
    },
    async (request): Promise<{ ok: true }> => {
      const { id } = IdParams.parse(request.params);
      const user = userOf(request);
      const now = deps.now();
      if (!(await markUrgentCaseHandled(deps.db, id, user.email, now)))
        throw notFound(`Open urgent case ${id}`);
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'urgent.handled',
          target: `urgent:${id}`,
          ip: request.ip,
        },
        now,
      );
      return { ok: true };
    },
  );

  app.get(
    '/attachments',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['citizens'],
        summary: 'Messages that came with attachments, per channel, topic and kind ("< k" below k citizens)',
        querystring: doc(FilterQuery),
      },
    },
    async (request): Promise<AttachmentsResponse> => {
      const range = toSliceFilter(FilterQuery.parse(request.query), deps.now());
      const k = deps.config.SUPPRESSION_K;
      const cells = await attachmentCounts(deps.db, range.filter);
      return {
        from: range.from,
        to: range.to,
        cells: await Promise.all(
          cells.map(async (c) => ({
            channel: c.channel,
            topic: c.topic,
            kind: c.kind,
            count: await shownCount(c.count, k, async () => c.citizens >= k),
          })),
        ),
      };
    },
  );
}
