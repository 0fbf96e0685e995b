/** Builds one weekly report in all three formats from the database (used by the worker and the CLI). */
import { type AssembleInput, assembleWeeklyReport } from './assemble.ts';
import { renderCsv } from './render-csv.ts';
import { renderHtml } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';
import type { ReportData } from './report-data.ts';

export interface GeneratedReport {
  data: ReportData;
  html: string;
  csv: string;
  pdf: Buffer;
  modelVersion: string;
  method: string;
}

export async function generateWeeklyReport(input: AssembleInput): Promise<GeneratedReport> {
  const data = await assembleWeeklyReport(input);
  return {
    data,
    html: renderHtml(data),
    csv: renderCsv(data),
    pdf: await renderPdf(data),
    modelVersion: data.modelVersions.join(',') || 'none',
    method: data.method,
  };
}

export { assembleWeeklyReport } from './assemble.ts';
export { renderCsv } from './render-csv.ts';
export { renderHtml } from './render-html.ts';
export { renderPdf } from './render-pdf.ts';
