import { describe, expect, it } from 'vitest';
import { checkFiles, lineCount, MAX_LINES } from './check-files.ts';

const lines = (n: number): string => 'x\n'.repeat(n);

describe('check-files', () => {
  it('counts lines with or without a final newline', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
  });

  it('fails a file over the limit unless it is listed', () => {
    const files = [{ path: 'db/big.ts', text: lines(MAX_LINES + 1) }];
    expect(checkFiles(files, {}).errors).toEqual([expect.stringContaining('db/big.ts: 301 lines')]);
    expect(checkFiles(files, { 'db/big.ts': 'split into per-table repositories' }).errors).toEqual([]);
    expect(checkFiles([{ path: 'db/ok.ts', text: lines(MAX_LINES) }], {}).errors).toEqual([]);
  });

  it('warns about listed files that are short again or gone', () => {
    const files = [{ path: 'db/small.ts', text: lines(10) }];
    const { errors, warnings } = checkFiles(files, {
      'db/small.ts': 'was long once, now short',
      'db/gone.ts': 'deleted since it was listed',
    });
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(2);
  });

  it('lets only app/, tests, benchmarks and scripts read process.env, ignoring comments', () => {
    const reads = 'const port = process.env.PORT;\n';
    const mentions = '/**\n * never reads process.env\n */\n// nor process.env here\n';
    expect(checkFiles([{ path: 'workers/x.ts', text: reads }], {}).errors).toEqual([
      expect.stringContaining('workers/x.ts: reads process.env'),
    ]);
    expect(checkFiles([{ path: 'workers/y.ts', text: mentions }], {}).errors).toEqual([]);
    for (const path of ['app/config.ts', 'test/a.ts', 'bench/b.ts', 'db/c.test.ts', 'scripts/d.ts']) {
      expect(checkFiles([{ path, text: reads }], {}).errors).toEqual([]);
    }
  });
});
