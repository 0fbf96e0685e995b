/**
 * The numbers behind the report as CSV (RFC 4180, UTF-8 with BOM so spreadsheet apps read Vietnamese).
 * One long table: `section,key,label,this_week,previous,change_pct`; a suppressed count is "< k".
 */
import { type CsvCell, toCsv } from '../analysis/csv.ts';
import { formatDate, formatDateTime } from './i18n.ts';
import type { BreakdownRow, ReportData } from './report-data.ts';

const round = (v: CsvCell): CsvCell => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);

export function renderCsv(d: ReportData): string {
  const suppressed = `< ${d.k}`;
  const count = (v: number | null) => (v === null ? suppressed : v);
  const rows: CsvCell[][] = [];
  const add = (...cells: CsvCell[]) => rows.push(cells.map(round));
  const breakdown = (section: string, r: BreakdownRow) =>
    add(
      section,
      r.key,
      r.label,
      count(r.current),
      count(r.previous),
      r.change === null ? null : Math.round(r.change * 10) / 10,
    );

  add('section', 'key', 'label', 'this_week', 'previous', 'change_pct');
  add('meta', 'week', d.week, null, d.previousWeek, null);
  add('meta', 'period', `${formatDate(d.start, d.tz)} - ${formatDate(d.end - 1, d.tz)}`, null, null, null);
  add('meta', 'model_version', d.modelVersions.join(' '), null, null, null);
  add('meta', 'suppression_k', String(d.k), null, null, null);
  breakdown('total', { ...d.total, label: 'messages' });
  add('total', 'citizens', 'distinct citizens', count(d.citizens), null, null);
  for (const dim of ['topic', 'channel', 'sentiment', 'lang'] as const) {
    for (const r of d.breakdowns[dim]) breakdown(dim, r);
  }
  d.daily.days.forEach((day, i) => {
    add('daily', formatDate(day, d.tz), 'all', d.daily.totals[i] ?? 0, null, null);
  });
  for (const topic of d.daily.topics) {
    d.daily.days.forEach((day, i) => {
      add(
        'daily_topic',
        `${formatDate(day, d.tz)} ${topic.key}`,
        topic.label,
        topic.counts[i] ?? 0,
        null,
        null,
      );
    });
  }
  for (const r of d.rising) breakdown('rising', r);
  for (const g of d.emerging) {
    for (const term of g.terms) add('emerging_term', g.topic, term.term, term.current, term.baseline, null);
  }
  for (const a of d.alerts) {
    const span = `${formatDateTime(a.windowStart, d.tz)} - ${formatDateTime(a.windowEnd, d.tz)}`;
    add(
      'alert',
      `${a.id}`,
      `${a.label} ${span}${a.release ? ` (${a.release})` : ''}`,
      a.observed,
      a.expected,
      null,
    );
  }
  for (const r of d.releases) add(r.kind, formatDateTime(r.at, d.tz), r.label, null, null, null);
  for (const g of d.quotes) add('distinct_complaints', g.topic, g.label, g.distinct, g.sampled, null);
  for (const c of d.corrections.rows) add('correction', `${c.from} -> ${c.to}`, null, c.count, null, null);
  return toCsv(rows);
}
