/**
 * Reads the labelled corpus from disk (the second and last I/O door of this folder, beside
 * model-file.ts): every `*.jsonl` under corpus/raw/ and corpus/seed/, in name order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LabelledText, parseJsonl } from './corpus.ts';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

export interface CorpusLoad {
  examples: LabelledText[];
  files: string[];
  invalid: Array<{ file: string; line: number }>;
}

export function readJsonlFile(path: string): { examples: LabelledText[]; invalidLines: number[] } {
  return parseJsonl(readFileSync(path, 'utf8'));
}

export function loadCorpus(dir: string = CORPUS_DIR): CorpusLoad {
  const out: CorpusLoad = { examples: [], files: [], invalid: [] };
  for (const sub of ['raw', 'seed']) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      const file = join(folder, name);
      const parsed = readJsonlFile(file);
      out.files.push(file);
      out.examples.push(...parsed.examples);
      for (const line of parsed.invalidLines) out.invalid.push({ file, line });
    }
  }
  return out;
}
