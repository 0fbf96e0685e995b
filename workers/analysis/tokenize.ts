/**
 * Tokens over the folded form (see normalise.ts). Vietnamese writes one syllable per space-separated
 * token, so words are syllables; `wordNgrams` rebuilds compounds ("dang nhap", "can cuoc").
 * (Terms for trends and the dashboard use trends/terms.ts, with its function-word list.)
 */

/** Syllable tokens of a folded text: letters/digits runs and `[placeholder]` tokens; punctuation dropped. */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const t of folded.split(' ')) {
    if (t === '' || t === '?' || t === '!') continue;
    out.push(t);
  }
  return out;
}

/** Contiguous n-token phrases joined by a space. */
export function wordNgrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}
