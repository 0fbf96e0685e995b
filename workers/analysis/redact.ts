/**
 * Personal data redaction, run on the NFC text before anything is stored for analysis or shown.
 * Rules match on a same-length "shadow" (lower case, no diacritics) so "mật khẩu", "mat khau" and
 * "MẬT KHẨU" are one pattern, and spans map straight back onto the original text.
 * Precision matters as much as recall: dates, amounts ("2.000.000đ") and version numbers stay.
 */
import { EN_WORDS, VI_WORDS } from './lang-words.ts';
import { shadowOf } from './normalise.ts';
import type { PiiType } from './types.ts';

export const PII_LABELS: Record<PiiType, string> = {
  cccd: '[CCCD]',
  cmnd: '[CMND]',
  phone: '[SĐT]',
  email: '[EMAIL]',
  bank: '[STK]',
  card: '[THẺ]',
  passport: '[HỘ CHIẾU]',
  otp: '[OTP]',
  password: '[MẬT KHẨU]',
};

export interface Redaction {
  text: string;
  /** One entry per redacted span, in text order. */
  found: PiiType[];
}

interface Rule {
  type: PiiType;
  /** Cheap test on the shadow before the regex runs (most messages hold no personal data). */
  guard: RegExp;
  /** Global + hasIndices; the personal data is the named group `pii` when present, else the match. */
  re: RegExp;
  accept?: (pii: string, before: string, after: string, connector: string) => boolean;
}

const SEP = '[ .\\-]?';
const digits = (n: number) => `\\d(?:${SEP}\\d){${n - 1}}`;
const NOT_AFTER_DIGIT = '(?<!\\d|\\d[.,\\-/])';
const NO_MORE_DIGITS = '(?![.,\\-/]?\\d)';
// Numbers followed by a currency or unit are amounts, never personal data.
const UNIT_AFTER =
  /^\s?(?:d|vnd|dong|k|tr|trieu|nghin|ngan|usd|eur|\$|%|ty|ti|xu|gb|mb|kb|km|m|cm|kg|lan|phut|giay|gio|ngay)\b/;
const CURRENCY_BEFORE = /(?:\$|vnd|usd|gia|phi|tien|so tien)\s?$/;
// "2.000.000" and "1,500,000": thousands separators mean an amount.
const THOUSANDS = /^[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*$/;

function notAmount(pii: string, before: string, after: string): boolean {
  if (UNIT_AFTER.test(after) || CURRENCY_BEFORE.test(before)) return false;
  return !THOUSANDS.test(pii);
}

const PASSWORD_WORD = /\d|[^\p{L}]|\p{Ll}\p{Lu}/u;
function looksLikePassword(pii: string, _before: string, _after: string, connector: string): boolean {
  if (pii.startsWith('[')) return false;
  if (/[:=]/.test(connector)) return true;
  const word = shadowOf(pii);
  if (/\b(?:la|is)\b/.test(connector)) return !VI_WORDS.has(word) && !EN_WORDS.has(word);
  return pii.length >= 4 && PASSWORD_WORD.test(pii);
}

const r = (source: string) => new RegExp(source, 'gdu');
// At least this many digits, allowing one separator between them.
const DIGITS_9 = /\d(?:[ .\-()+]{0,2}\d){8}/;
const DIGITS_13 = /\d(?:[ .-]?\d){12}/;

/** Order matters: context rules first (they know the type), then the shapes of bare numbers. */
const RULES: Rule[] = [
  {
    type: 'email',
    guard: /@/,
    re: r('[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,}'),
  },
  {
    type: 'password',
    guard: /mat khau|mat ma|mk|pass|pin/,
    re: r(
      '\\b(?:mat khau|mat ma|mk|pass(?:word|code|wd)?|ma pin|pin code)\\b(?<c>(?: (?:cua|of) (?:toi|minh|em|anh|chi|me|my))?(?: (?:moi|cu|new|old))?\\s*(?:(?:la|is)\\b|:|=)?\\s*[:=]?\\s*)(?<pii>[^\\s,;]{3,40})',
    ),
    accept: looksLikePassword,
  },
  {
    type: 'bank',
    guard: /stk|tai khoan|so tk|tk ngan|acc/,
    re: r(
      '\\b(?:stk|so tai khoan|so tk|tai khoan ngan hang|tk ngan hang|account (?:number|no\\.?)|acc(?:ount)? no\\.?|bank account)\\b[^\\d\\n]{0,20}?(?<pii>\\d(?:[ .\\-]?\\d){5,18})(?!\\d)',
    ),
  },
  {
    type: 'passport',
    guard: /ho chieu|passport/,
    re: r(
      '\\b(?:ho chieu|passport)(?: (?:so|no\\.?|number|#))?\\s*(?:la|is)?\\s*[:#]?\\s*(?<pii>(?=[a-z]{0,2}\\d)[a-z0-9]{6,9})\\b',
    ),
  },
  {
    type: 'otp',
    guard: /otp|ma|code/,
    re: r(
      `\\b(?:otp|ma xac (?:thuc|nhan|minh)|ma kich hoat|verification code|code|ma)\\b(?<c>[^\\d\\n]{0,24}?)(?<pii>(?<!\\d)(?:\\d{3} \\d{3}|\\d{4,8}))(?!\\d)`,
    ),
    accept: (pii, before, after, connector) =>
      (pii.replace(' ', '').length === 6 || /(?:la|is|:|=)\s*$/.test(connector)) &&
      !/(?:nam|year)\s*$/.test(connector) &&
      notAmount(pii, before, after),
  },
  {
    type: 'card',
    guard: DIGITS_13,
    re: r(`${NOT_AFTER_DIGIT}\\d{4}(?:[ \\-.]\\d{4}){3}(?:[ \\-.]?\\d{1,3})?${NO_MORE_DIGITS}`),
  },
  {
    type: 'phone',
    guard: DIGITS_9,
    re: r(
      `(?<![\\d+]|\\d[.,\\-/])(?:\\(?\\+?84\\)?[ .\\-]?\\(?0?\\)?|0)[ .\\-]?(?:[35789]\\d(?:${SEP}\\d){7}|2\\d(?:${SEP}\\d){8})${NO_MORE_DIGITS}`,
    ),
    accept: notAmount,
  },
  {
    type: 'cccd',
    guard: DIGITS_9,
    re: r(`${NOT_AFTER_DIGIT}${digits(12)}${NO_MORE_DIGITS}`),
    accept: notAmount,
  },
  {
    type: 'card',
    guard: DIGITS_13,
    re: r(`${NOT_AFTER_DIGIT}\\d{13,19}${NO_MORE_DIGITS}`),
    accept: (p) => luhn(p),
  },
  {
    type: 'bank',
    guard: DIGITS_9,
    re: r(`${NOT_AFTER_DIGIT}\\d{10,19}${NO_MORE_DIGITS}`),
    accept: notAmount,
  },
  {
    type: 'cmnd',
    guard: DIGITS_9,
    re: r(`${NOT_AFTER_DIGIT}(?:\\d{9}|\\d{3} \\d{3} \\d{3})${NO_MORE_DIGITS}`),
    accept: notAmount,
  },
  {
    type: 'passport',
    guard: /\d{7}/,
    re: r('\\b[a-z]{1,2}\\d{7}\\b'),
    accept: (_p, before) => !/v(?:er(?:sion)?)?\s?$/.test(before),
  },
];

function luhn(number: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let d = number.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

interface Span {
  start: number;
  end: number;
  type: PiiType;
}

// Cheap pre-check: nothing below can match a text with no digit, no "@" and no password word.
const MAYBE_PII = /[\d@]|mat khau|mat ma|\bmk\b|pass|\bpin\b/;

/** Replaces personal data with typed placeholders (see PII_LABELS). Input should be NFC. */
export function redact(text: string): Redaction {
  return redactWithShadow(text, shadowOf(text));
}

/** `redact` given the text's `shadowOf`; the result carries the shadow of the redacted text. */
export function redactWithShadow(text: string, shadow: string): Redaction & { shadow: string } {
  if (!MAYBE_PII.test(shadow)) return { text, found: [], shadow };
  const spans: Span[] = [];
  for (const rule of RULES) {
    if (!rule.guard.test(shadow)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(shadow); m !== null; m = rule.re.exec(shadow)) {
      const range = m.indices?.groups?.['pii'] ?? m.indices?.[0];
      if (!range) continue;
      const [start, end] = range;
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      const pii = text.slice(start, end);
      const before = shadow.slice(Math.max(0, start - 12), start);
      const after = shadow.slice(end, end + 8);
      if (rule.accept && !rule.accept(pii, before, after, m.groups?.['c'] ?? '')) continue;
      spans.push({ start, end, type: rule.type });
    }
  }
  if (spans.length === 0) return { text, found: [], shadow };
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PII_LABELS[s.type];
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, found: spans.map((s) => s.type), shadow: shadowOf(out) };
}
