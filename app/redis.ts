import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import type { Logger } from '../bots/shared/connector.ts';

export interface RedisHandle {
  /** True when we started a private redis-server for this process. */
  started: boolean;
  stop(): Promise<void>;
}

async function answers(url: string, timeoutMs = 1500): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Uses the Redis at REDIS_URL; when nothing answers there, the URL is local and `redis-server` is on
 * the PATH, starts a private one (no persistence: the database inbox is the source of truth and the
 * sweeper re-queues) and stops it on exit. Otherwise throws one line saying how to get Redis.
 */
export async function ensureRedis(url: string, logger: Logger): Promise<RedisHandle> {
  if (await answers(url)) return { started: false, stop: async () => {} };
  const u = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  if (!local || !onPath('redis-server')) {
    throw new Error(
      `Redis is not reachable at ${u.host}: start one (apt-get install redis-server, or docker run -p 6379:6379 redis) or set REDIS_URL`,
    );
  }
  const port = u.port || '6379';
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (await answers(url, 300)) {
      logger.info({ port }, 'started a private redis-server (stops on exit)');
      const kill = () => child.kill('SIGTERM');
      process.once('exit', kill);
      return {
        started: true,
        stop: async () => {
          process.removeListener('exit', kill);
          if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          }
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Redis is not reachable at ${u.host} and a private redis-server did not start`);
}
