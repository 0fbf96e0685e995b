/** Minimal normalisation; the full Vietnamese pipeline (teencode, repeats, emoji) is issue 4's. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/** Lower-case and strip diacritics (đ → d) for matching; display text keeps them. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
