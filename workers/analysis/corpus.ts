/**
 * The labelled corpus (corpus/raw/<topic>.jsonl, corpus/seed/*.jsonl): parsing and the fixed
 * held-out split. The split is a hash of the folded text, so it never changes when files grow or are
 * re-ordered, and identical messages (after folding) always land on the same side.
 */
import { z } from 'zod';
import { fold, toNfc } from './normalise.ts';
import { isSentiment, isTopicId, type Sentiment, type TopicId } from './taxonomy.ts';

export interface LabelledText {
  text: string;
  topic: TopicId;
  sentiment?: Sentiment;
  lang?: string;
  /** Training weight (analysts' corrections count more); default 1. */
  weight?: number;
}

const Line = z.object({
  text: z.string().min(1),
  topic: z.string().refine(isTopicId, 'unknown topic id'),
  sentiment: z.string().refine(isSentiment, 'unknown sentiment').optional(),
  lang: z.string().min(2).optional(),
});

export interface ParsedCorpus {
  examples: LabelledText[];
  /** 1-based line numbers that were not valid examples. */
  invalidLines: number[];
}

/** One JSON object a line: `text`, `topic` required; `sentiment`, `lang` optional; the rest ignored. */
export function parseJsonl(content: string): ParsedCorpus {
  const examples: LabelledText[] = [];
  const invalidLines: number[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      invalidLines.push(i + 1);
      continue;
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) {
      invalidLines.push(i + 1);
      continue;
    }
    const { text, topic, sentiment, lang } = parsed.data;
    if (!isTopicId(topic)) continue;
    examples.push({
      text,
      topic,
      ...(sentiment !== undefined && isSentiment(sentiment) ? { sentiment } : {}),
      ...(lang !== undefined ? { lang } : {}),
    });
  }
  return { examples, invalidLines };
}

/** Percentage of the corpus that is held out: never trained on, never tuned on. */
export const HELDOUT_PERCENT = 20;

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export type Split = 'train' | 'heldout';

export function splitOf(text: string): Split {
  return hashString(fold(toNfc(text))) % 100 < HELDOUT_PERCENT ? 'heldout' : 'train';
}

export function splitCorpus(examples: readonly LabelledText[]): Record<Split, LabelledText[]> {
  const out: Record<Split, LabelledText[]> = { train: [], heldout: [] };
  const seen = new Set<string>();
  for (const e of examples) {
    const key = fold(toNfc(e.text));
    if (seen.has(key)) continue;
    seen.add(key);
    out[hashString(key) % 100 < HELDOUT_PERCENT ? 'heldout' : 'train'].push(e);
  }
  return out;
}
