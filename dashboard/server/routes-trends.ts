/** Alerts, release markers and weekly reports, on the trends repository (db/trends.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CHANNELS } from '../../bots/shared/events.ts';
import { writeAudit } from '../../db/audit.ts';
import { DAY_MS, localDateToMs } from '../../db/dashboard-filters.ts';
import {
  acknowledgeAlert,
  addRelease,
  getReportFile,
  listAlerts,
  listReleases,
  listReports,
} from '../../db/trends.ts';
import { TOPIC_IDS } from '../../workers/analysis/taxonomy.ts';
import type { AlertsResponse, OkResponse, ReleasesResponse, ReportsResponse } from './api-types.ts';
import { hasRole, userOf } from './auth.ts';
import type { DashboardDeps } from './deps.ts';
import { forbidden, notFound } from './errors.ts';
import { doc, IdParam, PageQuery } from './query.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const AlertsQuery = z
  .object({
    status: z.enum(['open', 'acknowledged', 'closed']).optional(),
    topic: z.enum(TOPIC_IDS).optional(),
    channel: z.enum(CHANNELS).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .extend(PageQuery.shape);
const ReleasesQuery = z.object({ from: date.optional(), to: date.optional() });
const ReleaseBody = z.object({
  at: z.number().int().positive(),
  label: z.string().trim().min(1).max(200),
  kind: z.enum(['release', 'incident']).default('release'),
});
const ReportParams = IdParam.extend({ format: z.enum(['html', 'pdf', 'csv']) });
const GenerateBody = z.object({
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W47')
    .optional(),
  lang: z.enum(['vi', 'en']).default('vi'),
});

const range = (from?: string, to?: string) => ({
  ...(from ? { fromMs: localDateToMs(from) } : {}),
  ...(to ? { toMs: localDateToMs(to) + DAY_MS } : {}),
});

export async function registerTrendRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  app.get(
    '/alerts',
    {
      config: { role: 'viewer' },
      schema: { tags: ['alerts'], summary: 'Spike alerts, newest first', querystring: doc(AlertsQuery) },
    },
    async (request): Promise<AlertsResponse> => {
      const q = AlertsQuery.parse(request.query);
      return listAlerts(deps.db, {
        ...range(q.from, q.to),
        ...(q.status ? { status: q.status } : {}),
        ...(q.topic ? { topic: q.topic } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },
  );

  app.post(
    '/alerts/:id/ack',
    {
      config: { role: 'analyst' },
      schema: { tags: ['alerts'], summary: 'Acknowledge an alert', params: doc(IdParam) },
    },
    async (request): Promise<OkResponse> => {
      const { id } = IdParam.parse(request.params);
      const user = userOf(request);
      if (!(await acknowledgeAlert(deps.db, id, user.email, deps.now()))) throw notFound('Alert');
      return { ok: true };
    },
  );

  app.get(
    '/releases',
    {
      config: { role: 'viewer' },
      schema: { tags: ['alerts'], summary: 'Release and incident markers', querystring: doc(ReleasesQuery) },
    },
    async (request): Promise<ReleasesResponse> => {
      const q = ReleasesQuery.parse(request.query);
      return { items: await listReleases(deps.db, range(q.from, q.to)) };
    },
  );

  app.post(
    '/releases',
    {
      config: { role: 'analyst' },
      schema: { tags: ['alerts'], summary: 'Add a release or incident marker', body: doc(ReleaseBody) },
    },
    async (request): Promise<{ id: number }> => {
      const body = ReleaseBody.parse(request.body);
      const user = userOf(request);
      return { id: await addRelease(deps.db, { ...body, createdBy: user.email }, deps.now()) };
    },
  );

  app.get(
    '/reports',
    { config: { role: 'viewer' }, schema: { tags: ['reports'], summary: 'Stored weekly reports' } },
    async (): Promise<ReportsResponse> => ({ items: await listReports(deps.db) }),
  );

  app.get(
    '/reports/:id/:format',
    {
      config: { role: 'viewer' },
      schema: { tags: ['reports'], summary: 'Download a report', params: doc(ReportParams) },
    },
    async (request, reply) => {
      const { id, format } = ReportParams.parse(request.params);
      const user = userOf(request);
      // Viewers read aggregates only: they get the copy without citizens' quotes.
      const aggregate = !hasRole(user, 'analyst');
      const file = await getReportFile(deps.db, id, format, { aggregate });
      if (!file && aggregate && (await getReportFile(deps.db, id, 'csv'))) {
        throw forbidden('This report predates the copy for viewers; an analyst can generate it again.');
      }
      if (!file) throw notFound('Report');
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'export.report',
          target: `report:${id}`,
          details: { format, ...(aggregate ? { copy: 'aggregate' } : {}) },
          ip: request.ip,
        },
        deps.now(),
      );
      // The HTML report opens in the browser tab (self-contained, no scripts: the CSP forbids any);
      // PDF and CSV download.
      const disposition = format === 'html' ? 'inline' : 'attachment';
      void reply
        .header('content-type', file.contentType)
        .header('content-disposition', `${disposition}; filename="${file.filename}"`);
      if (format === 'html')
        void reply.header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        );
      return file.body;
    },
  );

  app.post(
    '/reports/generate',
    {
      config: { role: 'analyst' },
      schema: { tags: ['reports'], summary: 'Queue the weekly report now', body: doc(GenerateBody) },
    },
    async (request, reply): Promise<{ queued: true }> => {
      const body = GenerateBody.parse(request.body ?? {});
      const user = userOf(request);
      await deps.enqueue('weekly-report', {
        ...(body.week ? { week: body.week } : {}),
        lang: body.lang,
        requestedBy: user.email,
      });
      void reply.status(202);
      return { queued: true };
    },
  );
}
