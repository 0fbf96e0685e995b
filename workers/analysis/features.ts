/**
 * Hashed features of a folded text: character 3-4-grams across the padded string (they carry
 * Vietnamese written without diacritics, typos and teencode left unexpanded) plus word unigrams and
 * bigrams. Feature set 2 (with a context) adds word trigrams; Han, kana and Hangul give character
 * unigrams and bigrams instead of one "word" per sentence; the language is a feature; and the words
 * of the clause after the last contrast marker (contrast.ts) count again. No strings are built: FNV-1a
 * runs over char codes, so extraction allocates one array.
 */

import { contrastTail } from './contrast.ts';
import { fold } from './normalise.ts';

/** 2^16 buckets: feature set 2 has word trigrams and CJK bigrams, which 2^14 would crowd. */
export const DEFAULT_DIM_BITS = 16;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
const MIN_N = 3;
const MAX_N = 4;
const WORD_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2d;
const CJK_SALT = 0x165667b1;
const LANG_SALT = 0x61c88647;
const CONTRAST_FLAG = 0x3c6ef372;

/** What a feature set 2 extraction knows beside the folded text. */
export interface FeatureContext {
  lang?: string;
  /** Folded clause after the last contrast marker (contrast.ts), when there is one. */
  tail?: string;
}

/** Han, kana and Hangul syllables: characters that are words (or close to it) on their own. */
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
}

export interface Features {
  /** Hashed feature indices (repeats allowed: a repeat counts twice). */
  indices: Int32Array;
  length: number;
  /**
   * Entries from here on (the word-level ones) count twice: words are few beside character n-grams,
   * and doubling them helped on the dev slice. A factor instead of repeated entries saves work.
   */
  doubleFrom: number;
  /** How many times each entry from `doubleFrom` on counts (2 in feature set 1). */
  wordFactor: number;
  /** Every feature's value: 1/sqrt(weighted count), so long and short messages weigh the same. */
  value: number;
}

/** How many times entry `i` of `f` counts. */
export function multiplicity(f: Features, i: number): number {
  return i >= f.doubleFrom ? f.wordFactor : 1;
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
 * Word-level features of `text` written into `buffer` from `start`: words, word bigrams, polarity;
 * with `set2` also word trigrams and CJK character unigrams and bigrams. Returns the new end.
 */
function wordFeatures(text: string, mask: number, start: number, set2: boolean): number {
  let n = start;
  let prev = 0;
  let prev2 = 0;
  let negated = false;
  let h = FNV_OFFSET;
  let inWord = false;
  let prevCjk = -1;
  const len = text.length;
  const lexPositive = mix(LEX_POSITIVE) & mask;
  const lexNegative = mix(LEX_NEGATIVE) & mask;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : 32;
    const ideo = set2 && c > 0x3000 && isCjk(c);
    if (c === 32 || ideo) {
      if (inWord) {
        const wordKey = mix(h ^ WORD_SALT);
        buffer[n++] = wordKey & mask;
        let polarity = POSITIVE.has(wordKey) ? 1 : NEGATIVE.has(wordKey) ? -1 : 0;
        if (prev !== 0) {
          const bigramFull = bigramKey(prev, h);
          buffer[n++] = bigramFull & mask;
          if (POSITIVE.has(bigramFull)) polarity = 1;
          else if (NEGATIVE.has(bigramFull)) polarity = -1;
          if (set2 && prev2 !== 0) buffer[n++] = mix(Math.imul(bigramKey(prev2, prev), 31) ^ h) & mask;
        }
        if (polarity !== 0) buffer[n++] = polarity > 0 !== negated ? lexPositive : lexNegative;
        negated = NEGATORS.has(wordKey);
        prev2 = prev;
        prev = h;
        h = FNV_OFFSET;
        inWord = false;
      }
      if (ideo) {
        buffer[n++] = mix(c ^ CJK_SALT) & mask;
        if (prevCjk >= 0) buffer[n++] = mix(Math.imul(prevCjk, 0x10001) ^ c ^ BIGRAM_SALT) & mask;
        prevCjk = c;
      } else prevCjk = -1;
      continue;
    }
    prevCjk = -1;
    h = Math.imul(h ^ c, FNV_PRIME);
    inWord = true;
  }
  return n;
}

/**
 * Features of `folded`. The returned `indices` view is reused by the next call (callers consume it
 * immediately); use `copyFeatures` to keep them. Without `context` this is feature set 1 (the
 * first shipped models); with one, feature set 2.
 */
export function extractFeatures(
  folded: string,
  dimBits: number = DEFAULT_DIM_BITS,
  context?: FeatureContext,
): Features {
  const mask = (1 << dimBits) - 1;
  const len = folded.length;
  const tailLen = context?.tail?.length ?? 0;
  const need = (len + 2) * (MAX_N - MIN_N + 1) + 4 * (len + 2) + 4 * (tailLen + 2) + 8;
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
  n = wordFeatures(folded, mask, n, context !== undefined);
  if (context) {
    if (context.lang) buffer[n++] = mix(wordHash(context.lang) ^ LANG_SALT) & mask;
    if (context.tail) {
      buffer[n++] = mix(CONTRAST_FLAG) & mask;
      n = wordFeatures(context.tail, mask, n, true);
    }
  }
  const wordFactor = 2;
  const weighted = doubleFrom + wordFactor * (n - doubleFrom);
  return {
    indices: buffer,
    length: n,
    doubleFrom,
    wordFactor,
    value: weighted > 0 ? 1 / Math.sqrt(weighted) : 0,
  };
}

export function copyFeatures(f: Features): Features {
  return {
    indices: f.indices.slice(0, f.length),
    length: f.length,
    doubleFrom: f.doubleFrom,
    wordFactor: f.wordFactor,
    value: f.value,
  };
}

/** Feature sets a model can be trained on; a model file records its own (absent: 1). */
export type FeatureSet = 1 | 2;

/** The features a model of `featureSet` sees for a prepared (redacted, folded) message. */
export function featuresOf(
  text: { redacted: string; folded: string; lang: string },
  dimBits: number,
  featureSet: FeatureSet,
): Features {
  if (featureSet === 1) return extractFeatures(text.folded, dimBits);
  const tail = contrastTail(text.redacted);
  return extractFeatures(text.folded, dimBits, {
    lang: text.lang,
    ...(tail !== undefined ? { tail: fold(tail) } : {}),
  });
}
