/**
 * The citizen conversation, one implementation for every channel: first-contact notice, the
 * acknowledgement with a reference code, helpful answers for common topics, and erasure requests.
 * Texts live in replies.json (editable without touching code).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from '../../workers/analysis/normalise.ts';

const bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const textsSchema = z.object({
  notice: bilingual,
  ack: bilingual.refine((t) => t.vi.includes('{ref}') && t.en.includes('{ref}'), 'ack needs {ref}'),
  welcome: bilingual,
  erased: bilingual,
  answers: z.record(z.string(), bilingual),
});
export type ConversationTexts = z.infer<typeof textsSchema>;
export type ReplyLang = 'vi' | 'en';

export function loadConversationTexts(
  path: string = new URL('./replies.json', import.meta.url).pathname,
): ConversationTexts {
  return textsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Replies go out in Vietnamese unless the citizen clearly wrote English (or their app says English). */
export function replyLanguage(detected: string, platformHint?: string): ReplyLang {
  if (detected === 'en') return 'en';
  if (detected === 'vi') return 'vi';
  return platformHint?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

// Folded forms (no diacritics, lower case). Commands anywhere; phrases only as a short request,
// so "how do I delete data in VNeID?" (a privacy question about the app) is not an erasure.
const ERASE_COMMAND = /^\/(xoa|forget|erase|delete)(@\w+)?\b/;
const ERASE_PHRASES = [
  /\bxoa (het |toan bo |tat ca )?(du lieu|thong tin|tin nhan)( cua (toi|minh|em|tao))?\b/,
  /\b(delete|erase|remove|forget) (all )?(my )?(data|messages|information|info)\b/,
  /\bforget me\b/,
];

export function isErasureRequest(text: string): boolean {
  // Commands are checked on the raw text: matching folds punctuation such as the leading slash away.
  const plain = text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
  if (ERASE_COMMAND.test(plain)) return true;
  const f = fold(text);
  const words = f.split(/\s+/).filter(Boolean).length;
  return words <= 8 && ERASE_PHRASES.some((re) => re.test(f));
}

export interface ComposeInput {
  lang: ReplyLang;
  refCode: string;
  firstContact: boolean;
  topic: string;
}

/** One reply per inbound message (fewer messages, kinder to per-chat rate limits). */
export function composeAcknowledgement(texts: ConversationTexts, input: ComposeInput): string {
  const parts: string[] = [];
  if (input.firstContact) parts.push(texts.notice[input.lang]);
  parts.push(texts.ack[input.lang].replace('{ref}', input.refCode));
  const answer = texts.answers[input.topic];
  if (answer) parts.push(answer[input.lang]);
  return parts.join('\n\n');
}
