/**
 * Word when it is fixed: an admin closes an incident with a short resolution note (Vietnamese and
 * English), sees who would be told (counts: to send, outside the platform's window, no private
 * address, opted out), and a second admin approves; the notices then go through the reply queue,
 * once per citizen. Each step is audited; the incident keeps who was told and why others were not.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  type ConversationTexts,
  composeFixedNotice,
  loadConversationTexts,
} from '../../bots/shared/conversation.ts';
import { CHANNELS, type Channel } from '../../bots/shared/events.ts';
import { writeAudit } from '../../db/audit.ts';
import {
  approveResolution,
  countOutcomes,
  getResolution,
  type IncidentRef,
  noticeOutcomes,
  planNotices,
  proposeResolution,
} from '../../db/incident-notices.ts';
import { listIncidents } from '../../db/incidents.ts';
import { isTopicId, TOPIC_NAMES } from '../../workers/analysis/taxonomy.ts';
import type { IncidentNoticesResponse } from './api-types.ts';
import { userOf } from './auth.ts';
import type { DashboardDeps } from './deps.ts';
import { ApiError, invalid, notFound } from './errors.ts';
import { doc } from './query.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ResolutionBody = z.object({
  noteVi: z.string().trim().min(3).max(600),
  noteEn: z.string().trim().min(3).max(600),
});

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

export async function registerNoticeRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  texts: ConversationTexts = loadConversationTexts(),
): Promise<void> {
  async function incident(id: number): Promise<IncidentRef & { alertIds: number[]; open: boolean }> {
    const g = (await listIncidents(deps.db)).find((i) => i.id === id);
    if (!g) throw notFound(`Incident ${id}`);
    if (g.topic === null)
      throw invalid('no_topic', 'a channel-wide incident has no topic to tell citizens about');
    return {
      id: g.id,
      topic: g.topic,
      channels: g.channels,
      start: g.start,
      end: g.end ?? deps.now(),
      alertIds: g.alertIds,
      open: g.end === null,
    };
  }

  async function view(id: number): Promise<IncidentNoticesResponse> {
    const inc = await incident(id);
    const [resolution, told, plan] = await Promise.all([
      getResolution(deps.db.kysely, id),
      noticeOutcomes(deps.db, id),
      planNotices(deps.db, inc, deps.now()),
    ]);
    return {
      incident: {
        id,
        topic: inc.topic,
        channels: [...inc.channels],
        start: inc.start,
        end: inc.end,
        open: inc.open,
      },
      resolution: resolution ?? null,
      preview: countOutcomes(plan),
      told,
    };
  }

  app.get(
    '/incidents/:id/notices',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['incidents'],
        summary: 'Who would be told that an incident is fixed, and who was (counts only)',
        params: doc(IdParams),
      },
    },
    async (request) => view(IdParams.parse(request.params).id),
  );

  app.post(
    '/incidents/:id/resolution',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['incidents'],
        summary: 'Propose closing an incident with a resolution note; a second admin approves',
        params: doc(IdParams),
        body: doc(ResolutionBody),
      },
    },
    async (request): Promise<IncidentNoticesResponse> => {
      const { id } = IdParams.parse(request.params);
      const note = ResolutionBody.parse(request.body);
      const user = userOf(request);
      const inc = await incident(id);
      if (
        !(await proposeResolution(deps.db, inc, { vi: note.noteVi, en: note.noteEn }, user.email, deps.now()))
      ) {
        throw new ApiError('already_approved', 'This incident was already closed and its notices sent.');
      }
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'incident.resolution_proposed',
          target: `incident:${id}`,
          ip: request.ip,
        },
        deps.now(),
      );
      return view(id);
    },
  );

  app.post(
    '/incidents/:id/resolution/approve',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['incidents'],
        summary:
          'Approve a proposed resolution (a second admin): close the incident and tell the opted-in citizens',
        params: doc(IdParams),
      },
    },
    async (request): Promise<IncidentNoticesResponse> => {
      const { id } = IdParams.parse(request.params);
      const user = userOf(request);
      const proposal = await getResolution(deps.db.kysely, id);
      if (!proposal) throw notFound(`A proposed resolution for incident ${id}`);
      if (proposal.approvedAt !== null) {
        throw new ApiError('already_approved', 'This incident was already closed and its notices sent.');
      }
      if (proposal.proposedBy === user.email) {
        throw new ApiError('second_admin_required', 'Another admin must approve the notices you proposed.');
      }
      const inc = await incident(id);
      const now = deps.now();
      const topicName = isTopicId(inc.topic) ? TOPIC_NAMES[inc.topic] : { vi: inc.topic, en: inc.topic };
      const note = { vi: proposal.noteVi, en: proposal.noteEn };
      const plan = await planNotices(deps.db, inc, now);
      const queued = await approveResolution(
        deps.db,
        inc,
        plan,
        (r) => composeFixedNotice(texts, r.lang === 'en' ? 'en' : 'vi', topicName, note),
        user.email,
        now,
      );
      const replies = queued.flatMap((q) => (isChannel(q.channel) ? [{ ...q, channel: q.channel }] : []));
      // Not queued now (Redis down)? The rows are pending in the outbox and the sweeper sends them.
      await deps.enqueueReplies?.(replies).catch((err: unknown) => {
        deps.logger.warn({ err }, 'incident notices not queued; the sweeper will');
      });
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'incident.notices_sent',
          target: `incident:${id}`,
          details: { ...countOutcomes(plan) },
          ip: request.ip,
        },
        now,
      );
      return view(id);
    },
  );
}
