/**
 * Hashed features of a folded text: character 3-4-grams across the padded string (they carry
 * Vietnamese written without diacritics, typos and teencode left unexpanded) plus word unigrams and
 * bigrams. No strings are built: FNV-1a runs over char codes, so extraction allocates one array.
 */

export const DEFAULT_DIM_BITS = 14;
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
  /**
   * Entries from here on (the word-level ones) count twice: words are few beside character n-grams,
   * and doubling them helped on the dev slice. A factor instead of repeated entries saves work.
   */
  doubleFrom: number;
  /** Every feature's value: 1/sqrt(weighted count), so long and short messages weigh the same. */
  value: number;
}

/** How many times entry `i` of `f` counts. */
export function multiplicity(f: Features, i: number): number {
  return i >= f.doubleFrom ? 2 : 1;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** FNV-1a of a word, the same hash the extractor computes on the fly. */
function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h;
}
function bigramKey(prev: number, h: number): number {
  return mix(Math.imul(prev, 31) ^ h ^ BIGRAM_SALT);
}
function hashes(list: string): Set<number> {
  const out = new Set<number>();
  for (const entry of list.split(',')) {
    const words = entry.trim().split(' ').map(wordHash);
    if (words.length === 1) out.add(mix(words[0]! ^ WORD_SALT));
    else if (words.length === 2) out.add(bigramKey(words[0]!, words[1]!));
  }
  return out;
}
/**
 * Polarity lexicon (folded). One shared "positive word" / "negative word" feature pools the evidence
 * of every listed word, so a model trained on a few hundred positive messages still knows words it
 * has barely seen ("lifesaver", "muot").
 */
const POSITIVE = hashes(
  'cam on, thanks, thank, tuyet, tuyet voi, hai long, tien loi, tien ich, huu ich, nhanh gon, de dung, ' +
    'hay qua, tot qua, rat tot, xuat sac, thich, yeu, love, great, good, excellent, awesome, amazing, ' +
    'helpful, easy, smooth, nice, perfect, wonderful, enjoy, lifesaver, convenient, impressed, happy, ' +
    'appreciate, recommend, khen, emopos, muot, chuyen nghiep, nhiet tinh, chu dao, dinh, xin xo, ' +
    'gon gang, ok roi, on roi, duoc roi, thanh cong, nhanh chong, de hieu, tien, vui, well done, kudos',
);
const NEGATIVE = hashes(
  'loi, that vong, te, kem, buc, buc minh, chan, cham, lau qua, treo, van, sai, fail, failed, error, ' +
    'cannot, can t, never, bad, terrible, slow, stuck, crash, crashes, broken, worst, annoying, ' +
    'frustrating, useless, angry, emoneg, lua dao, scam, khong duoc, khong nhan, ton thoi gian, ' +
    'phien, met, uc che, kho chiu, doesn t, didn t, won t, still not, not working, khong the',
);
const NEGATORS = hashes('khong, chua, chang, not, never, no, dung co');
const LEX_POSITIVE = 0x2545f491;
const LEX_NEGATIVE = 0x7feb352d;

let buffer = new Int32Array(4096);

/**
 * Features of `folded`. The returned `indices` view is reused by the next call (callers consume it
 * immediately); use `copyFeatures` to keep them.
 */
export function extractFeatures(folded: string, dimBits: number = DEFAULT_DIM_BITS): Features {
  const mask = (1 << dimBits) - 1;
  const len = folded.length;
  const need = (len + 2) * (MAX_N - MIN_N + 1) + 3 * (len + 2);
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
  // Words, word bigrams and polarity, each counting twice (see `doubleFrom`).
  const doubleFrom = n;
  let prev = 0;
  let negated = false;
  let h = FNV_OFFSET;
  let inWord = false;
  const lexPositive = mix(LEX_POSITIVE) & mask;
  const lexNegative = mix(LEX_NEGATIVE) & mask;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? folded.charCodeAt(i) : 32;
    if (c === 32) {
      if (inWord) {
        const wordKey = mix(h ^ WORD_SALT);
        buffer[n++] = wordKey & mask;
        let polarity = POSITIVE.has(wordKey) ? 1 : NEGATIVE.has(wordKey) ? -1 : 0;
        if (prev !== 0) {
          const bigramFull = bigramKey(prev, h);
          buffer[n++] = bigramFull & mask;
          if (POSITIVE.has(bigramFull)) polarity = 1;
          else if (NEGATIVE.has(bigramFull)) polarity = -1;
        }
        if (polarity !== 0) buffer[n++] = polarity > 0 !== negated ? lexPositive : lexNegative;
        negated = NEGATORS.has(wordKey);
        prev = h;
        h = FNV_OFFSET;
        inWord = false;
      }
      continue;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
    inWord = true;
  }
  const weighted = doubleFrom + 2 * (n - doubleFrom);
  return { indices: buffer, length: n, doubleFrom, value: weighted > 0 ? 1 / Math.sqrt(weighted) : 0 };
}

export function copyFeatures(f: Features): Features {
  return {
    indices: f.indices.slice(0, f.length),
    length: f.length,
    doubleFrom: f.doubleFrom,
    value: f.value,
  };
}
