/** The weekly report as one self-contained HTML file: inline CSS and SVG, readable printed on A4. */
import {
  formatChange,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInt,
  markerKindLabel,
  t,
} from './i18n.ts';
import { type BreakdownRow, dailyAxis, type ReportData } from './report-data.ts';
import { barChart, escapeXml as e, lineChart } from './svg.ts';

const CSS = `
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#222;max-width:820px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #1f4e79;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#666;font-size:.9em}
.legend{color:#555;font-size:.85em;margin:.2em 0 .8em}
blockquote{margin:.5em 0;padding:.4em .8em;border-left:3px solid #7f9fbf;background:#f5f8fb}
.kpi{display:flex;gap:3em}.kpi div{font-size:1.4em;font-weight:bold}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,blockquote,svg{break-inside:avoid}}
@page{size:A4;margin:16mm}`;

export function showCount(d: ReportData, v: number | null): string {
  return v === null ? `&lt; ${d.k}` : formatInt(d.lang, v);
}

function breakdownTable(d: ReportData, rows: BreakdownRow[], head: string): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${e(r.label)}</td><td class="n">${showCount(d, r.current)}</td><td class="n">${showCount(d, r.previous)}</td><td class="n">${formatChange(d.lang, r.change)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${e(head)}</th><th class="n">${t(d.lang, 'thisWeek')}</th><th class="n">${t(d.lang, 'previous')}</th><th class="n">${t(d.lang, 'change')}</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** What each column of the table above means. */
const legend = (text: string) => `<p class="legend">${e(text)}</p>`;

export function renderHtml(d: ReportData): string {
  const L = d.lang;
  const s: string[] = [];
  const weeks = { week: d.week, previousWeek: d.previousWeek };
  s.push(`<!DOCTYPE html><html lang="${L}"><head><meta charset="utf-8">`);
  s.push(`<title>${e(t(L, 'title'))} ${d.week}</title><style>${CSS}</style></head><body>`);
  s.push(`<h1>${e(t(L, 'title'))}</h1>`);
  s.push(
    `<p class="muted">${t(L, 'week')} ${d.week} · ${e(t(L, 'period', { from: formatDate(d.start, d.tz), to: formatDate(d.end - 1, d.tz) }))}</p>`,
  );

  s.push(`<h2>${t(L, 'summary')}</h2><div class="kpi">`);
  s.push(`<section>${t(L, 'total')}<div id="total">${showCount(d, d.total.current)}</div></section>`);
  s.push(`<section>${t(L, 'citizens')}<div id="citizens">${showCount(d, d.citizens)}</div></section>`);
  s.push(`<section>${t(L, 'change')}<div>${formatChange(L, d.total.change)}</div></section></div>`);
  const axis = dailyAxis(d, (x) => formatDate(x, d.tz).slice(0, 5));
  s.push(`<h2>${t(L, 'daily')}</h2>`);
  s.push(lineChart(axis.labels, d.daily.totals, axis.markers));
  s.push(legend(t(L, 'explainDaily', { tz: d.tz })));

  s.push(`<h2>${t(L, 'byTopic')}</h2>`);
  s.push(barChart(d.breakdowns.topic, { current: t(L, 'thisWeek'), previous: t(L, 'previous') }));
  s.push(breakdownTable(d, d.breakdowns.topic, t(L, 'topic')));
  s.push(`<h2>${t(L, 'byChannel')}</h2>${breakdownTable(d, d.breakdowns.channel, t(L, 'byChannel'))}`);
  s.push(`<h2>${t(L, 'bySentiment')}</h2>${breakdownTable(d, d.breakdowns.sentiment, t(L, 'bySentiment'))}`);
  s.push(`<h2>${t(L, 'byLang')}</h2>${breakdownTable(d, d.breakdowns.lang, t(L, 'byLang'))}`);
  s.push(legend(t(L, 'explainBreakdown', weeks)));

  s.push(`<h2>${t(L, 'rising')}</h2>`);
  s.push(
    d.rising.length
      ? breakdownTable(d, d.rising, t(L, 'topic')) + legend(t(L, 'explainRising'))
      : `<p>${t(L, 'none')}</p>`,
  );

  s.push(`<h2>${t(L, 'emerging')}</h2>`);
  if (d.emerging.length === 0) s.push(`<p>${t(L, 'none')}</p>`);
  else {
    s.push(
      `<table><thead><tr><th>${t(L, 'topic')}</th><th>${t(L, 'term')}</th><th class="n">${t(L, 'thisWeek')}</th><th class="n">${t(L, 'previous3')}</th></tr></thead><tbody>`,
    );
    for (const g of d.emerging) {
      for (const term of g.terms) {
        s.push(
          `<tr><td>${e(g.label)}</td><td>${e(term.term)}</td><td class="n">${formatInt(L, term.current)}</td><td class="n">${formatInt(L, term.baseline)}</td></tr>`,
        );
      }
    }
    s.push(`</tbody></table>${legend(t(L, 'explainEmerging'))}`);
  }

  s.push(`<h2>${t(L, 'alerts')}</h2>`);
  if (d.alerts.length === 0) s.push(`<p>${t(L, 'noAlerts')}</p>`);
  else {
    s.push(
      `<table><thead><tr><th>${t(L, 'topic')}</th><th>${t(L, 'channel')}</th><th>${t(L, 'window')}</th><th class="n">${t(L, 'observed')}</th><th class="n">${t(L, 'expected')}</th><th class="n">${t(L, 'score')}</th><th>${t(L, 'release')}</th></tr></thead><tbody>`,
    );
    for (const a of d.alerts) {
      s.push(
        `<tr><td>${e(a.topicLabel)}</td><td>${e(a.channelLabel)}</td><td>${formatDateTime(a.windowStart, d.tz)} – ${formatDateTime(a.windowEnd, d.tz)}</td><td class="n">${formatInt(L, a.observed)}</td><td class="n">${formatDecimal(L, a.expected)}</td><td class="n">${formatDecimal(L, a.score)}</td><td>${a.release ? e(t(L, 'nearRelease', { label: a.release })) : ''}</td></tr>`,
      );
    }
    s.push(`</tbody></table>${legend(t(L, 'explainAlerts'))}`);
  }
  if (d.releases.length > 0) {
    s.push(`<h2>${t(L, 'releases')}</h2><ul>`);
    for (const r of d.releases)
      s.push(`<li>${formatDateTime(r.at, d.tz)} — ${e(r.label)} (${markerKindLabel(L, r.kind)})</li>`);
    s.push('</ul>');
  }

  s.push(`<h2>${t(L, 'quotes')}</h2>`);
  if (d.quotesWithheld) s.push(`<p class="muted">${e(t(L, 'quotesWithheld'))}</p>`);
  for (const g of d.quotes) {
    s.push(
      `<h3>${e(g.label)}</h3><p class="muted">${e(t(L, 'distinct', { n: formatInt(L, g.sampled), d: formatInt(L, g.distinct) }))}</p>`,
    );
    for (const q of g.quotes) {
      s.push(
        `<blockquote>${e(q.text)}<br><span class="muted">${e(t(L, 'similar', { n: formatInt(L, q.similar) }))}</span></blockquote>`,
      );
    }
  }

  s.push(`<h2>${t(L, 'corrections')}</h2>`);
  if (d.corrections.total === 0) s.push(`<p>${t(L, 'noCorrections')}</p>`);
  else {
    s.push(
      `<table><thead><tr><th>${t(L, 'from')}</th><th>${t(L, 'to')}</th><th class="n">${t(L, 'count')}</th></tr></thead><tbody>`,
    );
    for (const c of d.corrections.rows) {
      s.push(`<tr><td>${e(c.from)}</td><td>${e(c.to)}</td><td class="n">${formatInt(L, c.count)}</td></tr>`);
    }
    s.push(`</tbody></table>${legend(t(L, 'explainCorrections'))}`);
  }

  s.push(`<h2>${t(L, 'method')}</h2><p class="muted">${e(t(L, 'suppressed', { k: d.k }))}</p>`);
  s.push(
    `<p class="muted">${t(L, 'models')}: ${e(d.modelVersions.join(', ') || t(L, 'none'))}</p><p class="muted">${e(d.method)}</p>`,
  );
  s.push('</body></html>\n');
  return s.join('\n');
}
