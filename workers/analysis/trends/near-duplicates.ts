/**
 * Distinct complaints: near-duplicate messages (one complaint copied across channels, a campaign, small
 * edits) are grouped with MinHash over character shingles of the folded text and banded LSH. Only the
 * text is compared: authors are never linked across channels.
 */
import { mulberry32 } from '../prng.ts';
import { foldedTokens } from './terms.ts';

export interface DuplicateOptions {
  /** Estimated Jaccard similarity from which two messages are the same complaint (default 0.6). */
  threshold?: number;
  /** Shingle length in characters (default 5). */
  shingle?: number;
  /** MinHash size = bands × rows (default 16 × 4: pairs above ~0.6 almost always meet in a band). */
  bands?: number;
  rows?: number;
}

export interface DuplicateGroup {
  /** Member ids, ascending; the first is the representative. */
  ids: number[];
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The comparable form of folded text: words without punctuation or PII placeholders. */
export function canonical(text: string): string {
  return foldedTokens(text).join(' ');
}

function shingleHashes(s: string, k: number): Uint32Array {
  if (s.length <= k) return Uint32Array.of(fnv1a(s));
  const set = new Set<number>();
  for (let i = 0; i + k <= s.length; i++) set.add(fnv1a(s.slice(i, i + k)));
  return Uint32Array.from(set);
}

function signature(hashes: Uint32Array, seeds: Uint32Array, mults: Uint32Array): Uint32Array {
  const size = seeds.length;
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (let j = 0; j < hashes.length; j++) {
    const x = hashes[j] ?? 0;
    for (let i = 0; i < size; i++) {
      let v = Math.imul(x ^ (seeds[i] ?? 0), mults[i] ?? 1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < (sig[i] ?? 0)) sig[i] = v;
    }
  }
  return sig;
}

function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Groups items into distinct complaints, largest group first (ties: smallest id first). */
export function groupNearDuplicates(
  items: readonly { id: number; text: string }[],
  options: DuplicateOptions = {},
): DuplicateGroup[] {
  const threshold = options.threshold ?? 0.6;
  const k = options.shingle ?? 5;
  const bands = options.bands ?? 16;
  const rows = options.rows ?? 4;
  const rand = mulberry32(0x5eed);
  const seeds = Uint32Array.from({ length: bands * rows }, () => Math.floor(rand() * 2 ** 32));
  const mults = Uint32Array.from({ length: bands * rows }, () => Math.floor(rand() * 2 ** 32) | 1);

  // Identical texts need no hashing: campaigns are mostly exact copies.
  const byText = new Map<string, number[]>();
  for (const item of items) {
    const key = canonical(item.text);
    const list = byText.get(key);
    if (list) list.push(item.id);
    else byText.set(key, [item.id]);
  }
  const texts = [...byText.keys()];
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[i] !== r) {
      const next = parent[i] ?? r;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const sigs = texts.map((t) => signature(shingleHashes(t, k), seeds, mults));
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < sigs.length; i++) {
      const key = Array.from(sigs[i]?.subarray(b * rows, (b + 1) * rows) ?? []).join(',');
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [i]);
        continue;
      }
      // Compare with a bounded number of earlier members: a huge bucket stays linear.
      for (const j of bucket.slice(-32)) {
        if (find(i) === find(j)) continue;
        const a = sigs[i];
        const c = sigs[j];
        if (a && c && similarity(a, c) >= threshold) parent[find(i)] = find(j);
      }
      bucket.push(i);
    }
  }
  const groups = new Map<number, number[]>();
  texts.forEach((t, i) => {
    const root = find(i);
    const ids = byText.get(t) ?? [];
    const g = groups.get(root);
    if (g) g.push(...ids);
    else groups.set(root, [...ids]);
  });
  return [...groups.values()]
    .map((ids) => ({ ids: ids.sort((a, b) => a - b) }))
    .sort((x, y) => y.ids.length - x.ids.length || (x.ids[0] ?? 0) - (y.ids[0] ?? 0));
}
