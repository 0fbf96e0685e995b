/**
 * Tokens over the folded form (see normalise.ts). Vietnamese writes one syllable per space-separated
 * token, so words are syllables; `wordNgrams` rebuilds compounds ("dang nhap", "can cuoc").
 * Trends (emerging terms) and near-duplicate detection reuse these.
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

/** Function words (folded) that carry no topic: useful to skip when counting terms. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'toi minh em anh chi ban la va cua cho voi thi ma nay do kia roi nhe a ah a nha nhi oi ha vay ' +
    'cac nhung mot co duoc khong bi da dang se rat qua lam cung van con nua de den tu trong ngoai ' +
    'tren duoi khi neu nhu the gi sao ai dau nao bao luc sau truoc ra vao len xuong di ve o tai ' +
    'the a an and are be but by for from has have i if in is it its me my of on or so that the this ' +
    'to was we were what when where which who why will with you your can not do does did'
  ).split(' '),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
