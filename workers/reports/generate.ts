/** Builds one weekly report in all three formats from the database (used by the worker and the CLI). */
import { type AssembleInput, assembleWeeklyReport } from './assemble.ts';
import { renderCsv } from './render-csv.ts';
import { renderHtml } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';
import { type ReportData, withoutQuotes } from './report-data.ts';

export interface GeneratedReport {
  data: ReportData;
  html: string;
  csv: string;
  pdf: Buffer;
  modelVersion: string;
  method: string;
  /** The same report without citizens' quotes, for readers of aggregates only (viewers). */
  aggregate: { html: string; csv: string; pdf: Buffer };
}

export async function generateWeeklyReport(input: AssembleInput): Promise<GeneratedReport> {
  const data = await assembleWeeklyReport(input);
  const aggregate = withoutQuotes(data);
  return {
    data,
    html: renderHtml(data),
    csv: renderCsv(data),
    pdf: await renderPdf(data),
    modelVersion: data.modelVersions.join(',') || 'none',
    method: data.method,
    aggregate: { html: renderHtml(aggregate), csv: renderCsv(aggregate), pdf: await renderPdf(aggregate) },
  };
}

export { assembleWeeklyReport } from './assemble.ts';
export { renderCsv } from './render-csv.ts';
export { renderHtml } from './render-html.ts';
export { renderPdf } from './render-pdf.ts';
