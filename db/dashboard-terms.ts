/**
 * Top terms of a topic: two-syllable phrases ("dang nhap", "ma otp") from the matching form of the most
 * recent messages, kept only when at least k distinct citizens used them, so no phrase points at a person.
 */

import { STOPWORDS, writtenTerms } from '../workers/analysis/trends/terms.ts';
import type { SliceFilter } from './dashboard-filters.ts';
import type { Db } from './database.ts';

// The trends' function words (judged again on the written form below), plus words every message
// of this product carries.
const STOP: ReadonlySet<string> = new Set([...STOPWORDS, 'vneid', 'cai']);

/** Pure: phrase → distinct authors, from (author, folded text) pairs. */
export function countPhrases(rows: readonly { author: string; text: string }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { author, text } of rows) {
    const words = text.split(/[^a-z0-9]+/).filter((w) => w.length > 0 && w.length < 20);
    const seen = new Set<string>();
    for (let i = 0; i + 1 < words.length; i++) {
      const a = words[i]!;
      const b = words[i + 1]!;
      if (STOP.has(a) || STOP.has(b)) continue;
      if (/^\d+$/.test(a) || /^\d+$/.test(b)) continue;
      seen.add(`${a} ${b}`);
    }
    for (const phrase of seen) {
      const authors = out.get(phrase) ?? new Set<string>();
      authors.add(author);
      out.set(phrase, authors);
    }
  }
  return out;
}

export const TERMS_SAMPLE = 2000;

export async function topicTerms(
  db: Db,
  filter: SliceFilter,
  k: number,
  limit = 20,
): Promise<{ terms: { term: string; count: number }[]; sampled: number }> {
  let q = db.kysely
    .selectFrom('messages')
    .select(['author_hash', 'text_normalised', 'text_redacted'])
    .where('status', '=', 'active')
    .where('received_at', '>=', filter.fromMs)
    .where('received_at', '<', filter.toMs);
  if (filter.topics?.length) q = q.where('topic', 'in', filter.topics);
  if (filter.channels?.length) q = q.where('channel', 'in', filter.channels);
  if (filter.sentiments?.length) q = q.where('sentiment', 'in', filter.sentiments);
  if (filter.langs?.length) q = q.where('lang', 'in', filter.langs);
  const rows = await q.orderBy('received_at', 'desc').limit(TERMS_SAMPLE).execute();
  // Placeholders such as "[sdt]" are removed by the split; what remains is already redacted text.
  const phrases = countPhrases(rows.map((r) => ({ author: r.author_hash, text: r.text_normalised })));
  const counted = [...phrases].map(([term, authors]) => ({ term, count: authors.size }));
  const bridges = bridgePhrases(counted);
  const candidates = counted
    .filter((t) => t.count >= k && !bridges.has(t.term))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, 2 * limit);
  // Shown as people wrote them (diacritics kept), counted on the folded form, fragments left out.
  const written = writtenTerms(
    candidates.map((t) => t.term),
    rows.map((r) => r.text_redacted),
  );
  const terms = candidates
    .flatMap((t) => {
      const term = written.get(t.term);
      return term === undefined ? [] : [{ ...t, term }];
    })
    .slice(0, limit);
  return { terms, sampled: rows.length };
}

/**
 * Pairs that straddle two words ("thuc khuon" in "xac thuc khuon mat"): a pair "a b" is dropped when
 * a pair ending in "a" and a pair starting with "b" are each at least as common, i.e. "a" and "b"
 * belong to other words.
 */
export function bridgePhrases(counted: readonly { term: string; count: number }[]): Set<string> {
  const endingIn = new Map<string, number>();
  const startingWith = new Map<string, number>();
  for (const { term, count } of counted) {
    const [a = '', b = ''] = term.split(' ');
    startingWith.set(a, Math.max(startingWith.get(a) ?? 0, count));
    endingIn.set(b, Math.max(endingIn.get(b) ?? 0, count));
  }
  const out = new Set<string>();
  for (const { term, count } of counted) {
    const [a = '', b = ''] = term.split(' ');
    // Pairs ending in "a" / starting with "b" are other pairs than "a b" itself (unless a = b).
    if (a !== b && (endingIn.get(a) ?? 0) >= count && (startingWith.get(b) ?? 0) >= count) out.add(term);
  }
  return out;
}
