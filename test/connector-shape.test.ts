/**
 * Every connector has the same shape, so a reader (or a new platform) finds each part in the same
 * place: verify.ts, parse.ts, payload.ts (wire types that never leave the folder), send.ts, index.ts
 * (wiring only: no platform SDK), a README, unit tests beside the code and recorded payloads in
 * test/fixtures/<platform>/. Gaps that exist today are listed in KNOWN_GAPS by name; a new gap fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BOTS = join(ROOT, 'bots');

const FILES = [
  'verify.ts',
  'parse.ts',
  'payload.ts',
  'send.ts',
  'index.ts',
  'README.md',
  'verify.test.ts',
  'parse.test.ts',
  'send.test.ts',
];

/**
 * What a connector lacks today. Remove an entry when it is filled; never add one to make a new
 * connector pass.
 */
const KNOWN_GAPS: Readonly<Record<string, readonly string[]>> = {
  telegram: [
    // Long polling (telegraf's `bot.launch`) is wired inside index.ts; it belongs in a file of its own.
    'index.ts imports telegraf',
  ],
};

const platforms = readdirSync(BOTS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared')
  .map((d) => d.name)
  .sort();

/** Packages index.ts imports (anything not a relative path). */
function packagesImported(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)]
    .map((m) => m[1] ?? '')
    .filter((spec) => !spec.startsWith('.'));
}

function gaps(platform: string): string[] {
  const dir = join(BOTS, platform);
  const missing = FILES.filter((f) => !existsSync(join(dir, f)));
  const fixtures = join(ROOT, 'test', 'fixtures', platform);
  const recorded = existsSync(fixtures) && readdirSync(fixtures).some((f) => f.endsWith('.json'));
  if (!recorded || !existsSync(join(fixtures, 'README.md'))) missing.push(`test/fixtures/${platform}/`);
  if (existsSync(join(dir, 'index.ts'))) {
    for (const pkg of packagesImported(join(dir, 'index.ts'))) missing.push(`index.ts imports ${pkg}`);
  }
  return missing;
}

describe('connector shape', () => {
  it('finds the connectors', () => {
    expect(platforms).toEqual(expect.arrayContaining(['facebook', 'telegram', 'zalo']));
  });

  it.each(platforms)('%s has every part, apart from its listed gaps', (platform) => {
    const known = KNOWN_GAPS[platform] ?? [];
    const found = gaps(platform);
    expect(found.filter((g) => !known.includes(g))).toEqual([]);
    const filled = known.filter((g) => !found.includes(g));
    if (filled.length > 0)
      console.warn(`${platform}: remove filled gaps from KNOWN_GAPS: ${filled.join(', ')}`);
  });

  it('lists gaps only for connectors that exist', () => {
    expect(Object.keys(KNOWN_GAPS).filter((p) => !platforms.includes(p))).toEqual([]);
  });
});
