import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vneid-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spawns the CLI exactly as docs/contracts.md documents it and returns its stdout lines. */
async function cli(...args: string[]): Promise<{ lines: string[]; stderr: string }> {
  const { stdout, stderr } = await run('npm', ['run', '--silent', 'cli', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  return { lines: stdout.split('\n').filter((l) => l !== ''), stderr };
}

describe('cli classify', () => {
  it('prints one JSON object with the contract fields, redacted', async () => {
    const { lines } = await cli('classify', 'ko nhan dc ma OTP gui ve so 0912345678, cho 30 phut roi 😡');
    expect(lines).toHaveLength(1);
    const out: unknown = JSON.parse(lines[0]!);
    expect(out).toMatchObject({
      topic: 'otp',
      sentiment: 'negative',
      lang: 'vi',
      redacted: 'ko nhan dc ma OTP gui ve so [SĐT], cho 30 phut roi 😡',
    });
    expect(out).toHaveProperty('confidence');
    const topics = (out as { topics: Array<{ id: string; score: number }> }).topics;
    expect(topics[0]?.id).toBe('otp');
    expect(topics.every((t) => typeof t.score === 'number')).toBe(true);
  });
});

describe('cli eval', () => {
  it('prints one JSON object of metrics and skips metrics whose labels are absent', async () => {
    const file = join(dir, 'eval.jsonl');
    writeFileSync(
      file,
      [
        { text: 'Không nhận được mã OTP', topic: 'otp', sentiment: 'negative', lang: 'vi' },
        {
          text: 'I cannot log in, it says wrong passcode',
          topic: 'login',
          sentiment: 'negative',
          lang: 'en',
        },
        { text: 'cảm ơn ad, app dùng rất tiện', topic: 'praise', sentiment: 'positive', lang: 'vi' },
        { text: 'quet chip cccd bang nfc khong duoc', topic: 'face_nfc', sentiment: 'negative', lang: 'vi' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const { lines } = await cli('eval', '--file', file);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(out).toMatchObject({
      n: 4,
      topic: { accuracy: 1, macro_f1: 1, per_class: { otp: { precision: 1, recall: 1, f1: 1, support: 1 } } },
      sentiment: { accuracy: 1 },
      lang: { accuracy: 1 },
    });
    expect(out['messages_per_s']).toBeGreaterThan(0);

    const topicsOnly = join(dir, 'topics.jsonl');
    writeFileSync(topicsOnly, `${JSON.stringify({ text: 'mã OTP không về', topic: 'otp' })}\nnot json\n`);
    const second = await cli('eval', '--file', topicsOnly);
    const parsed = JSON.parse(second.lines[0]!) as Record<string, unknown>;
    expect(second.lines).toHaveLength(1);
    expect(parsed).not.toHaveProperty('sentiment');
    expect(parsed).not.toHaveProperty('lang');
    expect(second.stderr).toContain('skipped 1 invalid line');
  });
});
