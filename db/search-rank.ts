/**
 * Ranking of search matches (pure). The index matches folded text, so "không nhận được mã" also finds
 * "mặt" and "mất"; what the analyst typed decides the order: a word typed with diacritics ranks the
 * messages containing that very spelling first (a word typed without them matches every spelling
 * alike). `relevance` then ranks by how many typed words occur as written, as whole words, and as the
 * typed phrase; `newest` keeps time order within the exact-spelling groups.
 */
import { fold } from '../workers/analysis/normalise.ts';

export type SearchSort = 'relevance' | 'newest';

export interface Candidate {
  id: number;
  text: string;
  receivedAt: number;
}

const words = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Typed words carrying diacritics (their folded form differs). */
export function spelledWords(q: string): string[] {
  return words(q).filter((w) => fold(w) !== w);
}

export function rankCandidates(q: string, rows: readonly Candidate[], sort: SearchSort): Candidate[] {
  const typed = words(q);
  const spelled = new Set(spelledWords(q));
  const last = typed[typed.length - 1];
  const foldedTyped = typed.map((w) => fold(w));
  const phrase = foldedTyped.join(' ');
  const scored = rows.map((r) => {
    const own = words(r.text);
    const ownSet = new Set(own);
    // The last typed word may be unfinished: it matches as a prefix.
    const has = (w: string) => ownSet.has(w) || (w === last && own.some((o) => o.startsWith(w)));
    let exact = 0;
    for (const w of spelled) if (has(w)) exact += 1;
    const foldedOwn = own.map((w) => fold(w));
    const foldedSet = new Set(foldedOwn);
    let whole = 0;
    for (const w of foldedTyped) if (foldedSet.has(w)) whole += 1;
    const inPhrase = typed.length > 1 && foldedOwn.join(' ').includes(phrase) ? 1 : 0;
    return { r, exact, score: 3 * exact + whole + 2 * inPhrase };
  });
  scored.sort((a, b) => {
    const primary = sort === 'relevance' ? b.score - a.score : b.exact - a.exact;
    return primary || b.r.receivedAt - a.r.receivedAt || b.r.id - a.r.id;
  });
  return scored.map((s) => s.r);
}
