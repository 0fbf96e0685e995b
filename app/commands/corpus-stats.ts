/**
 * `corpus-stats [--markdown]`: what the bundled corpus is made of (corpus-stats.ts) as one JSON
 * object, or as the Markdown of workers/analysis/corpus/README.md
 * (`npm run --silent cli -- corpus-stats --markdown > workers/analysis/corpus/README.md`).
 */
import { loadCorpus } from '../../workers/analysis/corpus-files.ts';
import { type CorpusStats, corpusStats } from '../../workers/analysis/corpus-stats.ts';
import type { CliIo } from '../cli.ts';

function markdown(s: CorpusStats): string {
  const styles = s.styles;
  const head = `| topic | ${styles.join(' | ')} | total |`;
  const rule = `|---|${styles.map(() => '---:').join('|')}|---:|`;
  const totals = new Map<string, number>();
  const lines = Object.entries(s.byTopicStyle).map(([topic, counts]) => {
    const cells = styles.map((st) => {
      totals.set(st, (totals.get(st) ?? 0) + (counts[st] ?? 0));
      return String(counts[st] ?? 0);
    });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return `| \`${topic}\` | ${cells.join(' | ')} | ${total} |`;
  });
  const totalRow = `| **total** | ${styles.map((st) => totals.get(st) ?? 0).join(' | ')} | ${s.examples} |`;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    '# Labelled corpus',
    '',
    "Messages written for this project from the product's situations (never copied or paraphrased from",
    'published text), one JSON object a line: `{"text","topic","sentiment","lang","style","group"}`.',
    '`raw/<topic>.jsonl` is the first corpus (style on each line; every line is its own group);',
    '`v2/<style>/<topic>.jsonl` is corpus v2, where `group` names the template or story a line was',
    'written from. The held-out split is made **by group** (`splitCorpus`: FNV-1a of the group id mod',
    '100 < 20), so no template is on both sides.',
    '',
    'Regenerate this file after the corpus changes:',
    '`npm run --silent cli -- corpus-stats --markdown > workers/analysis/corpus/README.md`.',
    '',
    `**${s.examples} distinct messages** (duplicates after folding dropped) in **${s.groups} groups**;`,
    `train ${s.train}, held-out ${s.heldout}. Languages: ${Object.entries(s.byLang)
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}.`,
    '',
    '## Variety',
    '',
    `- Near-duplicates (word-3-gram Jaccard ≥ ${s.nearDuplicate.jaccard}, MinHash + LSH then checked exactly):`,
    `  ${pct(s.nearDuplicate.any)} of messages have one anywhere, ${pct(s.nearDuplicate.otherGroup)} in another group,`,
    `  ${pct(s.nearDuplicate.acrossSplit)} on the other side of the held-out split.`,
    `- Distinct word n-grams: ${s.distinct.unigrams} unigrams, ${s.distinct.bigrams} bigrams,`,
    `  ${s.distinct.trigrams} trigrams (${s.distinct.trigramRatio} distinct trigrams per trigram occurrence).`,
    '',
    '## Messages per topic × style',
    '',
    head,
    rule,
    ...lines,
    totalRow,
    '',
  ].join('\n');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const corpus = loadCorpus();
  const stats = corpusStats(corpus.examples);
  io.stdout(args.includes('--markdown') ? markdown(stats) : JSON.stringify(stats));
  return 0;
}
