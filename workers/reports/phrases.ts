/**
 * Emerging terms as phrases citizens actually wrote: the written form must occur in a message as one
 * run of words (not across a comma or full stop, where two phrases merely touch), and a term inside a
 * longer term that is found in about as many messages is dropped ("nhật 2.1.5" beside "cập nhật 2.1.5").
 */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function writtenAsRun(written: string, texts: readonly string[]): boolean {
  const words = written.split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return false;
  const run = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[ \\t]+')}(?![\\p{L}\\p{N}])`, 'iu');
  return texts.some((t) => run.test(t.normalize('NFC')));
}

export function wholePhrases<T extends { term: string; current: number }>(
  terms: readonly T[],
  written: ReadonlyMap<string, string>,
  texts: readonly string[],
): T[] {
  const runs = terms.filter((x) => {
    const w = written.get(x.term);
    return w !== undefined && writtenAsRun(w, texts);
  });
  return runs.filter(
    (x) =>
      !runs.some((y) => y !== x && ` ${y.term} `.includes(` ${x.term} `) && y.current >= 0.8 * x.current),
  );
}
