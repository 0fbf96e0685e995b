/**
 * The labelled corpus (corpus/raw/<topic>.jsonl, corpus/v2/<style>/<topic>.jsonl,
 * corpus/seed/*.jsonl): parsing and the fixed held-out split. The split is a hash of each example's
 * group (the template or story it was written from; for a line without one, its folded text), so it
 * never changes when files grow or are re-ordered, no template sits on both sides, and identical
 * messages (after folding) always land on the same side.
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
  /** Register the example was written in (`chat`, `formal`, `en_resident`…), for breakdowns. */
  style?: string;
  /** Template or story the example belongs to: the held-out split keeps a group on one side. */
  group?: string;
  /**
   * Stable id of a team-labelled example (e.g. the stored message id). A model that keeps examples
   * in its memory records these ids, so erasing a citizen can find and rebuild the models that hold
   * their text.
   */
  id?: string;
}

const Line = z.object({
  text: z.string().min(1),
  topic: z.string().refine(isTopicId, 'unknown topic id'),
  sentiment: z.string().refine(isSentiment, 'unknown sentiment').optional(),
  lang: z.string().min(2).optional(),
});
const CorpusLine = Line.extend({
  style: z.string().min(1).optional(),
  group: z.union([z.string().min(1), z.number()]).optional(),
  id: z.union([z.string().min(1), z.number()]).optional(),
});

export interface ParsedCorpus {
  examples: LabelledText[];
  /** 1-based line (or record) numbers that were not valid examples. */
  invalidLines: number[];
}

/** One JSON object a line: `text`, `topic` required; `sentiment`, `lang` optional; the rest ignored. */
export function parseJsonl(content: string): ParsedCorpus {
  return parseLines(content, false);
}

/** `parseJsonl` that also keeps the optional `style`, `group` and `id` fields. */
export function parseCorpusJsonl(content: string): ParsedCorpus {
  return parseLines(content, true);
}

function parseLines(content: string, meta: boolean): ParsedCorpus {
  const records: unknown[] = [];
  const numbers: number[] = [];
  const invalidLines: number[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    try {
      records.push(JSON.parse(raw));
      numbers.push(i + 1);
    } catch {
      invalidLines.push(i + 1);
    }
  }
  const parsed = parseRecords(records, meta);
  return {
    examples: parsed.examples,
    invalidLines: [...invalidLines, ...parsed.invalidLines.map((n) => numbers[n - 1]!)].sort((a, b) => a - b),
  };
}

/**
 * Labelled examples from already-parsed records (JSON lines, CSV rows with a header): the same
 * columns and checks for both. `invalidLines` counts records from 1. Empty CSV cells are absent.
 */
export function parseRecords(records: readonly unknown[], meta: boolean): ParsedCorpus {
  const examples: LabelledText[] = [];
  const invalidLines: number[] = [];
  records.forEach((record, i) => {
    const cleaned =
      record !== null && typeof record === 'object'
        ? Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''))
        : record;
    const parsed = CorpusLine.safeParse(cleaned);
    if (!parsed.success || !isTopicId(parsed.data.topic)) {
      invalidLines.push(i + 1);
      return;
    }
    const { text, topic, sentiment, lang, style, group, id } = parsed.data;
    examples.push({
      text,
      topic,
      ...(sentiment !== undefined && isSentiment(sentiment) ? { sentiment } : {}),
      ...(lang !== undefined ? { lang } : {}),
      ...(meta && style !== undefined ? { style } : {}),
      ...(meta && group !== undefined ? { group: String(group) } : {}),
      ...(meta && id !== undefined ? { id: String(id) } : {}),
    });
  });
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

/** The side of a message, or of a group when `group` is given (a whole template goes one way). */
export function splitOf(text: string, group?: string): Split {
  return hashString(fold(toNfc(group ?? text))) % 100 < HELDOUT_PERCENT ? 'heldout' : 'train';
}

/**
 * Train and held-out sides by group (an example without a group is its own group), duplicates after
 * folding dropped: the first copy of a message decides its side.
 */
export function splitCorpus(examples: readonly LabelledText[]): Record<Split, LabelledText[]> {
  const out: Record<Split, LabelledText[]> = { train: [], heldout: [] };
  const seen = new Set<string>();
  for (const e of examples) {
    const key = fold(toNfc(e.text));
    if (seen.has(key)) continue;
    seen.add(key);
    const side = e.group === undefined ? hashString(key) : hashString(fold(toNfc(e.group)));
    out[side % 100 < HELDOUT_PERCENT ? 'heldout' : 'train'].push(e);
  }
  return out;
}
