/**
 * Incidents (db/incidents.ts): `GET /incidents?open=true` is the Overview's "now" band: each running
 * incident with its messages so far against the baseline, whether the last hours rise or ease, the
 * release it follows, the share of messages the model was unsure of and, for roles that may read
 * text, three distinct complaints (audited like every read of message text).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../../db/audit.ts';
import { type CountValue, Suppressor } from '../../db/dashboard-aggregates.ts';
import { DAY_MS, localDateToMs } from '../../db/dashboard-filters.ts';
import { incidentFigures, incidentSamples, listIncidents } from '../../db/incidents.ts';
import { incidentTrend } from '../../workers/analysis/trends/incidents.ts';
import type { IncidentsResponse, IncidentView } from './api-types.ts';
import { hasRole, userOf } from './auth.ts';
import type { AggregateCaches, DashboardDeps } from './deps.ts';
import { doc } from './query.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const IncidentsQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  from: date.optional(),
  to: date.optional(),
});

const iso = (ms: number) => new Date(ms).toISOString();

export async function registerIncidentRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  caches: AggregateCaches,
): Promise<void> {
  const k = deps.config.SUPPRESSION_K;
  app.get(
    '/incidents',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['trends'],
        summary:
          'Incidents: one running alert or the overlapping alerts of one topic (open=true: the running ones)',
        querystring: doc(IncidentsQuery),
      },
    },
    async (request): Promise<IncidentsResponse> => {
      const q = IncidentsQuery.parse(request.query);
      const now = deps.now();
      const user = userOf(request);
      const mayRead = hasRole(user, 'analyst');
      const s = new Suppressor(deps.db, k, caches.suppressionMemo.current());
      const groups = await listIncidents(deps.db, {
        ...(q.open === 'true' ? { open: true } : {}),
        ...(q.from ? { fromMs: localDateToMs(q.from) } : {}),
        ...(q.to ? { toMs: localDateToMs(q.to) + DAY_MS } : {}),
      });
      const items: IncidentView[] = [];
      for (const g of groups.slice(-50)) {
        const f = await incidentFigures(deps.db, g, now);
        const slice = {
          fromMs: g.start,
          toMs: g.end ?? now + 1,
          channels: g.channels,
          ...(g.topic === null ? {} : { topics: [g.topic] }),
        };
        const count: CountValue = await s.show(slice, f.observed);
        const shown = typeof count === 'number';
        items.push({
          id: g.id,
          topic: g.topic,
          channels: g.channels,
          start: iso(g.start),
          end: g.end === null ? null : iso(g.end),
          open: g.end === null,
          alertIds: g.alertIds,
          count,
          expected: Math.round(f.expected * 10) / 10,
          trend: g.end === null ? incidentTrend(f.hours, { lastHourFraction: f.lastHourFraction }) : 'easing',
          release: f.release ? { id: f.release.id, label: f.release.label, at: iso(f.release.at) } : null,
          lowConfidenceShare: shown && f.observed > 0 ? f.lowConfidence / f.observed : null,
          // Texts only for running incidents (the now band): chart periods need none, and every read is audited.
          samples: mayRead && shown && g.end === null ? await incidentSamples(deps.db, g, now) : [],
        });
      }
      const read = items.flatMap((i) => i.samples.map((m) => m.id));
      if (read.length > 0) {
        await writeAudit(
          deps.db,
          {
            userId: user.id,
            userEmail: user.email,
            action: 'incidents.read',
            details: { query: q, shown: read },
            ip: request.ip,
          },
          now,
        );
      }
      // Most recent first: the band shows the newest trouble on the left.
      items.reverse();
      return { items };
    },
  );
}
