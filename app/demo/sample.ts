/**
 * The bundled demo sample (`sample.jsonl`): conversations without times. Times are given at replay by
 * schedule.ts against the real clock, so the weeks always end "now" and the daily rhythm falls on the
 * right local hours whatever day the demo is run.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { mulberry32 } from '../../workers/analysis/prng.ts';

export const SAMPLE_FILE = join(dirname(fileURLToPath(import.meta.url)), 'sample.jsonl');

/** Where a conversation happens: Facebook is split into Messenger chats and Page comments. */
export const SURFACES = ['telegram', 'messenger', 'comment', 'zalo'] as const;
export type Surface = (typeof SURFACES)[number];

/**
 * `spike`: part of an incident rather than the everyday background. `release` = the day after
 * release 2.1.5 (OTP on Zalo); `live` = the last hours (face/NFC on Telegram after hotfix 2.1.6).
 */
export const conversationSchema = z.object({
  id: z.number().int().nonnegative(),
  surface: z.enum(SURFACES),
  /** Citizen number within the surface; repeated numbers are returning citizens. */
  user: z.number().int().nonnegative(),
  lang: z.string().min(2),
  /** The citizen opens with /start (Telegram) or follows the OA (Zalo) before writing. */
  greets: z.boolean(),
  texts: z.array(z.string().min(1)).min(1),
  spike: z.enum(['release', 'live']).optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export function parseSample(content: string): Conversation[] {
  const out: Conversation[] = [];
  for (const [i, line] of content.split('\n').entries()) {
    if (line.trim() === '') continue;
    const parsed = conversationSchema.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`sample line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    out.push(parsed.data);
  }
  return out;
}

export function loadSample(file: string = SAMPLE_FILE): Conversation[] {
  return parseSample(readFileSync(file, 'utf8'));
}

/** The same sample and schedule on every run. */
export const seededRandom = mulberry32;

export function pick<T>(items: readonly T[], rnd: () => number): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Index drawn in proportion to `weights`. */
export function pickWeighted(weights: readonly number[], rnd: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rnd() * total;
  for (const [i, w] of weights.entries()) {
    x -= w;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
