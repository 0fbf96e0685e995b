/**
 * `npm run demo`: the whole product on embedded defaults (its own SQLite file under ./data/demo/,
 * fresh each run; Redis as `npm start` finds or starts it; queue prefix `demo`), fake credentials
 * for all three channels, a local sink answering the platforms' send APIs, demo dashboard accounts,
 * and the bundled sample replayed through the real webhook endpoints, signed as the platforms sign.
 * Then a delivery every couple of minutes keeps today moving. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DEFAULT_WEB_ROOT } from '../dashboard/server/index.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createLiveFeed } from './demo/live.ts';
import { replay } from './demo/replay.ts';
import { loadSample } from './demo/sample.ts';
import { scheduleSample } from './demo/schedule.ts';
import { DEMO_ACCOUNTS, DEMO_CREDENTIALS, DEMO_DATA_DIR, demoEnv, SINK_SECRETS } from './demo/settings.ts';
import { countMessages, ensureDemoAccounts, ensureReleases, pendingInbox } from './demo/setup.ts';
import { startDemoSink } from './demo/sink.ts';
import { createLogger } from './logger.ts';
import { ensureRedis } from './redis.ts';
import { createRuntime, type Runtime } from './runtime.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Removes what an earlier demo run left in Redis under its own prefix (jobs for a deleted database). */
async function clearDemoQueues(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = nextCursor;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The UI is a build artefact (not in git): build it in the background on a fresh checkout. */
function buildUiIfMissing(): void {
  if (existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) return;
  out('The dashboard UI is not built yet: building it now (npm run build, about half a minute)...');
  const child = spawn('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
  child.on('exit', (code) =>
    out(code === 0 ? 'Dashboard UI built: reload the page.' : 'UI build failed: run `npm run build`.'),
  );
}

async function main(): Promise<void> {
  const live = !process.argv.includes('--no-live');
  rmSync(DEMO_DATA_DIR, { recursive: true, force: true });
  mkdirSync(DEMO_DATA_DIR, { recursive: true });
  const sink = await startDemoSink(SINK_SECRETS);
  let config: Readonly<Config>;
  try {
    config = loadConfig(demoEnv(process.env, sink.env));
  } catch (err) {
    await sink.close();
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let stopRedis = async () => {};
  let runtime: Runtime;
  try {
    const redis = await ensureRedis(config.REDIS_URL, logger);
    stopRedis = redis.stop;
    await clearDemoQueues(config.REDIS_URL, config.QUEUE_PREFIX);
    buildUiIfMissing();
    runtime = await createRuntime(config, { logger, workers: true, platformIntake: true });
    await runtime.app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await sink.close();
    await stopRedis();
    process.stderr.write(
      `Demo start-up failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
    );
    process.exit(1);
  }
  const rt = runtime;
  const started = Date.now();
  const sample = loadSample();
  const schedule = scheduleSample(sample, { now: started, tz: config.TZ_REPORTS });
  await ensureDemoAccounts(rt.db, started);
  await ensureReleases(rt.db, schedule.releases, started);

  const url = `http://localhost:${config.PORT}`;
  out('');
  out(`VNeID feedback demo: open ${url}`);
  for (const a of DEMO_ACCOUNTS) out(`  ${a.role.padEnd(8)} ${a.email.padEnd(20)} password: ${a.password}`);
  out(
    `Replaying ${schedule.events.length} deliveries (${sample.length} conversations, 6 weeks, Telegram / Facebook / Zalo)`,
  );
  out('through the real webhooks, newest days first. Release 2.1.5 broke Zalo OTPs for a day; hotfix 2.1.6');
  out(
    'three hours ago broke face/NFC checks on Telegram (watch Alerts). Replies go to a local fake. Ctrl+C stops.',
  );
  out('');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    out('Stopping the demo...');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    try {
      await rt.close();
      await sink.close();
      await stopRedis();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const base = `http://127.0.0.1:${config.PORT}`;
  let lastPrint = 0;
  const stats = await replay(schedule.events, {
    baseUrl: base,
    credentials: DEMO_CREDENTIALS,
    concurrency: 8,
    onProgress: (done, total, s) => {
      if (Date.now() - lastPrint < 3000 && done < total) return;
      lastPrint = Date.now();
      out(
        `  replayed ${done}/${total} · stored ${s.stored} · duplicates refused ${s.duplicates} · rejected ${s.rejected.length}`,
      );
    },
  });
  if (stopping) return;
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  out(
    `Webhooks done in ${secs} s: telegram ${stats.byChannel.telegram}, facebook ${stats.byChannel.facebook}, zalo ${stats.byChannel.zalo} stored; ${stats.duplicates} repeated deliveries recognised.`,
  );
  for (const r of stats.rejected.slice(0, 3)) out(`  REJECTED ${r.channel} ${r.status}: ${r.body}`);

  const deadline = Date.now() + 180_000;
  while (!stopping && Date.now() < deadline) {
    const pending = await pendingInbox(rt.db);
    out(`  analysed ${await countMessages(rt.db)} messages, ${pending} waiting`);
    if (pending === 0) break;
    await sleep(3000);
  }
  if (stopping) return;
  await rt.queues.enqueue('detect-spikes', {});
  const d = sink.delivered();
  out(
    `Pipeline caught up after ${((Date.now() - started) / 1000).toFixed(0)} s; spike check queued. Replies so far (local fake platforms): telegram ${d.telegram}, facebook ${d.facebook}, zalo ${d.zalo}.`,
  );
  if (!live) return;
  out('Live: one new delivery every couple of minutes (start with --no-live to stop after the backfill).');
  const feed = createLiveFeed(sample);
  while (!stopping) {
    const s = await replay([feed.next(Date.now())], { baseUrl: base, credentials: DEMO_CREDENTIALS });
    if (s.rejected.length > 0) out(`  live delivery rejected: ${s.rejected[0]?.status}`);
    await sleep(90_000 + Math.floor(Math.random() * 60_000));
  }
}

void main();
