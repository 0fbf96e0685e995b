/** The numbers and texts of one weekly report, before rendering (HTML, PDF and CSV share them). */
import type { AlertStatus } from '../../db/trends.ts';
import type { ReportLang } from './i18n.ts';

export type Dimension = 'topic' | 'channel' | 'sentiment' | 'lang';

/** A count shown only when its slice has at least k distinct citizens; `null` means "< k". */
export interface BreakdownRow {
  key: string;
  label: string;
  current: number | null;
  previous: number | null;
  /** Week-over-week change in percent; null when either side is suppressed or zero. */
  change: number | null;
}

export interface ReportQuote {
  text: string;
  /** How many messages of the week made (nearly) the same complaint, this one included. */
  similar: number;
}

export interface TopicQuotes {
  topic: string;
  label: string;
  /** Messages of the topic looked at for quotes and how many distinct complaints they hold. */
  sampled: number;
  distinct: number;
  quotes: ReportQuote[];
}

export interface ReportAlert {
  id: number;
  scope: 'topic' | 'channel';
  /** The topic's or the channel's name (what the alert watches). */
  label: string;
  /** The alert's topic, or "all topics" for a channel alert; its channel, or "all channels". */
  topicLabel: string;
  channelLabel: string;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  score: number;
  status: AlertStatus;
  release: string | null;
}

export interface ReportData {
  week: string;
  lang: ReportLang;
  tz: string;
  k: number;
  previousWeek: string;
  start: number;
  end: number;
  /** From the injected clock; not printed, so the same week and data give the same bytes at any time. */
  generatedAt: number;
  total: BreakdownRow;
  /** Distinct pseudonymous authors this week (null below k). */
  citizens: number | null;
  breakdowns: Record<Dimension, BreakdownRow[]>;
  /** Local day starts and, per topic, that day's count (topics below k over the week are left out). */
  daily: { days: number[]; totals: number[]; topics: { key: string; label: string; counts: number[] }[] };
  rising: BreakdownRow[];
  emerging: { topic: string; label: string; terms: { term: string; current: number; baseline: number }[] }[];
  alerts: ReportAlert[];
  releases: { at: number; label: string; kind: 'release' | 'incident' }[];
  quotes: TopicQuotes[];
  /** Set on the aggregate-only copy (for viewers): `quotes` keep their counts but hold no text. */
  quotesWithheld?: true;
  corrections: { total: number; rows: { from: string; to: string; count: number }[] };
  modelVersions: string[];
  method: string;
}

/** The same report for readers of aggregates only: every citizen quote removed, the counts kept. */
export function withoutQuotes(d: ReportData): ReportData {
  return { ...d, quotes: d.quotes.map((g) => ({ ...g, quotes: [] })), quotesWithheld: true };
}

/** The daily chart's x labels (dd/mm) and its release/incident markers (index of the day they fall in). */
export function dailyAxis(d: ReportData, dayLabel: (ms: number) => string) {
  return {
    labels: d.daily.days.map(dayLabel),
    markers: d.releases.map((r) => ({
      position: d.daily.days.findLastIndex((day) => day <= r.at),
      label: r.label,
    })),
  };
}
