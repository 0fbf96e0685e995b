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
import { backlog } from '../db/backlog.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type LoadingPage, type LoadingStatus, startLoadingPage } from './demo/gate.ts';
import { createLiveFeed } from './demo/live.ts';
import { emptyStats, replay } from './demo/replay.ts';
import { loadSample } from './demo/sample.ts';
import { scheduleSample } from './demo/schedule.ts';
import { DEMO_ACCOUNTS, DEMO_CREDENTIALS, DEMO_DATA_DIR, demoEnv, SINK_SECRETS } from './demo/settings.ts';
import { countAlerts, countMessages, ensureDemoAccounts, ensureReleases } from './demo/setup.ts';
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
  const logger = createLogger(config);
  const status: LoadingStatus = { replayed: 0, deliveries: 0, analysed: 0 };
  let stopRedis = async () => {};
  let loading: LoadingPage | undefined;
  let rt: Runtime | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    out('Stopping the demo...');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    let exitCode = code;
    try {
      await loading?.close();
      await rt?.close();
      await sink.close();
      await stopRedis();
    } catch (err) {
      exitCode = 1;
      logger.error({ err }, 'shutdown failed');
    } finally {
      logger.info({ code: exitCode }, 'stopped');
      process.exit(exitCode);
    }
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const started = Date.now();
  const sample = loadSample();
  const schedule = scheduleSample(sample, { now: started, tz: config.TZ_REPORTS });
  status.deliveries = schedule.events.length;
  let base: string;
  try {
    const redis = await ensureRedis(config.REDIS_URL, logger);
    stopRedis = redis.stop;
    await clearDemoQueues(config.REDIS_URL, config.QUEUE_PREFIX);
    loading = await startLoadingPage(config.PORT, config.HOST, () => status);
    buildUiIfMissing();
    // Phase 1: the product ingests the sample on a private port (see gate.ts for why).
    rt = await createRuntime(config, { logger, workers: true, replayedHistory: true });
    await rt.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${portOf(rt)}`;
    await ensureDemoAccounts(rt.db, started);
    await ensureReleases(rt.db, schedule.releases, started);
  } catch (err) {
    process.stderr.write(
      `Demo start-up failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
    );
    return shutdown(1);
  }

  const url = `http://localhost:${config.PORT}`;
  out('');
  out(`VNeID feedback demo: ${url} (a progress page until the sample is in, then the dashboard)`);
  for (const a of DEMO_ACCOUNTS) out(`  ${a.role.padEnd(8)} ${a.email.padEnd(20)} password: ${a.password}`);
  out(
    `Replaying ${schedule.events.length} deliveries (${sample.length} conversations, 6 weeks, Telegram / Facebook / Zalo)`,
  );
  out('through the real webhooks, newest days first. Release 2.1.5 broke Zalo OTPs for a day; hotfix 2.1.6');
  out(
    'three hours ago broke face/NFC checks on Telegram (watch Alerts). Replies go to a local fake. Ctrl+C stops.',
  );
  out('');

  const ingest = rt;
  let stats = emptyStats();
  // One progress line every 3 s, from replay start until the pipeline has caught up.
  const progress = setInterval(() => {
    void (async () => {
      status.analysed = await countMessages(ingest.db);
      out(
        `  replayed ${status.replayed}/${status.deliveries} (stored ${stats.stored}, repeats refused ${stats.duplicates}, rejected ${stats.rejected.length}) · analysed ${status.analysed}`,
      );
    })().catch(() => {});
  }, 3000);
  stats = await replay(schedule.events, {
    baseUrl: base,
    credentials: DEMO_CREDENTIALS,
    concurrency: 8,
    onProgress: (done, _total, s) => {
      status.replayed = done;
      stats = s;
    },
  });
  if (stopping) return;
  out(
    `Webhooks done after ${elapsed(started)} s: telegram ${stats.byChannel.telegram}, facebook ${stats.byChannel.facebook}, zalo ${stats.byChannel.zalo} events stored; ${stats.duplicates} repeated deliveries recognised as duplicates.`,
  );
  for (const r of stats.rejected.slice(0, 3)) out(`  REJECTED ${r.channel} ${r.status}: ${r.body}`);
  const deadline = Date.now() + 300_000;
  while (!stopping && Date.now() < deadline && (await backlog(ingest.db, 'inbox')).pending > 0)
    await sleep(1000);
  clearInterval(progress);
  if (stopping) return;
  // History first (the 2.1.5 OTP incident three weeks back becomes a closed alert), then the present.
  const firstAt = schedule.events.reduce((min, e) => Math.min(min, e.at), Date.now());
  await ingest.queues.enqueue('backfill-alerts', { fromMs: firstAt });
  await ingest.queues.enqueue('detect-spikes', {});
  const spikeDeadline = Date.now() + 20_000;
  while (Date.now() < spikeDeadline && (await countAlerts(ingest.db)) === 0) await sleep(500);

  // Phase 2: a fresh product on PORT, whose dashboard warms its caches with the whole sample.
  rt = undefined;
  await ingest.close();
  if (stopping) return;
  try {
    rt = await createRuntime(config, { logger, workers: true, platformIntake: true });
    await loading.close();
    loading = undefined;
    await rt.app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    process.stderr.write(`Demo failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return shutdown(1);
  }
  const d = sink.delivered();
  out(
    `Dashboard ready after ${elapsed(started)} s: ${await countMessages(rt.db)} messages, ${await countAlerts(rt.db)} open alerts. Open ${url}`,
  );
  out(
    `Replies sent so far to the local fake platforms: telegram ${d.telegram}, facebook ${d.facebook}, zalo ${d.zalo} (old Messenger threads are past the 24 h window and get none, as on Facebook).`,
  );
  // Last week's report in both languages, so the Reports page has something to open at once.
  for (const lang of ['vi', 'en'] as const)
    await rt.queues.enqueue('weekly-report', { lang, requestedBy: 'demo' });
  out("Last week's report (Vietnamese and English) is being made: Reports page, in a few seconds.");
  if (!live) return;
  out('Live: a new delivery every couple of minutes (start with --no-live to stop after the sample).');
  const feed = createLiveFeed(sample);
  const liveBase = `http://127.0.0.1:${config.PORT}`;
  for (let first = true; !stopping; first = false) {
    await sleep(first ? 15_000 : 90_000 + Math.floor(Math.random() * 60_000));
    if (stopping) break;
    const s = await replay([feed.next(Date.now())], { baseUrl: liveBase, credentials: DEMO_CREDENTIALS });
    if (s.rejected.length > 0) out(`  live delivery rejected: ${s.rejected[0]?.status}`);
  }
}

function portOf(runtime: Runtime): number {
  const address = runtime.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the ingest server has no port');
  return address.port;
}

function elapsed(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(0);
}

void main();
