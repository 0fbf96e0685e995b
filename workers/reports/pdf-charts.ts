/**
 * The HTML report's charts drawn in the PDF with pdfkit's vector operations: daily totals as a line with
 * release markers, and this week's bars against last week's outline.
 */
import type PDFDocument from 'pdfkit';
import type { BreakdownRow } from './report-data.ts';

type Doc = InstanceType<typeof PDFDocument>;

const DARK = '#1f4e79';
const LIGHT = '#7f9fbf';
const MARK = '#c0392b';

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export function pdfLineChart(
  doc: Doc,
  labels: string[],
  values: number[],
  markers: { position: number; label: string }[],
): void {
  const x0 = doc.page.margins.left;
  const width = contentWidth(doc);
  const height = 130;
  ensureRoom(doc, height + 40);
  const top = doc.y + 14;
  const base = top + height;
  const left = x0 + 30;
  const n = Math.max(1, labels.length - 1);
  const max = Math.max(1, ...values);
  const x = (i: number) => left + ((width - 40) * i) / n;
  const y = (v: number) => base - (height * v) / max;
  doc
    .lineWidth(1)
    .moveTo(left, base)
    .lineTo(x0 + width - 10, base)
    .strokeColor('#999999')
    .stroke();
  doc.font('regular').fontSize(7).fillColor('#222222');
  doc.text(String(max), x0, y(max) - 3, { width: 26, align: 'right', lineBreak: false });
  for (const m of markers) {
    const mx = x(m.position);
    doc.moveTo(mx, top).lineTo(mx, base).dash(4, { space: 3 }).strokeColor(MARK).stroke().undash();
    doc.fillColor(MARK).text(m.label, mx - 50, top - 10, { width: 100, align: 'center', lineBreak: false });
  }
  values.forEach((v, i) => {
    if (i === 0) doc.moveTo(x(i), y(v));
    else doc.lineTo(x(i), y(v));
  });
  doc.lineWidth(2).strokeColor(DARK).stroke().lineWidth(1);
  values.forEach((v, i) => {
    doc.circle(x(i), y(v), 2.5).fill(DARK);
    doc
      .fillColor('#222222')
      .text(labels[i] ?? '', x(i) - 20, base + 4, { width: 40, align: 'center', lineBreak: false });
  });
  doc.fontSize(10);
  doc.x = x0;
  doc.y = base + 18;
}

/** Horizontal bars: this week filled, last week as an outline; hidden ("< k") values are not drawn. */
export function pdfBars(doc: Doc, rows: BreakdownRow[], legend: { current: string; previous: string }): void {
  const x0 = doc.page.margins.left;
  const labelW = 150;
  const span = contentWidth(doc) - labelW - 40;
  const max = Math.max(1, ...rows.flatMap((r) => [r.current ?? 0, r.previous ?? 0]));
  const scale = (v: number) => (span * v) / max;
  ensureRoom(doc, 20);
  let y = doc.y;
  doc.rect(x0 + labelW + 5, y, 10, 8).fill(DARK);
  doc
    .fillColor('#222222')
    .fontSize(8)
    .text(legend.current, x0 + labelW + 19, y, { lineBreak: false });
  doc
    .rect(x0 + labelW + 125, y, 10, 8)
    .strokeColor(LIGHT)
    .stroke();
  doc.text(legend.previous, x0 + labelW + 139, y, { lineBreak: false });
  doc.y = y + 14;
  for (const r of rows) {
    ensureRoom(doc, 16);
    y = doc.y;
    doc.fillColor('#222222').fontSize(8).text(r.label, x0, y, { width: labelW });
    if (r.previous !== null && r.previous > 0)
      doc
        .rect(x0 + labelW + 5, y - 1, scale(r.previous), 10)
        .strokeColor(LIGHT)
        .stroke();
    if (r.current !== null && r.current > 0) doc.rect(x0 + labelW + 5, y, scale(r.current), 8).fill(DARK);
    doc.fillColor('#222222');
    doc.x = x0;
    doc.y = y + 13;
  }
  doc.fontSize(10);
}
