import type { Lang } from './taxonomy.ts';

const VI_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const VI_WORDS =
  /\b(khong|ko|k|duoc|dc|toi|minh|em|anh|chi|ma|nhan|dang nhap|loi|sao|vay|roi|cho|cua|la|tai khoan|ung dung)\b/;
const EN_WORDS =
  /\b(the|is|are|i|my|cannot|can't|not|to|and|app|please|how|what|why|login|account|thanks?)\b/;

/** Baseline detector; issue 4 replaces it. */
export function detectLang(original: string, folded: string): Lang {
  if (VI_LETTERS.test(original)) return 'vi';
  const vi = VI_WORDS.test(folded);
  const en = EN_WORDS.test(folded);
  if (vi && !en) return 'vi';
  if (en && !vi) return 'en';
  if (vi && en) return 'vi';
  return 'und';
}
