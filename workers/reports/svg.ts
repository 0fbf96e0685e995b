/** Inline SVG charts for the self-contained HTML report (no scripts, no external files; print well). */

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** Horizontal bars, this week (dark) against last week (light outline). Null values are not drawn. */
export function barChart(
  rows: { label: string; current: number | null; previous: number | null }[],
  legend: { current: string; previous: string },
): string {
  const width = 640;
  const labelW = 190;
  const barH = 14;
  const gap = 10;
  const top = 24;
  const height = top + rows.length * (barH + gap) + 4;
  const max = Math.max(1, ...rows.flatMap((r) => [r.current ?? 0, r.previous ?? 0]));
  const scale = (v: number) => ((width - labelW - 60) * v) / max;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img">`,
    `<rect x="${labelW}" y="4" width="12" height="10" fill="#1f4e79"/><text x="${labelW + 16}" y="13" font-size="11">${escapeXml(legend.current)}</text>`,
    `<rect x="${labelW + 140}" y="4" width="12" height="10" fill="none" stroke="#7f9fbf"/><text x="${labelW + 156}" y="13" font-size="11">${escapeXml(legend.previous)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * (barH + gap);
    parts.push(
      `<text x="${labelW - 6}" y="${y + barH - 3}" font-size="11" text-anchor="end">${escapeXml(r.label)}</text>`,
    );
    if (r.previous !== null) {
      parts.push(
        `<rect x="${labelW}" y="${y - 2}" width="${num(scale(r.previous))}" height="${barH + 4}" fill="none" stroke="#7f9fbf"/>`,
      );
    }
    if (r.current !== null) {
      parts.push(
        `<rect x="${labelW}" y="${y}" width="${num(scale(r.current))}" height="${barH}" fill="#1f4e79"/>`,
      );
      parts.push(
        `<text x="${num(labelW + scale(r.current) + 4)}" y="${y + barH - 3}" font-size="10">${r.current}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Daily totals as a line with dots; release/incident markers as dashed verticals. */
export function lineChart(
  labels: string[],
  values: number[],
  markers: { position: number; label: string }[],
): string {
  const width = 640;
  const height = 200;
  const left = 40;
  const bottom = 24;
  const top = 16;
  const n = Math.max(1, labels.length - 1);
  const max = Math.max(1, ...values);
  const x = (i: number) => left + ((width - left - 20) * i) / n;
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img">`,
    `<line x1="${left}" y1="${y(0)}" x2="${width - 20}" y2="${y(0)}" stroke="#999"/>`,
    `<text x="${left - 4}" y="${y(max) + 4}" font-size="10" text-anchor="end">${max}</text>`,
  ];
  for (const m of markers) {
    const mx = num(x(m.position));
    parts.push(
      `<line x1="${mx}" y1="${top}" x2="${mx}" y2="${y(0)}" stroke="#c0392b" stroke-dasharray="4 3"/>`,
      `<text x="${mx}" y="${top - 4}" font-size="10" fill="#c0392b" text-anchor="middle">${escapeXml(m.label)}</text>`,
    );
  }
  const points = values.map((v, i) => `${num(x(i))},${num(y(v))}`).join(' ');
  parts.push(`<polyline points="${points}" fill="none" stroke="#1f4e79" stroke-width="2"/>`);
  values.forEach((v, i) => {
    parts.push(`<circle cx="${num(x(i))}" cy="${num(y(v))}" r="3" fill="#1f4e79"/>`);
    parts.push(
      `<text x="${num(x(i))}" y="${height - 8}" font-size="10" text-anchor="middle">${escapeXml(labels[i] ?? '')}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
