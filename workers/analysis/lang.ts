/**
 * Language identification tuned for this inbox: Vietnamese with or without diacritics or in
 * teencode, English from foreign residents, the odd message in another script or language.
 * Votes per token; short messages fall back to Vietnamese syllable shape before answering `und`.
 */

import { EN_WORDS, LANG_WORDS, NEUTRAL_WORDS, VI_WORDS } from './lang-words.ts';
import type { Lang } from './taxonomy.ts';

/** Non-Latin scripts by code-point range; kana before Han so Japanese wins over Chinese. */
const SCRIPT_RANGES: Array<[Lang, number, number]> = [
  ['ja', 0x3040, 0x30ff],
  ['zh', 0x4e00, 0x9fff],
  ['zh', 0x3400, 0x4dbf],
  ['ko', 0xac00, 0xd7af],
  ['ko', 0x1100, 0x11ff],
  ['ko', 0x3130, 0x318f],
  ['th', 0x0e00, 0x0e7f],
  ['lo', 0x0e80, 0x0eff],
  ['km', 0x1780, 0x17ff],
  ['ru', 0x0400, 0x04ff],
  ['ar', 0x0600, 0x06ff],
  ['hi', 0x0900, 0x097f],
];
/** Letters that exist only in Vietnamese among the languages we see (strong evidence)... */
const VI_ONLY = new Set('ăđơưảãạằắẳẵặầấẩẫậẻẽẹềếểễệỉĩịỏõọồốổỗộờớởỡợủũụừứửữựỳỷỹỵ'.split(''));
/** ...and accented letters Vietnamese shares with French or Spanish (weak evidence). */
const VI_SHARED = new Set('âêôàáèéìíòóùúýÀÁÂÈÉÊÌÍÒÓÔÙÚÝ'.split(''));
/** Letters of French (and German/Spanish) that Vietnamese never uses. */
const FR_ONLY = new Set('çœîïëûÇŒÎÏËÛ'.split(''));
/** The shape of one Vietnamese syllable, folded: onset, vowel nucleus, coda. */
const VI_SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?$/;

interface Letters {
  latin: number;
  script: Lang | undefined;
  scriptCount: number;
  /** Words with Vietnamese-only letters count 2, words with shared accents 1. */
  viVotes: number;
  /** Latin-letter words, and those carrying a Vietnamese-only letter. */
  words: number;
  frLetters: number;
  viOnlyWords: number;
}

function scanLetters(text: string): Letters {
  const counts = new Map<Lang, number>();
  let latin = 0;
  let viVotes = 0;
  let wordVi = 0;
  let words = 0;
  let viOnlyWords = 0;
  let inWord = false;
  let frLetters = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) {
      latin++;
      inWord = true;
      continue;
    }
    if (code < 0xc0) {
      if (inWord) words++;
      if (wordVi === 2) viOnlyWords++;
      inWord = false;
      viVotes += wordVi;
      wordVi = 0;
      continue;
    }
    if (code < 0x250 || (code >= 0x1e00 && code <= 0x1eff)) {
      latin++;
      inWord = true;
      const ch = text[i]!;
      const lower = ch.toLowerCase();
      if (FR_ONLY.has(ch)) frLetters++;
      if (VI_ONLY.has(lower)) wordVi = 2;
      else if (wordVi === 0 && VI_SHARED.has(ch)) wordVi = 1;
      continue;
    }
    for (const [lang, from, to] of SCRIPT_RANGES) {
      if (code >= from && code <= to) {
        counts.set(lang, (counts.get(lang) ?? 0) + 1);
        break;
      }
    }
  }
  let script: Lang | undefined;
  let scriptCount = 0;
  for (const [lang, n] of counts) {
    if (n > scriptCount) {
      script = lang;
      scriptCount = n;
    }
  }
  if (script === 'zh' && (counts.get('ja') ?? 0) > 0) script = 'ja';
  return { latin, script, scriptCount, viVotes, words, viOnlyWords, frLetters };
}

/**
 * `original` is the NFC text (diacritics are strong evidence), `folded` its matching form (teencode
 * already expanded, so "ko dc" votes as "khong duoc").
 */
export function detectLang(original: string, folded: string): Lang {
  const letters = scanLetters(original);
  if (letters.script && letters.scriptCount >= letters.latin) return letters.script;
  // Most words written with Vietnamese-only letters: no need to weigh vocabulary. (An English
  // sentence quoting a Vietnamese name stays well below the bar and goes on to the word votes.)
  if (letters.words >= 2 && letters.viOnlyWords * 5 >= letters.words * 2) return 'vi';
  let vi = letters.viVotes;
  let en = 0;
  const other = new Map<Lang, number>();
  if (letters.frLetters > 0) other.set('fr', 2 * letters.frLetters);
  let words = 0;
  let syllables = 0;
  for (let at = 0; at < folded.length; ) {
    let end = folded.indexOf(' ', at);
    if (end < 0) end = folded.length;
    let letters = true;
    for (let i = at; i < end && letters; i++) {
      const c = folded.charCodeAt(i);
      letters = c >= 97 && c <= 122;
    }
    const token = letters && end > at ? folded.slice(at, end) : '';
    at = end + 1;
    if (token === '' || NEUTRAL_WORDS.has(token)) continue;
    words++;
    const isVi = VI_WORDS.has(token);
    const isEn = EN_WORDS.has(token);
    if (isVi && !isEn) vi += 1;
    else if (isEn && !isVi) en += 1;
    else if (isVi && isEn) {
      vi += 0.25;
      en += 0.25;
    }
    if (isVi || isEn) continue;
    // Unknown word: its shape still tells something ("please" is no Vietnamese syllable).
    if (VI_SYLLABLE.test(token)) syllables++;
    else en += 0.5;
    const foreign = LANG_WORDS.get(token);
    if (foreign) other.set(foreign, (other.get(foreign) ?? 0) + 1);
  }
  for (const [lang, votes] of other) {
    if (votes >= 2 && votes > vi && votes > en) return lang;
  }
  if (vi === 0 && en === 0) {
    // "nhan ma di", unknown syllables all shaped like Vietnamese: still Vietnamese.
    return words >= 2 && syllables === words ? 'vi' : 'und';
  }
  return vi >= en ? 'vi' : 'en';
}
