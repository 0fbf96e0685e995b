/** Message text (analysts and admins only): list and search, one message, relabel. All audited. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../../db/audit.ts';
import { getMessage, listMessages, relabelMessage } from '../../db/dashboard-messages.ts';
import { SENTIMENTS, TOPIC_IDS } from '../../workers/analysis/taxonomy.ts';
import type { MessageDetail, MessagesResponse, RelabelResponse } from './api-types.ts';
import { userOf } from './auth.ts';
import type { AggregateCaches, DashboardDeps } from './deps.ts';
import { invalid, notFound } from './errors.ts';
import { doc, FilterQuery, IdParam, PageQuery, toSliceFilter } from './query.ts';

const instant = z.iso.datetime({ offset: true }).optional();
/**
 * `start`/`end` (ISO 8601) narrow the days to an incident's or a chart bucket's exact span; `sort`
 * orders a search by relevance or newest first (db/search-rank.ts).
 */
const MessagesQuery = FilterQuery.extend({
  q: z.string().max(200).optional(),
  sort: z.enum(['relevance', 'newest']).optional(),
  start: instant,
  end: instant,
}).extend(PageQuery.shape);
const RelabelBody = z
  .object({ topic: z.enum(TOPIC_IDS).optional(), sentiment: z.enum(SENTIMENTS).optional() })
  .refine((b) => b.topic !== undefined || b.sentiment !== undefined, 'give a topic, a sentiment or both');

export async function registerMessageRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  caches: AggregateCaches,
): Promise<void> {
  app.get(
    '/messages',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['messages'],
        summary: 'Redacted messages, paged; `q` searches the text',
        querystring: doc(MessagesQuery),
      },
    },
    async (request): Promise<MessagesResponse> => {
      const q = MessagesQuery.parse(request.query);
      const range = toSliceFilter(q, deps.now());
      if (q.start) range.filter.fromMs = Math.max(range.filter.fromMs, Date.parse(q.start));
      if (q.end) range.filter.toMs = Math.min(range.filter.toMs, Date.parse(q.end));
      const page = await listMessages(deps.db, range.filter, {
        q: q.q,
        sort: q.sort,
        page: q.page,
        pageSize: q.pageSize,
      });
      const user = userOf(request);
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'messages.list',
          details: { query: q, shown: page.items.map((m) => m.id) },
          ip: request.ip,
        },
        deps.now(),
      );
      return { page: q.page, pageSize: q.pageSize, ...page };
    },
  );

  app.get(
    '/messages/:id',
    {
      config: { role: 'analyst' },
      schema: { tags: ['messages'], summary: 'One redacted message', params: doc(IdParam) },
    },
    async (request): Promise<MessageDetail> => {
      const { id } = IdParam.parse(request.params);
      const message = await getMessage(deps.db, id);
      if (!message) throw notFound('Message');
      const user = userOf(request);
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'message.read',
          target: `message:${id}`,
          ip: request.ip,
        },
        deps.now(),
      );
      return message;
    },
  );

  app.post(
    '/messages/:id/relabel',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['messages'],
        summary: 'Correct topic and/or sentiment',
        params: doc(IdParam),
        body: doc(RelabelBody),
      },
    },
    async (request): Promise<RelabelResponse> => {
      const { id } = IdParam.parse(request.params);
      const body = RelabelBody.parse(request.body ?? {});
      const current = await getMessage(deps.db, id);
      if (!current) throw notFound('Message');
      const change = { topic: body.topic ?? current.topic, sentiment: body.sentiment ?? current.sentiment };
      if (change.topic === current.topic && change.sentiment === current.sentiment) {
        throw invalid('same_labels', 'the message already has these labels');
      }
      const user = userOf(request);
      const now = deps.now();
      const result = await relabelMessage(deps.db, id, change, user.email, now);
      if (!result) throw notFound('Message');
      // The relabel moved counts between slices of that day: cached aggregates must not lag behind it.
      caches.rollups.invalidate(current.receivedAt);
      caches.suppressionMemo.clear();
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'message.relabel',
          target: `message:${id}`,
          details: { before: result.before, after: change },
          ip: request.ip,
        },
        now,
      );
      const message = await getMessage(deps.db, id);
      if (!message) throw notFound('Message');
      return { message };
    },
  );
}
