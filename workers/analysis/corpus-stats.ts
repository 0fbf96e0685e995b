/**
 * What the corpus is made of, measured by variety rather than size: counts per topic × style, the
 * number of groups (templates or stories), the near-duplicate rate (word-3-gram Jaccard, found with
 * MinHash + LSH, then checked exactly), and distinct word n-grams. Pure: the caller loads the corpus.
 */
import { type LabelledText, splitCorpus } from './corpus.ts';
import { fold, toNfc } from './normalise.ts';
import { TOPIC_IDS } from './taxonomy.ts';
import { tokenize, wordNgrams } from './tokenize.ts';

/** Two messages whose word-3-gram sets overlap this much are near-duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.6;
const HASHES = 32;
const BANDS = 16;
const ROWS = HASHES / BANDS;

export interface CorpusStats {
  examples: number;
  groups: number;
  train: number;
  heldout: number;
  byTopicStyle: Record<string, Record<string, number>>;
  styles: string[];
  byLang: Record<string, number>;
  /** Share of messages with a near-duplicate anywhere / in another group / on the other side of the split. */
  nearDuplicate: { any: number; otherGroup: number; acrossSplit: number; jaccard: number };
  /** Distinct word n-grams over the whole corpus, and distinct 3-grams per 3-gram occurrence. */
  distinct: { unigrams: number; bigrams: number; trigrams: number; trigramRatio: number };
}

function fnv(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

function shingles(tokens: string[]): Set<string> {
  return new Set(tokens.length < 3 ? [tokens.join(' ')] : wordNgrams(tokens, 3));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export function corpusStats(examples: readonly LabelledText[]): CorpusStats {
  const { train, heldout } = splitCorpus(examples);
  const rows = [...train.map((e) => ({ e, side: 0 })), ...heldout.map((e) => ({ e, side: 1 }))];
  const byTopicStyle: Record<string, Record<string, number>> = {};
  const styles = new Set<string>();
  const byLang: Record<string, number> = {};
  const groups = new Set<string>();
  const uni = new Set<string>();
  const bi = new Set<string>();
  const tri = new Set<string>();
  let triTotal = 0;
  const sets: Array<Set<string>> = [];
  const buckets = new Map<string, number[]>();
  rows.forEach(({ e }, at) => {
    const style = e.style ?? 'unknown';
    styles.add(style);
    byTopicStyle[e.topic] ??= {};
    byTopicStyle[e.topic]![style] = (byTopicStyle[e.topic]![style] ?? 0) + 1;
    byLang[e.lang ?? 'und'] = (byLang[e.lang ?? 'und'] ?? 0) + 1;
    groups.add(e.group ?? e.text);
    const tokens = tokenize(fold(toNfc(e.text)));
    for (const t of tokens) uni.add(t);
    for (const t of wordNgrams(tokens, 2)) bi.add(t);
    const grams = wordNgrams(tokens, 3);
    triTotal += grams.length;
    for (const t of grams) tri.add(t);
    const set = shingles(tokens);
    sets.push(set);
    const sig = new Array<number>(HASHES).fill(0xffffffff);
    for (const s of set) for (let k = 0; k < HASHES; k++) sig[k] = Math.min(sig[k]!, fnv(s, k * 0x9e3779b1));
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${sig.slice(b * ROWS, (b + 1) * ROWS).join(',')}`;
      const list = buckets.get(key) ?? [];
      list.push(at);
      buckets.set(key, list);
    }
  });
  const any = new Set<number>();
  const otherGroup = new Set<number>();
  const across = new Set<number>();
  const checked = new Set<string>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > 400) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const key = `${a},${b}`;
        if (checked.has(key)) continue;
        checked.add(key);
        if (jaccard(sets[a]!, sets[b]!) < NEAR_DUPLICATE_JACCARD) continue;
        any.add(a).add(b);
        const ea = rows[a]!;
        const eb = rows[b]!;
        if ((ea.e.group ?? ea.e.text) !== (eb.e.group ?? eb.e.text)) otherGroup.add(a).add(b);
        if (ea.side !== eb.side) across.add(a).add(b);
      }
    }
  }
  const share = (s: Set<number>) => Math.round((s.size / Math.max(1, rows.length)) * 1000) / 1000;
  const topics = Object.fromEntries(
    TOPIC_IDS.filter((t) => byTopicStyle[t]).map((t) => [t, byTopicStyle[t]!]),
  );
  return {
    examples: rows.length,
    groups: groups.size,
    train: train.length,
    heldout: heldout.length,
    byTopicStyle: topics,
    styles: [...styles].sort(),
    byLang,
    nearDuplicate: {
      any: share(any),
      otherGroup: share(otherGroup),
      acrossSplit: share(across),
      jaccard: NEAR_DUPLICATE_JACCARD,
    },
    distinct: {
      unigrams: uni.size,
      bigrams: bi.size,
      trigrams: tri.size,
      trigramRatio: Math.round((tri.size / Math.max(1, triTotal)) * 1000) / 1000,
    },
  };
}
