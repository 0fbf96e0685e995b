/**
 * Vietnamese-aware normalisation. Two forms of every message exist:
 * - display form (`toNfc`): NFC, invisible junk removed, original casing and diacritics kept;
 * - matching form (`fold`): lower case, no diacritics, teencode expanded, repeats collapsed, URLs and
 *   emoji turned into marker tokens. Models, search and trend maths only ever see the matching form.
 */
import { TEENCODE } from './teencode.ts';

// Zero-width characters, BOM, soft hyphen: they split words invisibly and defeat matching. Bidirectional
// embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) can make displayed text read
// differently from what it is (an RTL override reverses what follows): removed from the display form.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]/g;
// NBSP and other exotic spaces become plain spaces.
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * NFC, with the input fixed first: zero-width characters removed, exotic spaces made plain. NFC itself
 * repairs decomposed input (macOS, some Android keyboards) and re-orders stacked combining marks.
 */
export function toNfc(text: string): string {
  const cleaned = ODD_CHAR.test(text) ? text.replace(INVISIBLE, '').replace(ODD_SPACE, ' ') : text;
  return cleaned.normalize('NFC');
}
const ODD_CHAR = /[\u00a0\u00ad\u1680\u2000-\u200d\u202a-\u202f\u205f\u2060\u2066-\u2069\u3000\ufeff]/;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/g;
// Emoji carry sentiment in short messages ("👍", "😡😡"); everything else pictographic is noise.
const EMO_POS = /[👍👏🙏❤♥💕💖💯😍🥰😊😀😃😄😁🤗🎉🌟⭐✨😘☺]/gu;
const EMO_NEG = /[👎😡😠🤬😤😞😢😭😩😫😒🙄💢😱😰😓😔😟]/gu;
const PICTO = /[\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0f\u200d]/gu;
// Every spelling of the product's name collapses to one token.
const VNEID_RE = /\bv\s?n[\s._-]?e[\s._-]?(?:i|l|1)[\s._-]?d\b/g;
const REPEAT_RE = /([a-z])\1{2,}/g;
const REPEAT_UNICODE_RE = /(\p{L})\1{2,}/gu;
const PLACEHOLDER_RE = /\[[^\]\s]{2,12}(?: [^\]\s]{2,12})?\]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const LETTER = /[\p{L}\p{N}]/u;
const VNEID_HINT = /[il1][\s._-]?d/;

/**
 * Lower case, diacritics removed, đ → d, one UTF-16 code unit in, one out, so indices line up with
 * the input (redaction relies on it). Other scripts pass through lower-cased; kana, Hangul and Han
 * pass through unchanged.
 */
export function shadowOf(text: string): string {
  const n = text.length;
  if (codes.length < n) codes = new Uint16Array(n * 2);
  let changed = false;
  for (let i = 0; i < n; i++) {
    let code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) {
      code += 32;
      changed = true;
    } else if (code >= 128) {
      let mapped = SHADOW_TABLE[code];
      if (mapped === undefined) mapped = shadowCode(code);
      if (mapped !== code) changed = true;
      code = mapped;
    }
    codes[i] = code;
  }
  if (!changed) return text;
  let out = '';
  for (let i = 0; i < n; i += 4096) {
    out += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 4096)));
  }
  return out;
}

let codes = new Uint16Array(1024);
/** Lower-case, diacritic-free code unit of every BMP character seen so far (filled lazily). */
const SHADOW_TABLE: Array<number | undefined> = [];
function shadowCode(code: number): number {
  if (code >= 0x2000) {
    // Kana, Hangul, Han and the rest keep their letters: NFD would split a Hangul syllable into jamo
    // (and keep only the first) and strip the voicing marks kana need.
    SHADOW_TABLE[code] = code;
    return code;
  }
  const ch = String.fromCharCode(code);
  const base = ch.normalize('NFD').charAt(0).toLowerCase();
  const mapped = ch === 'đ' || ch === 'Đ' ? 100 : base.length === 1 ? base.charCodeAt(0) : code;
  SHADOW_TABLE[code] = mapped;
  return mapped;
}

/** Lower-case and strip diacritics (đ → d); nothing else. */
export function stripDiacritics(text: string): string {
  return shadowOf(text);
}

/**
 * The matching form: lower case, diacritics folded, teencode expanded ("ko" → "khong", "dc" →
 * "duoc"), letters repeated for emphasis collapsed ("loiiii" → "loi"), URLs → `url`, emoji →
 * `emopos`/`emoneg`, every spelling of VNeID → `vneid`, punctuation → spaces. Typed placeholders
 * (`[SĐT]`) survive as `[sdt]` so redacted data is never expanded back into words.
 */
export function fold(text: string): string {
  return foldShadow(shadowOf(toNfc(text)));
}

/** `fold` for a text already passed through `shadowOf` (saves a pass when redaction made one). */
export function foldShadow(shadow: string): string {
  let s = shadow;
  let placeholders: string[] | undefined;
  if (s.includes('[')) {
    const found: string[] = [];
    s = s.replace(PLACEHOLDER_RE, (p) => {
      found.push(p.replace(/\s+/g, '_'));
      return ` \u0001${found.length - 1}\u0001 `;
    });
    placeholders = found;
  }
  if (s.includes('http') || s.includes('www.')) s = s.replace(URL_RE, ' url ');
  const unicode = NON_ASCII.test(s);
  if (unicode) {
    s = s.replace(EMO_POS, ' emopos ').replace(EMO_NEG, ' emoneg ').replace(PICTO, ' ');
    s = s.replace(REPEAT_UNICODE_RE, '$1');
  }
  if (VNEID_HINT.test(s)) s = s.replace(VNEID_RE, 'vneid');
  return wordsOf(s, unicode, placeholders);
}

/**
 * One pass from the prepared string to the folded text: keeps letter/digit runs (teencode expanded,
 * letters repeated 3+ times collapsed), "?" and "!" once each, placeholders restored; everything
 * else separates words.
 */
function wordsOf(s: string, unicode: boolean, placeholders: string[] | undefined): string {
  let out = '';
  let start = -1;
  let run = 0;
  let repeated = false;
  let lastMark = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const word =
      (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 1 || (unicode && c > 127 && LETTER.test(s[i]!));
    if (word) {
      if (start < 0) {
        start = i;
        run = 1;
        repeated = false;
      } else if (c === s.charCodeAt(i - 1) && c >= 97) {
        if (++run === 3) repeated = true;
      } else run = 1;
      lastMark = 0;
      continue;
    }
    if (start >= 0) {
      let w = s.slice(start, i);
      start = -1;
      if (w.charCodeAt(0) === 1) w = placeholders?.[Number(w.slice(1, -1))] ?? '';
      else {
        if (repeated) w = w.replace(REPEAT_RE, '$1');
        w = TEENCODE.get(w) ?? w;
      }
      if (w !== '') out = out === '' ? w : `${out} ${w}`;
    }
    if ((c === 63 || c === 33) && c !== lastMark) {
      out = out === '' ? s[i]! : `${out} ${s[i]!}`;
      lastMark = c;
    }
  }
  return out;
}

/** Alias kept for callers that think of it as "the normalised text". */
export const normalise = fold;
