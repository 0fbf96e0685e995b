import type { PiiType } from './types.ts';

const RULES: Array<{ type: PiiType; label: string; re: RegExp }> = [
  { type: 'email', label: '[EMAIL]', re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  { type: 'cccd', label: '[CCCD]', re: /(?<!\d)\d{12}(?!\d)/g },
  { type: 'phone', label: '[SĐT]', re: /(?<![\d.])(?:\+?84|0)(?:[\s.-]?\d){9}(?![\d])/g },
  { type: 'cmnd', label: '[CMND]', re: /(?<!\d)\d{9}(?!\d)/g },
];

export interface Redaction {
  text: string;
  found: PiiType[];
}

/** Baseline redaction; issue 4 replaces it with the full rule set and its test corpus. */
export function redact(text: string): Redaction {
  const found: PiiType[] = [];
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.re, () => {
      found.push(rule.type);
      return rule.label;
    });
  }
  return { text: out, found };
}
