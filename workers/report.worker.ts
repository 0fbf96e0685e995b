/**
 * `weekly-report`: builds the report for a week (default: the previous ISO week in TZ_REPORTS) in HTML,
 * PDF and CSV, stores it (one row per week and language, replaced on regeneration) and announces it
 * once in the team's chat (keyed `report:<id>`).
 */
import { z } from 'zod';
import { saveReport } from '../db/trends.ts';
import type { TeamDeps } from './alerts.worker.ts';
import { generateWeeklyReport } from './reports/generate.ts';
import { formatChange, formatInt, type ReportLang, t } from './reports/i18n.ts';
import { isValidWeek, previousWeek } from './reports/iso-week.ts';
import type { ReportData } from './reports/report-data.ts';

const payload = z.object({
  week: z.string().refine(isValidWeek, 'must be an ISO week such as 2026-W47').optional(),
  lang: z.enum(['vi', 'en']).optional(),
  requestedBy: z.string().optional(),
});

export interface WeeklyReportResult {
  id: number;
  week: string;
  lang: ReportLang;
}

export function createWeeklyReportProcessor(deps: TeamDeps) {
  return async function weeklyReport(job: { data: unknown }): Promise<WeeklyReportResult> {
    const data = payload.parse(job.data ?? {});
    const now = deps.now();
    const week = data.week ?? previousWeek(now, deps.tz);
    const lang = data.lang ?? deps.lang ?? 'vi';
    const report = await generateWeeklyReport({ db: deps.db, week, lang, k: deps.k, tz: deps.tz, now });
    const id = await saveReport(
      deps.db,
      {
        week,
        lang,
        html: report.html,
        pdf: report.pdf,
        csv: report.csv,
        modelVersion: report.modelVersion,
        method: report.method,
        createdBy: data.requestedBy ?? null,
        aggregate: report.aggregate,
      },
      now,
    );
    await deps.notifyTeam(`report:${id}`, reportText(report.data));
    deps.logger.info({ id, week, lang }, 'weekly report stored');
    return { id, week, lang };
  };
}

/** The chat announcement: headline numbers only (already suppressed), never quotes. */
export function reportText(d: ReportData): string {
  const L = d.lang;
  const total = d.total.current === null ? `< ${d.k}` : formatInt(L, d.total.current);
  const rising = d.rising.map((r) => `${r.label} ${formatChange(L, r.change)}`).join(', ');
  const lines = [
    `📊 ${t(L, 'title')} ${d.week}`,
    `${t(L, 'total')}: ${total} (${formatChange(L, d.total.change)})`,
    ...(rising ? [`${t(L, 'rising')}: ${rising}`] : []),
    `${t(L, 'alerts')}: ${d.alerts.length}`,
    L === 'vi'
      ? 'Tải báo cáo (HTML, PDF, CSV) trên bảng điều khiển.'
      : 'Download it (HTML, PDF, CSV) from the dashboard.',
  ];
  return lines.join('\n');
}
