/**
 * Emerging terms: phrases whose share of messages rose most against previous weeks. The statistic is
 * the log-odds ratio of the phrase's document share (current vs baseline) divided by its standard
 * error, so a phrase that went from 0 to 40 messages outranks one that went from 300 to 340.
 */
import { foldedTokens, phrases } from './terms.ts';

export interface EmergingTerm {
  /** Folded phrase, e.g. "cap nhat 2.1.5". */
  term: string;
  /** Messages containing it now / in the baseline. */
  current: number;
  baseline: number;
  currentShare: number;
  baselineShare: number;
  /** z-score of the log-odds ratio (higher = more clearly rising). */
  score: number;
}

export interface EmergingOptions {
  /** Longest phrase in words (default 4). */
  maxN?: number;
  /** Fewest current messages for a phrase to count (default 5). */
  minCount?: number;
  /** Smallest z-score reported (default 3). */
  minScore?: number;
  /** How many terms to return (default 10). */
  limit?: number;
}

function documentFrequencies(texts: readonly string[], maxN: number, only?: ReadonlySet<string>) {
  const df = new Map<string, number>();
  for (const text of texts) {
    for (const p of phrases(foldedTokens(text), maxN)) {
      if (only && !only.has(p)) continue;
      df.set(p, (df.get(p) ?? 0) + 1);
    }
  }
  return df;
}

function logOddsZ(c1: number, n1: number, c2: number, n2: number): number {
  const a = c1 + 0.5;
  const b = n1 - c1 + 0.5;
  const c = c2 + 0.5;
  const d = n2 - c2 + 0.5;
  return (Math.log(a / b) - Math.log(c / d)) / Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
}

/** `current` and `baseline` are folded message texts (`text_normalised`, or `fold()` of a text). */
export function emergingTerms(
  current: readonly string[],
  baseline: readonly string[],
  options: EmergingOptions = {},
): EmergingTerm[] {
  const maxN = options.maxN ?? 4;
  const minCount = options.minCount ?? 5;
  const minScore = options.minScore ?? 3;
  const limit = options.limit ?? 10;
  const n1 = current.length;
  const n2 = baseline.length;
  if (n1 === 0) return [];
  const cur = documentFrequencies(current, maxN);
  const frequent = new Set([...cur].filter(([, c]) => c >= minCount).map(([t]) => t));
  // The baseline is only counted for phrases that could qualify: far less memory on big weeks.
  const base = documentFrequencies(baseline, maxN, frequent);
  const ranked: EmergingTerm[] = [];
  for (const term of frequent) {
    const c1 = cur.get(term) ?? 0;
    const c2 = base.get(term) ?? 0;
    const score = logOddsZ(c1, n1, c2, n2);
    if (score < minScore || c1 / n1 <= (n2 === 0 ? 0 : c2 / n2)) continue;
    ranked.push({
      term,
      current: c1,
      baseline: c2,
      currentShare: c1 / n1,
      baselineShare: n2 === 0 ? 0 : c2 / n2,
      score,
    });
  }
  ranked.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return selectDistinct(ranked, limit);
}

function containsPhrase(longer: string, shorter: string): boolean {
  return ` ${longer} `.includes(` ${shorter} `);
}

/**
 * One entry per underlying phrase: "cap nhat 2.1.5", "2.1.5" and "loi sau khi cap nhat" usually rise
 * together; report the longest phrase that carries (almost) all of the shorter one's messages.
 */
function selectDistinct(ranked: EmergingTerm[], limit: number): EmergingTerm[] {
  const chosen: EmergingTerm[] = [];
  for (const t of ranked) {
    if (chosen.length >= limit) break;
    let best = t;
    for (const u of ranked) {
      if (
        u.term.length > best.term.length &&
        containsPhrase(u.term, best.term) &&
        u.current >= 0.8 * t.current
      ) {
        best = u;
      }
    }
    if (chosen.some((c) => containsPhrase(c.term, best.term) || containsPhrase(best.term, c.term))) continue;
    chosen.push(best);
  }
  return chosen;
}

/** Emerging terms per group (topic): `current`/`baseline` entries carry their group id. */
export function emergingTermsByGroup(
  current: readonly { group: string; text: string }[],
  baseline: readonly { group: string; text: string }[],
  options: EmergingOptions = {},
): Map<string, EmergingTerm[]> {
  const split = (docs: readonly { group: string; text: string }[]) => {
    const m = new Map<string, string[]>();
    for (const d of docs) {
      const list = m.get(d.group);
      if (list) list.push(d.text);
      else m.set(d.group, [d.text]);
    }
    return m;
  };
  const cur = split(current);
  const base = split(baseline);
  const out = new Map<string, EmergingTerm[]>();
  for (const group of [...cur.keys()].sort()) {
    out.set(group, emergingTerms(cur.get(group) ?? [], base.get(group) ?? [], options));
  }
  return out;
}
