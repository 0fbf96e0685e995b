/**
 * Hashed features of a folded text: character 2-5-grams across the padded string (they carry
 * Vietnamese written without diacritics, typos and teencode left unexpanded) plus word unigrams and
 * bigrams. No strings are built: FNV-1a runs over char codes, so extraction allocates one array.
 */

export const DEFAULT_DIM_BITS = 16;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
const MIN_N = 3;
const MAX_N = 4;
const WORD_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2d;

export interface Features {
  /** Hashed feature indices (repeats allowed: a repeat counts twice). */
  indices: Int32Array;
  length: number;
  /** Every feature's value: 1/sqrt(length), so long and short messages weigh the same. */
  value: number;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

let buffer = new Int32Array(4096);

/**
 * Features of `folded`. The returned `indices` view is reused by the next call (callers consume it
 * immediately); use `copyFeatures` to keep them.
 */
export function extractFeatures(folded: string, dimBits: number = DEFAULT_DIM_BITS): Features {
  const mask = (1 << dimBits) - 1;
  const len = folded.length;
  const need = (len + 2) * (MAX_N - MIN_N + 1) + 2 * (len + 2);
  if (buffer.length < need) buffer = new Int32Array(need * 2);
  let n = 0;
  // Character n-grams over " text ", so word starts and ends are marked.
  const padded = len + 2;
  for (let i = 0; i < padded; i++) {
    let h = FNV_OFFSET;
    for (let j = 0; j < MAX_N && i + j < padded; j++) {
      const p = i + j;
      const c = p === 0 || p === padded - 1 ? 32 : folded.charCodeAt(p - 1);
      h = Math.imul(h ^ c, FNV_PRIME);
      if (j + 1 >= MIN_N) buffer[n++] = mix(h + j) & mask;
    }
  }
  // Words and word bigrams.
  let prev = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? folded.charCodeAt(i) : 32;
    if (c === 32) {
      if (inWord) {
        buffer[n++] = mix(h ^ WORD_SALT) & mask;
        if (prev !== 0) buffer[n++] = mix(Math.imul(prev, 31) ^ h ^ BIGRAM_SALT) & mask;
        prev = h;
        h = FNV_OFFSET;
        inWord = false;
      }
      continue;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
    inWord = true;
  }
  return { indices: buffer, length: n, value: n > 0 ? 1 / Math.sqrt(n) : 0 };
}

export function copyFeatures(f: Features): Features {
  return { indices: f.indices.slice(0, f.length), length: f.length, value: f.value };
}
