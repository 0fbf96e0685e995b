/**
 * Process managers, pid files and containers signal the pid they started: for `npm start` that is
 * npm's. A SIGTERM or SIGINT to it must shut the whole tree down gracefully (the server, and the
 * private redis-server it started) within seconds, the log ending with "stopped".
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // no children
  }
  const kids = out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(['SIGTERM', 'SIGINT'] as const)('npm start and %s to the npm pid', (signal) => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  let tree: number[] = [];
  afterEach(() => {
    for (const pid of tree) if (alive(pid)) process.kill(pid, 'SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stops every process of the tree within a few seconds and logs "stopped" last', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vneid-signals-'));
    const redisPort = 20000 + Math.floor(Math.random() * 20000); // nothing there: a private redis-server
    let stdout = '';
    let stderr = '';
    // --ignore-scripts skips only the prestart UI build; the start script itself runs as usual.
    child = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        DATABASE_URL: `sqlite:${join(dir, 'feedback.db')}`,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        QUEUE_PREFIX: `signals-${process.pid}`,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    const deadline = Date.now() + 45_000;
    while (!stdout.includes('is running') && Date.now() < deadline) await sleep(100);
    expect(stdout).toContain('is running');
    const npmPid = child.pid ?? 0;
    tree = [npmPid, ...descendants(npmPid)];
    expect(tree.length).toBeGreaterThanOrEqual(3); // npm, the server, its private redis-server

    const sent = Date.now();
    process.kill(npmPid, signal);
    await exited;
    while (tree.some(alive) && Date.now() - sent < 10_000) await sleep(100);
    expect(tree.filter(alive)).toEqual([]);
    expect(Date.now() - sent).toBeLessThan(10_000);
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines.at(-1)).toContain('"msg":"stopped"');
  }, 70_000);
});
