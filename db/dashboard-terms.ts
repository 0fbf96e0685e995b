/**
 * Top terms of a topic: two-syllable phrases ("dang nhap", "ma otp") from the matching form of the most
 * recent messages, kept only when at least k distinct citizens used them, so no phrase points at a person.
 */

import { surfaceForms } from '../workers/analysis/trends/terms.ts';
import type { SliceFilter } from './dashboard-filters.ts';
import type { Db } from './database.ts';

const STOP = new Set(
  'toi khong duoc la va cua co da cho thi ma nay em anh chi bi roi voi de lam sao gi nhung cac mot nhu vao ra o khi nen vi con nua di den tu tren duoi cung rat qua ban minh ho a oi a nhe a vay the nao sao ko k dc vneid the cai'.split(
    ' ',
  ),
);

/** Pure: phrase → distinct authors, from (author, folded text) pairs. */
export function countPhrases(rows: readonly { author: string; text: string }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { author, text } of rows) {
    const words = text.split(/[^a-z0-9]+/).filter((w) => w.length > 0 && w.length < 20);
    const seen = new Set<string>();
    for (let i = 0; i + 1 < words.length; i++) {
      const a = words[i]!;
      const b = words[i + 1]!;
      if (STOP.has(a) && STOP.has(b)) continue;
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
  const terms = [...phrases]
    .map(([term, authors]) => ({ term, count: authors.size }))
    .filter((t) => t.count >= k)
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, limit);
  // Shown as people wrote them (diacritics kept), counted on the folded form.
  const written = surfaceForms(
    terms.map((t) => t.term),
    rows.map((r) => r.text_redacted),
  );
  return { terms: terms.map((t) => ({ ...t, term: written.get(t.term) ?? t.term })), sampled: rows.length };
}
