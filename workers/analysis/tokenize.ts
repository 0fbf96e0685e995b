/**
 * Tokens over the folded form (see normalise.ts). Vietnamese writes one syllable per space-separated
 * token, so words are syllables; `wordNgrams` rebuilds compounds ("dang nhap", "can cuoc"). Han and
 * kana are written without spaces and Hangul glues particles to words, so a run of those characters
 * becomes its overlapping character bigrams ("認証コード" → "認証", "証コ", "コー", "ード"); a single
 * character stays itself. (Terms for trends and the dashboard use trends/terms.ts.)
 */

/** Han, kana and Hangul syllables. */
export const CJK_RE = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const CJK_RUNS = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+|[^\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+/g;

function pushCjk(run: string, out: string[]): void {
  if (run.length === 1) out.push(run);
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
}

/** Syllable tokens of a folded text: letters/digits runs and `[placeholder]` tokens; punctuation dropped. */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const t of folded.split(' ')) {
    if (t === '' || t === '?' || t === '!') continue;
    if (!CJK_RE.test(t)) {
      out.push(t);
      continue;
    }
    for (const part of t.match(CJK_RUNS) ?? []) {
      if (CJK_RE.test(part)) pushCjk(part, out);
      else out.push(part);
    }
  }
  return out;
}

/** Contiguous n-token phrases joined by a space. */
export function wordNgrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}
