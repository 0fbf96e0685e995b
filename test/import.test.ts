import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../app/cli.ts';
import { run } from '../app/commands/import.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { TEST_SECRETS } from './helpers/harness.ts';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    readStdin: async () => '',
    env: { ...TEST_SECRETS, ...env },
  };
  return { cli, out, err };
}

describe.each(DIALECTS)('cli import on %s', (dialect) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'vneid-import-'));
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('backfills JSON lines and CSV through the pipeline, idempotently, without replies', async () => {
    const jsonl = join(dir, 'a.jsonl');
    writeFileSync(
      jsonl,
      [
        '{"text":"Không nhận được mã OTP, số 0912 345 678","channel":"zalo","received_at":"2026-11-20T08:00:00+07:00","author":"u1"}',
        '{"text":"app bi treo khi mo","channel":"facebook","received_at":"2026-11-21T01:00:00Z"}',
        '{"text":"no channel given"}',
        'not json',
      ].join('\n'),
    );
    const csv = join(dir, 'b.csv');
    writeFileSync(
      csv,
      'text,channel,received_at,author\n"Cảm ơn, ứng dụng rất tiện",telegram,2026-11-21T10:00:00Z,u2\n',
    );

    const a = io({ DATABASE_URL: t.url });
    expect(await run(['--file', jsonl], a.cli)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toEqual({ read: 4, imported: 2, duplicates: 0, rejected: 2, alerts: 0 });
    const b = io({ DATABASE_URL: t.url });
    expect(await run(['--file', csv], b.cli)).toBe(0);
    const again = io({ DATABASE_URL: t.url });
    expect(await run(['--file', jsonl], again.cli)).toBe(0);
    expect(JSON.parse(again.out[0]!)).toMatchObject({ imported: 0, duplicates: 2 });

    const messages = await t.db.kysely.selectFrom('messages').selectAll().orderBy('received_at').execute();
    expect(messages.map((m) => [m.channel, m.topic])).toEqual([
      ['zalo', 'otp'],
      ['facebook', 'app_bug'],
      ['telegram', 'praise'],
    ]);
    expect(messages[0]!.text_redacted).not.toContain('0912');
    expect(messages[0]!.received_at).toBe(Date.parse('2026-11-20T08:00:00+07:00'));
    const rollups = await t.db.kysely.selectFrom('rollups_hourly').select('count').execute();
    expect(rollups.reduce((s, r) => s + r.count, 0)).toBe(3);
    expect(await t.db.kysely.selectFrom('replies').select('id').execute()).toHaveLength(0);
  });
});
