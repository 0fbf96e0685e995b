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

describe('cli retrain --add', () => {
  const MINI = join(import.meta.dirname, 'fixtures', 'mini-corpus');
  // A phrasing the small corpus never had: the "e-health book" counted as a document integration.
  const added = [
    { text: 'sổ sức khỏe điện tử trống trơn, không thấy lịch sử khám', topic: 'integration', id: 'lbl-1' },
    { text: 'so suc khoe dien tu khong hien mui tiem', topic: 'integration', id: 'lbl-2' },
    { text: 'mở sổ sức khỏe điện tử thì báo chưa có dữ liệu tiêm chủng', topic: 'integration', id: 'lbl-3' },
    { text: 'sổ sức khỏe điện tử của mẹ tôi mất hết thông tin khám bệnh', topic: 'integration', id: 'lbl-4' },
  ];
  const lookAlike = [
    { text: 'sổ sức khỏe điện tử không hiện lịch sử khám bệnh', topic: 'integration' },
    { text: 'so suc khoe dien tu trong tron khong co mui tiem nao', topic: 'integration' },
    { text: 'sổ sức khỏe điện tử báo chưa có dữ liệu', topic: 'integration' },
  ];

  it('trains on the corpus plus the added labels, moves the model on look-alikes, prints held-out metrics', async () => {
    const addFile = join(dir, 'added.csv');
    writeFileSync(
      addFile,
      ['text,topic,sentiment,id', ...added.map((a) => `"${a.text}",${a.topic},negative,${a.id}`)].join('\n'),
    );
    const probe = join(dir, 'look-alike.jsonl');
    writeFileSync(probe, lookAlike.map((r) => JSON.stringify(r)).join('\n'));
    const base = join(dir, 'base.vnm');
    const withAdded = join(dir, 'added.vnm');
    const [before, after] = await Promise.all([
      cli('retrain', '--corpus', MINI, '--out', base, '--no-calibration'),
      cli('retrain', '--corpus', MINI, '--add', addFile, '--out', withAdded, '--no-calibration'),
    ]);
    expect(after.lines).toHaveLength(1);
    const out = JSON.parse(after.lines[0]!) as Record<string, unknown>;
    expect(out).toMatchObject({
      file: withAdded,
      added: { rows: 4, used: 4, dropped: 0 },
      memory_items: 4,
      heldout: { n: expect.any(Number), topic: { macro_f1: expect.any(Number) } },
    });
    expect(out).toHaveProperty('version');
    expect(out).toHaveProperty('train_size');
    expect(JSON.parse(before.lines[0]!)).toMatchObject({ memory_items: 0, added: { rows: 0 } });

    const scoreOf = async (model: string) =>
      (
        JSON.parse((await cli('eval', '--file', probe, '--model', model)).lines[0]!) as {
          topic: { accuracy: number };
        }
      ).topic.accuracy;
    const [accBefore, accAfter] = await Promise.all([scoreOf(base), scoreOf(withAdded)]);
    expect(accAfter).toBe(1);
    expect(accAfter).toBeGreaterThan(accBefore);
  }, 120_000);

  it('refuses a missing added file with a usage error', async () => {
    await expect(cli('retrain', '--corpus', MINI, '--add', join(dir, 'nope.jsonl'))).rejects.toMatchObject({
      code: 2,
    });
  });
});

describe('cli eval breakdowns', () => {
  it('adds per-language and per-style slices beside the contract keys', async () => {
    const file = join(dir, 'styled.jsonl');
    writeFileSync(
      file,
      [
        { text: 'Không nhận được mã OTP', topic: 'otp', lang: 'vi', style: 'chat' },
        { text: 'The OTP never arrives', topic: 'otp', lang: 'en', style: 'en_resident' },
        { text: 'ko nhan dc ma otp', topic: 'otp', lang: 'vi', style: 'teencode' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const { lines } = await cli('eval', '--file', file);
    const out = JSON.parse(lines[0]!) as {
      by_lang: Record<string, { n: number }>;
      by_style: Record<string, { n: number; topic_accuracy: number }>;
    };
    expect(out.by_lang['vi']?.n).toBe(2);
    expect(out.by_lang['en']?.n).toBe(1);
    expect(Object.keys(out.by_style).sort()).toEqual(['chat', 'en_resident', 'teencode']);
    expect(out.by_style['chat']).toHaveProperty('topic_accuracy');
  });
});
