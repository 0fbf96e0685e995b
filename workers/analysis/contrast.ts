/**
 * The clause after the last contrast marker ("…, nhưng …", "thế mà", "ai ngờ", "but", "however",
 * "けど", "但是", "하지만"…): in a message of disappointed expectation the hope comes first and the
 * complaint after the marker, so the features weigh that clause more. Works on the redacted display
 * text (lower-cased here), where "nhưng" (but) and "những" (plural) still differ; without diacritics
 * a bare "nhung" counts only after punctuation.
 */

const LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const LETTER_AFTER = '(?![\\p{L}\\p{N}])';
const WORD_MARKERS = [
  'nhưng',
  'thế mà',
  'vậy mà',
  'thế nhưng',
  'ai ngờ',
  'ai dè',
  'nào ngờ',
  'nào dè',
  'hóa ra',
  'hoá ra',
  'tuy nhiên',
  'có điều',
  'tiếc là',
  'the ma',
  'vay ma',
  'the nhung',
  'nhung ma',
  'ai ngo',
  'ai de',
  'nao ngo',
  'hoa ra',
  'tuy nhien',
  'but',
  'however',
  'though',
  'yet',
  'unfortunately',
  'instead',
];
/** Markers that are words only after punctuation (elsewhere they mean something else). */
const AFTER_PUNCTUATION = ['nhung', 'mà', 'ma', 'song'];
/** CJK markers: no word boundaries in these scripts. */
const CJK_MARKERS = [
  'けど',
  'けれど',
  'でも',
  'しかし',
  'のに',
  '但是',
  '可是',
  '不过',
  '却',
  '하지만',
  '그런데',
  '근데',
  '지만',
];

const MARKER_RE = new RegExp(
  `^[^]*(?:${LETTER_BEFORE}(?:${WORD_MARKERS.join('|')})${LETTER_AFTER}|[,.;!?…]\\s*(?:${AFTER_PUNCTUATION.join('|')})${LETTER_AFTER}|${CJK_MARKERS.join('|')})`,
  'u',
);
const QUICK = /nh|ng|ma|th|va|ho|tu|co|ti|bu|ut|ye|un|in|so|け|で|し|の|但|可|不|却|하|그|근|지/;

/** The text after the last contrast marker, or undefined when there is none (or nothing follows). */
export function contrastTail(redacted: string): string | undefined {
  const lower = redacted.toLowerCase();
  if (!QUICK.test(lower)) return undefined;
  const m = MARKER_RE.exec(lower);
  if (!m) return undefined;
  const tail = lower.slice(m[0].length).trim();
  return tail.length >= 3 ? tail : undefined;
}
