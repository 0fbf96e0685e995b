import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';

/** A throw-away redis-server on its own port, so a test can stop and restart "Redis". */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  readonly port = 20000 + Math.floor(Math.random() * 20000);
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const r = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      r.on('error', () => {});
      try {
        await r.connect();
        if ((await r.ping()) === 'PONG') return;
      } catch {
        // not up yet
      } finally {
        r.disconnect();
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('private redis-server did not start');
  }

  /** Hard stop: everything in it is lost, as in a crash of a non-persistent Redis. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
