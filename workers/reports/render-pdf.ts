/**
 * The weekly report as PDF. DejaVu Sans is embedded because the standard PDF fonts have no Vietnamese
 * diacritics (ă, ơ, ư, ệ ...). The creation date is the end of the week, so the file depends only on
 * the week and the data.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  formatChange,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInt,
  markerKindLabel,
  t,
} from './i18n.ts';
import { pdfBars, pdfLineChart } from './pdf-charts.ts';
import { type BreakdownRow, dailyAxis, type ReportData } from './report-data.ts';

const FONT_DIR = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string) {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#1f4e79').text(text).moveDown(0.3);
  doc.font('regular').fontSize(10).fillColor('#222');
}

/** A simple table with fixed column widths; numbers right-aligned. */
function table(doc: Doc, head: string[], rows: string[][], widths: number[], numeric: boolean[]) {
  const x0 = doc.page.margins.left;
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = x0;
    let h = 0;
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    cells.forEach((c, i) => {
      const w = widths[i] ?? 80;
      doc.text(c, x, y, { width: w - 6, align: numeric[i] ? 'right' : 'left' });
      h = Math.max(h, doc.y - y);
      x += w;
    });
    doc.y = y + h + 3;
    doc.x = x0;
  };
  drawRow(head, true);
  for (const r of rows) drawRow(r, false);
  doc.font('regular').fontSize(10);
}

export function renderPdf(d: ReportData): Promise<Buffer> {
  const L = d.lang;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `${t(L, 'title')} ${d.week}`, CreationDate: new Date(d.end) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  // What each column of the table above means.
  const legend = (text: string) => {
    doc.moveDown(0.2).fontSize(8).fillColor('#555555').text(text).fillColor('#222222').fontSize(10);
  };
  const n = (v: number | null) => (v === null ? `< ${d.k}` : formatInt(L, v));
  const breakdown = (rows: BreakdownRow[], head: string) =>
    table(
      doc,
      [head, t(L, 'thisWeek'), t(L, 'previous'), t(L, 'change')],
      rows.map((r) => [r.label, n(r.current), n(r.previous), formatChange(L, r.change)]),
      [220, 90, 90, 90],
      [false, true, true, true],
    );

  doc.font('bold').fontSize(18).fillColor('#1f4e79').text(t(L, 'title'));
  doc.font('regular').fontSize(10).fillColor('#555');
  doc.text(
    `${t(L, 'week')} ${d.week} · ${t(L, 'period', { from: formatDate(d.start, d.tz), to: formatDate(d.end - 1, d.tz) })}`,
  );
  doc.fillColor('#222');
  heading(doc, t(L, 'summary'));
  doc.text(
    `${t(L, 'total')}: ${n(d.total.current)} (${t(L, 'previous')}: ${n(d.total.previous)}, ${formatChange(L, d.total.change)})`,
  );
  doc.text(`${t(L, 'citizens')}: ${n(d.citizens)}`);
  heading(doc, t(L, 'daily'));
  const axis = dailyAxis(d, (x) => formatDate(x, d.tz).slice(0, 5));
  pdfLineChart(doc, axis.labels, d.daily.totals, axis.markers);
  legend(t(L, 'explainDaily', { tz: d.tz }));
  heading(doc, t(L, 'byTopic'));
  pdfBars(doc, d.breakdowns.topic, { current: t(L, 'thisWeek'), previous: t(L, 'previous') });
  doc.moveDown(0.5);
  breakdown(d.breakdowns.topic, t(L, 'topic'));
  heading(doc, t(L, 'byChannel'));
  breakdown(d.breakdowns.channel, t(L, 'byChannel'));
  heading(doc, t(L, 'bySentiment'));
  breakdown(d.breakdowns.sentiment, t(L, 'bySentiment'));
  heading(doc, t(L, 'byLang'));
  breakdown(d.breakdowns.lang, t(L, 'byLang'));
  legend(t(L, 'explainBreakdown', { week: d.week, previousWeek: d.previousWeek }));
  heading(doc, t(L, 'rising'));
  if (d.rising.length) {
    breakdown(d.rising, t(L, 'topic'));
    legend(t(L, 'explainRising'));
  } else doc.text(t(L, 'none'));
  heading(doc, t(L, 'emerging'));
  const terms = d.emerging.flatMap((g) =>
    g.terms.map((x) => [g.label, x.term, formatInt(L, x.current), formatInt(L, x.baseline)]),
  );
  if (terms.length) {
    table(
      doc,
      [t(L, 'topic'), t(L, 'term'), t(L, 'thisWeek'), t(L, 'previous3')],
      terms,
      [150, 190, 75, 75],
      [false, false, true, true],
    );
    legend(t(L, 'explainEmerging'));
  } else doc.text(t(L, 'none'));
  heading(doc, t(L, 'alerts'));
  if (d.alerts.length === 0) doc.text(t(L, 'noAlerts'));
  else {
    table(
      doc,
      [
        t(L, 'topic'),
        t(L, 'channel'),
        t(L, 'window'),
        t(L, 'observed'),
        t(L, 'expected'),
        t(L, 'score'),
        t(L, 'release'),
      ],
      d.alerts.map((a) => [
        a.topicLabel,
        a.channelLabel,
        `${formatDateTime(a.windowStart, d.tz)} – ${formatDateTime(a.windowEnd, d.tz)}`,
        formatInt(L, a.observed),
        formatDecimal(L, a.expected),
        formatDecimal(L, a.score),
        a.release ?? '',
      ]),
      [95, 60, 110, 50, 50, 40, 95],
      [false, false, false, true, true, true, false],
    );
    legend(t(L, 'explainAlerts'));
  }
  if (d.releases.length) {
    heading(doc, t(L, 'releases'));
    for (const r of d.releases)
      doc.text(`${formatDateTime(r.at, d.tz)} — ${r.label} (${markerKindLabel(L, r.kind)})`);
  }
  heading(doc, t(L, 'quotes'));
  if (d.quotesWithheld) doc.fillColor('#555').text(t(L, 'quotesWithheld')).fillColor('#222');
  for (const g of d.quotes) {
    doc.font('bold').text(g.label).font('regular');
    doc
      .fillColor('#555')
      .text(t(L, 'distinct', { n: formatInt(L, g.sampled), d: formatInt(L, g.distinct) }))
      .fillColor('#222');
    for (const q of g.quotes) {
      doc.text(`“${q.text}”`, { indent: 12 });
      doc
        .fillColor('#555')
        .fontSize(8)
        .text(t(L, 'similar', { n: formatInt(L, q.similar) }), { indent: 12 });
      doc.fillColor('#222').fontSize(10).moveDown(0.3);
    }
  }
  heading(doc, t(L, 'corrections'));
  if (d.corrections.total === 0) doc.text(t(L, 'noCorrections'));
  else {
    table(
      doc,
      [t(L, 'from'), t(L, 'to'), t(L, 'count')],
      d.corrections.rows.map((c) => [c.from, c.to, formatInt(L, c.count)]),
      [180, 180, 80],
      [false, false, true],
    );
    legend(t(L, 'explainCorrections'));
  }
  heading(doc, t(L, 'method'));
  doc.fontSize(8).fillColor('#555');
  doc.text(t(L, 'suppressed', { k: d.k }));
  doc.text(`${t(L, 'models')}: ${d.modelVersions.join(', ') || t(L, 'none')}`);
  doc.text(d.method);
  doc.end();
  return done;
}
