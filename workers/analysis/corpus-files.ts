/**
 * Reads the labelled corpus from disk (the second and last I/O door of this folder, beside
 * model-file.ts): `raw/<topic>.jsonl` (first corpus), `v2/<style>/<topic>.jsonl` and `seed/*.jsonl`,
 * in name order. Every example gets a style (its line's, else its folder's) and a group: v2 lines
 * carry the template id they were written from (scoped by style folder); a raw or seed line is its
 * own group.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { type LabelledText, parseCorpusJsonl, parseRecords } from './corpus.ts';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

export interface CorpusLoad {
  examples: LabelledText[];
  files: string[];
  invalid: Array<{ file: string; line: number }>;
}

/**
 * A labelled file for `eval` and `retrain --add`: JSON lines, or CSV with a header row (`.csv`),
 * columns `text`, `topic`, optional `sentiment`, `lang`, `style`, `id`; other columns ignored.
 */
export function readLabelledFile(path: string): { examples: LabelledText[]; invalidLines: number[] } {
  const content = readFileSync(path, 'utf8');
  if (!path.toLowerCase().endsWith('.csv')) return parseCorpusJsonl(content);
  const rows: unknown[] = parseCsv(content, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  return parseRecords(rows, true);
}

function jsonlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...jsonlFiles(path));
    else if (name.endsWith('.jsonl')) out.push(path);
  }
  return out;
}

export function loadCorpus(dir: string = CORPUS_DIR): CorpusLoad {
  const out: CorpusLoad = { examples: [], files: [], invalid: [] };
  for (const sub of ['raw', 'v2', 'seed']) {
    for (const file of jsonlFiles(join(dir, sub))) {
      const parsed = parseCorpusJsonl(readFileSync(file, 'utf8'));
      const folderStyle = sub === 'v2' ? basename(dirname(file)) : sub;
      out.files.push(file);
      for (const e of parsed.examples) {
        const style = e.style ?? folderStyle;
        const group = sub === 'v2' && e.group !== undefined ? `${folderStyle}/${e.group}` : e.text;
        out.examples.push({ ...e, style, group });
      }
      for (const line of parsed.invalidLines) out.invalid.push({ file, line });
    }
  }
  return out;
}
