/**
 * Source-file checks the import rules cannot express, run by `npm test` (`npm run check:files`):
 * - a TypeScript file over MAX_LINES lines fails unless `scripts/long-files.json` lists it with a
 *   reason (how it should be split, or why it stays whole);
 * - only `app/` reads `process.env` (tests, benchmarks and these scripts may too): every other part receives its
 *   configuration from the frozen object `app/config.ts` builds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

export const MAX_LINES = 300;
export const SOURCE_DIRS = ['app', 'bots', 'workers', 'dashboard', 'db', 'test', 'bench', 'scripts'];
const SKIP = /(^|\/)(node_modules|dist|data|fixtures)(\/|$)/;
const MAY_READ_ENV = /^(app|test|bench|scripts)\/|\.test\.tsx?$/;

export const longFilesSchema = z.record(z.string(), z.string().min(10));
export type LongFiles = z.infer<typeof longFilesSchema>;

export interface SourceFile {
  path: string;
  text: string;
}

export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Code lines (not comment lines) that read `process.env`. */
function readsEnv(text: string): boolean {
  return text.split('\n').some((line) => {
    const t = line.trim();
    if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return false;
    return /\bprocess\.env\b/.test(t);
  });
}

export interface Findings {
  errors: string[];
  warnings: string[];
}

export function checkFiles(files: readonly SourceFile[], longFiles: LongFiles): Findings {
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    seen.add(f.path);
    const n = lineCount(f.text);
    const listed = longFiles[f.path] !== undefined;
    if (n > MAX_LINES && !listed) {
      errors.push(
        `${f.path}: ${n} lines (over ${MAX_LINES}): split it, or list it with a reason in scripts/long-files.json`,
      );
    } else if (n <= MAX_LINES && listed) {
      warnings.push(`${f.path}: ${n} lines now; remove it from scripts/long-files.json`);
    }
    if (!MAY_READ_ENV.test(f.path) && readsEnv(f.text)) {
      errors.push(`${f.path}: reads process.env; only app/ reads configuration (app/config.ts)`);
    }
  }
  for (const path of Object.keys(longFiles)) {
    if (!seen.has(path)) warnings.push(`${path}: no such file; remove it from scripts/long-files.json`);
  }
  return { errors, warnings };
}

export function readSourceFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const path = relative(root, join(root, dir, entry))
        .split('\\')
        .join('/');
      if (SKIP.test(path) || !/\.tsx?$/.test(path)) continue;
      files.push({ path, text: readFileSync(join(root, path), 'utf8') });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const longFiles = longFilesSchema.parse(
    JSON.parse(readFileSync(join(root, 'scripts/long-files.json'), 'utf8')),
  );
  const files = readSourceFiles(root);
  const { errors, warnings } = checkFiles(files, longFiles);
  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const e of errors) console.error(`error: ${e}`);
  const long = files.filter((f) => lineCount(f.text) > MAX_LINES).length;
  console.log(
    `${errors.length === 0 ? '✔' : '✘'} ${files.length} source files checked; ${long} over ${MAX_LINES} lines (${Object.keys(longFiles).length} listed); ${errors.length} errors`,
  );
  process.exitCode = errors.length === 0 ? 0 : 1;
}
