/**
 * Gathers one week's report data from the database. Counts come from the roll-ups; a slice with fewer
 * than k distinct citizens (author_days) is never shown as a number nor quoted. Texts come only from
 * `messages`, from which erased citizens' messages are deleted, so their words cannot appear.
 */
import type { Db } from '../../db/database.ts';
import { listAlerts, listReleases } from '../../db/trends.ts';
import { isSuppressed, shownCount } from '../analysis/suppression.ts';
import { emergingTerms } from '../analysis/trends/emerging.ts';
import { groupNearDuplicates } from '../analysis/trends/near-duplicates.ts';
import { foldedTokens, writtenTerms } from '../analysis/trends/terms.ts';
import { dimensionLabel, methodText, type ReportLang, t, topicLabel } from './i18n.ts';
import { dayStart, weekBefore, weekBounds } from './iso-week.ts';
import { wholePhrases } from './phrases.ts';
import * as q from './queries.ts';
import type { BreakdownRow, Dimension, ReportData, TopicQuotes } from './report-data.ts';

export interface AssembleInput {
  db: Db;
  week: string;
  lang: ReportLang;
  /** Suppression threshold (SUPPRESSION_K). */
  k: number;
  tz: string;
  now: number;
}

const DIMENSIONS: Dimension[] = ['topic', 'channel', 'sentiment', 'lang'];
// Term shares are proportions: ~30k messages per period estimate them well and keep big weeks fast.
const TERM_SAMPLE = 30_000;
const QUOTE_CANDIDATES = 4_000;
const LEADING_TOPICS = 3;
const QUOTES_PER_TOPIC = 5;
const MAX_QUOTE_CHARS = 280;
const DAY_MS = 86_400_000;

function sumValues(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

function row(
  key: string,
  label: string,
  cur: number,
  prev: number,
  shownNow: boolean,
  shownPrev: boolean,
): BreakdownRow {
  const current = shownNow ? cur : null;
  const previous = shownPrev ? prev : null;
  return { key, label, current, previous, change: change(current, previous) };
}

export async function assembleWeeklyReport(input: AssembleInput): Promise<ReportData> {
  const { db, week, lang, k, tz } = input;
  const range = weekBounds(week, tz);
  const previousWeek = weekBefore(week, tz);
  const prev = weekBounds(previousWeek, tz);

  // The product's one small-group rule, with author_days behind it.
  const visible = async (count: number, r: q.Range, filter?: { dim: Dimension; value: string }) =>
    !isSuppressed(await shownCount(count, k, () => q.hasAuthors(db, r, k, filter)));
  const breakdowns = {} as Record<Dimension, BreakdownRow[]>;
  const totals: number[] = [];
  for (const dim of DIMENSIONS) {
    const [cur, old] = await Promise.all([q.countsBy(db, dim, range), q.countsBy(db, dim, prev)]);
    if (dim === 'channel') totals.push(sumValues(cur), sumValues(old));
    const keys = [...new Set([...cur.keys(), ...old.keys()])].sort();
    const rows: BreakdownRow[] = [];
    for (const key of keys) {
      const c = cur.get(key) ?? 0;
      const o = old.get(key) ?? 0;
      const filter = { dim, value: key };
      const [shownNow, shownPrev] = await Promise.all([visible(c, range, filter), visible(o, prev, filter)]);
      rows.push(row(key, dimensionLabel(lang, dim, key), c, o, shownNow, shownPrev));
    }
    breakdowns[dim] = rows.sort((a, b) => (b.current ?? -1) - (a.current ?? -1) || (a.key < b.key ? -1 : 1));
  }
  const [totalNow = 0, totalPrev = 0] = totals;
  const citizensNow = await q.distinctAuthors(db, range);
  const total = row(
    'all',
    'all',
    totalNow,
    totalPrev,
    await visible(totalNow, range),
    await visible(totalPrev, prev),
  );

  const shownTopics = breakdowns.topic.filter((r) => r.current !== null);
  const daily = await dailySeries(db, range, tz, shownTopics, lang);
  const rising = shownTopics
    .filter((r) => r.previous !== null && (r.current ?? 0) > r.previous)
    .sort(
      (a, b) =>
        (b.current ?? 0) - (b.previous ?? 0) - ((a.current ?? 0) - (a.previous ?? 0)) ||
        (a.key < b.key ? -1 : 1),
    )
    .slice(0, 3);

  const emerging = await emergingByTopic(db, range, k, lang, tz, week);
  const leading = shownTopics.filter((r) => r.key !== 'other').slice(0, LEADING_TOPICS);
  const quotes = await quotesFor(
    db,
    range,
    await q.sliceAuthors(
      db,
      range,
      leading.map((r) => r.key),
    ),
    k,
    tz,
    lang,
    leading.map((r) => r.key),
  );

  const alerts = (await listAlerts(db, { fromMs: range.start, toMs: range.end, limit: 500 })).items
    .map((a) => ({
      id: a.id,
      scope: a.scope,
      label:
        a.scope === 'topic'
          ? topicLabel(lang, a.topic ?? '')
          : dimensionLabel(lang, 'channel', a.channel ?? ''),
      topicLabel: a.topic ? topicLabel(lang, a.topic) : t(lang, 'allTopics'),
      channelLabel: a.channel ? dimensionLabel(lang, 'channel', a.channel) : t(lang, 'allChannels'),
      windowStart: a.windowStart,
      windowEnd: a.windowEnd,
      observed: a.observed,
      expected: a.expected,
      score: a.score,
      status: a.status,
      release: a.release?.label ?? null,
    }))
    .sort((a, b) => a.windowStart - b.windowStart || a.id - b.id);
  const releases = (await listReleases(db, { fromMs: range.start, toMs: range.end })).map((r) => ({
    at: r.at,
    label: r.label,
    kind: r.kind,
  }));
  const corrRows = await q.correctionCounts(db, range);
  const modelVersions = await q.modelVersions(db, range);

  return {
    week,
    lang,
    tz,
    k,
    previousWeek,
    start: range.start,
    end: range.end,
    generatedAt: input.now,
    total,
    citizens: citizensNow >= k ? citizensNow : null,
    breakdowns,
    daily,
    rising,
    emerging,
    alerts,
    releases,
    quotes,
    corrections: {
      total: corrRows.reduce((s, r) => s + r.count, 0),
      rows: corrRows.map((r) => ({
        from: topicLabel(lang, r.from),
        to: topicLabel(lang, r.to),
        count: r.count,
      })),
    },
    modelVersions,
    method: methodText(lang, k, tz),
  };
}

async function dailySeries(db: Db, range: q.Range, tz: string, topics: BreakdownRow[], lang: ReportLang) {
  const days: number[] = [];
  for (let d = range.start; d < range.end; d = dayStart(d + DAY_MS + DAY_MS / 2, tz)) days.push(d);
  const index = (ts: number) => days.findLastIndex((d) => d <= ts);
  const totals = days.map(() => 0);
  const byTopic = new Map(topics.map((r) => [r.key, days.map(() => 0)]));
  for (const h of await q.hourlyByTopic(db, range)) {
    const i = index(h.hourTs);
    if (i < 0) continue;
    totals[i] = (totals[i] ?? 0) + h.n;
    const series = byTopic.get(h.topic);
    if (series) series[i] = (series[i] ?? 0) + h.n;
  }
  return {
    days,
    totals,
    topics: topics.map((r) => ({
      key: r.key,
      label: topicLabel(lang, r.key),
      counts: byTopic.get(r.key) ?? [],
    })),
  };
}

async function emergingByTopic(
  db: Db,
  range: q.Range,
  k: number,
  lang: ReportLang,
  tz: string,
  week: string,
) {
  const baseStart = weekBounds(weekBefore(week, tz, 3), tz).start;
  const [cur, base] = await Promise.all([
    q.sampleTexts(db, range, TERM_SAMPLE),
    q.sampleTexts(db, { start: baseStart, end: range.start }, TERM_SAMPLE),
  ]);
  const split = (rows: q.TextRow[]) => {
    const m = new Map<string, q.TextRow[]>();
    for (const r of rows) {
      const list = m.get(r.topic);
      if (list) list.push(r);
      else m.set(r.topic, [r]);
    }
    return m;
  };
  const curBy = split(cur);
  const baseBy = split(base);
  const out: ReportData['emerging'] = [];
  for (const topic of [...curBy.keys()].sort()) {
    const docs = curBy.get(topic) ?? [];
    const terms = emergingTerms(
      docs.map((d) => d.folded),
      (baseBy.get(topic) ?? []).map((d) => d.folded),
      { limit: 16 },
    );
    if (terms.length === 0) continue;
    // Shown as citizens wrote them, fragments left out (see writtenTerms).
    const written = writtenTerms(
      terms.map((x) => x.term),
      docs.map((d) => d.text),
    );
    const readable = wholePhrases(
      terms,
      written,
      docs.map((d) => d.text),
    );
    // A phrase written by fewer than k citizens could single someone out: leave it out.
    const padded = docs.map((d) => ({ author: d.authorHash, text: ` ${foldedTokens(d.folded).join(' ')} ` }));
    const safe = readable.filter((term) => {
      const authors = new Set(padded.filter((d) => d.text.includes(` ${term.term} `)).map((d) => d.author));
      return authors.size >= k;
    });
    if (safe.length > 0) {
      out.push({
        topic,
        label: topicLabel(lang, topic),
        terms: safe.slice(0, 5).map((x) => ({
          term: written.get(x.term) ?? x.term,
          current: x.current,
          baseline: x.baseline,
        })),
      });
    }
  }
  return out;
}

async function quotesFor(
  db: Db,
  range: q.Range,
  sliceAuthors: Map<string, number>,
  k: number,
  tz: string,
  lang: ReportLang,
  topics: string[],
): Promise<TopicQuotes[]> {
  const out: TopicQuotes[] = [];
  for (const topic of topics) {
    const rows = (await q.quoteCandidates(db, range, topic, QUOTE_CANDIDATES)).filter(
      (r) =>
        (sliceAuthors.get(q.sliceKey(dayStart(r.receivedAt, tz), r.channel, topic, r.sentiment, r.lang)) ??
          0) >= k,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const groups = groupNearDuplicates(rows.map((r) => ({ id: r.id, text: r.folded })));
    const quotes = groups
      .map((g) => ({ g, first: byId.get(g.ids[0] ?? -1) }))
      .filter((x) => x.first !== undefined && x.first.redacted.trim().length >= 15)
      .slice(0, QUOTES_PER_TOPIC)
      .map(({ g, first }) => ({ text: clip(first?.redacted ?? ''), similar: g.ids.length }));
    out.push({
      topic,
      label: topicLabel(lang, topic),
      sampled: rows.length,
      distinct: groups.length,
      quotes,
    });
  }
  return out;
}

function clip(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length <= MAX_QUOTE_CHARS ? s : `${s.slice(0, MAX_QUOTE_CHARS - 1)}…`;
}
