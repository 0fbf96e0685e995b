import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../app/commands/report.ts';
import { weekBounds } from '../workers/reports/iso-week.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

describe.each(DIALECTS)('cli report on %s', (dialect) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'vneid-report-'));
  const out: string[] = [];
  const err: string[] = [];
  const io = () => ({
    stdout: (l: string) => out.push(l),
    stderr: (l: string) => err.push(l),
    readStdin: async () => '',
    env: { DATABASE_URL: t.url, SUPPRESSION_K: '1' },
  });
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const hour = weekBounds('2026-W47', 'Asia/Ho_Chi_Minh').start + 10 * 3_600_000;
    await t.db.kysely
      .insertInto('rollups_hourly')
      .values({
        hour_ts: hour,
        channel: 'zalo',
        topic: 'face_nfc',
        sentiment: 'negative',
        lang: 'vi',
        count: 7,
      })
      .execute();
    await t.db.kysely
      .insertInto('author_days')
      .values({
        day_ts: hour - 10 * 3_600_000,
        channel: 'zalo',
        topic: 'face_nfc',
        sentiment: 'negative',
        lang: 'vi',
        author_hash: 'a',
      })
      .execute();
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each format for an ISO week, in Vietnamese by default and English on request', async () => {
    const file = (f: string) => join(dir, `${dialect}.${f}`);
    expect(await run(['--week', '2026-W47', '--format', 'html', '--out', file('html')], io())).toBe(0);
    expect(
      await run(['--week', '2026-W47', '--format', 'csv', '--out', file('csv'), '--lang', 'en'], io()),
    ).toBe(0);
    expect(await run(['--week', '2026-W47', '--format', 'pdf', '--out', file('pdf')], io())).toBe(0);
    const html = readFileSync(file('html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html><html lang="vi">/);
    expect(html).toMatch(/<td>Khuôn mặt, NFC<\/td><td class="n">7<\/td>/);
    expect(readFileSync(file('csv'), 'utf8')).toContain('\r\ntopic,face_nfc,Face & chip (NFC),7,0,\r\n');
    expect(readFileSync(file('pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(out).toEqual([]);
  });

  it('rejects a malformed week or format with exit code 2 and the usage', async () => {
    expect(await run(['--week', '2026-47', '--format', 'html', '--out', join(dir, 'x')], io())).toBe(2);
    expect(await run(['--week', '2026-W47', '--format', 'docx', '--out', join(dir, 'x')], io())).toBe(2);
    expect(err.at(-1)).toMatch(/usage: npm run --silent cli -- report/);
  });
});
