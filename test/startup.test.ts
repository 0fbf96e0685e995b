import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = res.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('"level":"warn"'));
  return { status: res.status, lines };
}

describe('start-up with bad configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '99999' }, /PORT/],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, /DATABASE_URL/],
  ])('%o stops start-up with exit 1 and one line naming the variable', (env, pattern) => {
    const { status, lines } = start(env);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it('never prints a secret value when rejecting it', () => {
    const { status, lines } = start({ TELEGRAM_BOT_TOKEN: 'not-a-valid-token-but-secret' });
    expect(status).toBe(1);
    expect(lines.join('\n')).toContain('TELEGRAM_BOT_TOKEN');
    expect(lines.join('\n')).not.toContain('not-a-valid-token-but-secret');
  });
});
