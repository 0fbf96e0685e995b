/**
 * Tokens and phrases of folded Vietnamese (and English) text for term statistics and near-duplicate
 * grouping. Vietnamese writes one syllable per token, so phrases (n-grams) rebuild words such as
 * "cap nhat" or "dang nhap".
 */
import { fold, stripDiacritics } from '../normalise.ts';

/**
 * Folded function words: never the first or last word of a term. Folding merges syllables (so = số,
 * the = thẻ, can = cần/căn), so English words that collide with meaningful Vietnamese ones are left out,
 * and so are function words whose folded form is also a key content syllable (đang/đăng nhập,
 * mà/mã OTP, bạn/phiên bản, cũng/cung cấp, vẫn/vân tay, từ/tự động, mới, để/dễ): those are judged on
 * the written form instead (`hasFunctionWordAtEdge`).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'toi minh em anh chi ad admin la va cua cho voi thi nay do kia roi nhe a ah nha nhi oi ha vay ' +
    'cac nhung mot co duoc khong ko k bi da se rat qua lam con nua den trong ngoai ' +
    'tren duoi khi neu nhu gi sao ai dau nao bao luc sau truoc ra vao len xuong di ve o tai giup hay ' +
    'hoac nen u uh dc vs j and are but by for from has have i if is its of or that this was were ' +
    'what when where which who why will with you your does did please'
  ).split(' '),
);

/** Function words as written, whose folded forms are also content syllables (see STOPWORDS). */
const WRITTEN_FUNCTION_WORDS: ReadonlySet<string> = new Set('đang mà bạn cũng vẫn từ mới để'.split(' '));

/** True when a phrase as written (see `surfaceForms`) begins or ends with a function word. */
export function hasFunctionWordAtEdge(written: string): boolean {
  const words = written.split(' ');
  return WRITTEN_FUNCTION_WORDS.has(words[0] ?? '') || WRITTEN_FUNCTION_WORDS.has(words.at(-1) ?? '');
}

const PLACEHOLDER = /\[[^\]]*\]/g;
// Letters/digits runs; a version such as 2.1.5 stays one token.
const TOKEN = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu;

const SHORT_NUMBER = /^\d{1,3}$/;

/**
 * Tokens of already folded text (the stored `text_normalised`): folding is the costly step, done once
 * by the pipeline. PII placeholders such as [sdt] are not words. Folding splits "2.1.5" into
 * "2 1 5"; runs of short numbers are joined back so a version stays one token.
 */
export function foldedTokens(folded: string): string[] {
  const raw = folded.replace(PLACEHOLDER, ' ').match(TOKEN) ?? [];
  const out: string[] = [];
  let prevNumber = false;
  for (const t of raw) {
    const isNumber = SHORT_NUMBER.test(t);
    if (isNumber && prevNumber && out.length > 0) out[out.length - 1] += `.${t}`;
    else out.push(t);
    prevNumber = isNumber;
  }
  return out;
}

/** Tokens of any text (folds it first: for tests and small inputs). */
export function tokens(text: string): string[] {
  return foldedTokens(fold(text));
}

function isContent(token: string): boolean {
  return !STOPWORDS.has(token) && (token.length > 1 || /\d/.test(token));
}

/**
 * Distinct phrases of 1..maxN tokens that neither begin nor end with a function word: "loi sau khi
 * cap nhat 2.1.5" gives "loi", "cap nhat", "cap nhat 2.1.5", ... but not "sau khi cap".
 */
export function phrases(toks: readonly string[], maxN: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < toks.length; i++) {
    if (!isContent(toks[i] ?? '')) continue;
    let phrase = '';
    for (let n = 1; n <= maxN && i + n <= toks.length; n++) {
      const last = toks[i + n - 1] ?? '';
      phrase = n === 1 ? last : `${phrase} ${last}`;
      if (isContent(last)) out.add(phrase);
    }
  }
  return out;
}

/**
 * How people wrote each folded phrase: its most frequent written form (lower case, diacritics kept)
 * among `texts` (display texts, e.g. the redacted ones), so "cap nhat" is shown as "cập nhật". A phrase
 * only ever met in another spelling (teencode, a repeated letter) keeps its folded form.
 */
export function surfaceForms(terms: readonly string[], texts: readonly string[]): Map<string, string> {
  const wanted = new Set(terms);
  const sizes = new Set(terms.map((t) => t.split(' ').length));
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    const words = text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
    for (const n of sizes) {
      for (let i = 0; i + n <= words.length; i++) {
        const written = words.slice(i, i + n).join(' ');
        const folded = stripDiacritics(written);
        if (!wanted.has(folded)) continue;
        const forms = counts.get(folded) ?? new Map<string, number>();
        forms.set(written, (forms.get(written) ?? 0) + 1);
        counts.set(folded, forms);
      }
    }
  }
  const out = new Map<string, string>();
  for (const term of terms) {
    let best = term;
    let bestCount = 0;
    for (const [form, c] of counts.get(term) ?? []) {
      // On a tie the form with diacritics wins: it is the more informative one to read.
      const better = c > bestCount || (c === bestCount && (best === term || (form !== term && form < best)));
      if (better) [best, bestCount] = [form, c];
    }
    out.set(term, best);
  }
  return out;
}

/**
 * The terms worth showing, each as citizens wrote it: `surfaceForms`, then without those that, written
 * out, begin or end with a function word (fragments such as "đang bị"). Keyed by the folded term.
 */
export function writtenTerms(terms: readonly string[], texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [term, written] of surfaceForms(terms, texts)) {
    if (!hasFunctionWordAtEdge(written)) out.set(term, written);
  }
  return out;
}
