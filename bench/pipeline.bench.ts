/**
 * npm run bench:pipeline [-- --db sqlite|postgres] [--workers N] [--messages M] — in one run: bare
 * BullMQ throughput (no-op processor, same Redis, same concurrency), the real pipeline end to end
 * (inbox rows → classified messages) with N worker processes on that dialect, the storage floor of
 * that dialect (bench/storage-floor-sql.ts, raw) and the pipeline's ratio to it, the analysis time
 * per message, webhook acknowledgement latency under 500 concurrent requests against an empty route
 * under the same load, and peak memory. PostgreSQL at TEST_PG_URL, in private schemas dropped
 * afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createRuntime } from '../app/runtime.ts';
import type { InboundEvent } from '../bots/shared/events.ts';
import { createDb } from '../db/database.ts';
import { PIPELINE_QUEUE } from '../workers/jobs.ts';
import { ACK_CONCURRENCY, type AckResult, ackLatency } from './ack-load.ts';
import { startChild } from './bench-child.ts';
import { sqliteFloor } from './storage-floor.ts';
import { postgresFloor } from './storage-floor-pg.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '1' },
    messages: { type: 'string' },
  },
});
if (args.db !== 'sqlite' && args.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
const DIALECT = args.db;
const WORKERS = Math.max(1, Number(args.workers));
const N_BARE = Number(process.env['BENCH_BARE_JOBS'] ?? 20_000);
const N_PIPE = Number(args.messages ?? process.env['BENCH_PIPELINE_MSGS'] ?? 20_000);
const N_FLOOR = Number(process.env['BENCH_FLOOR_MSGS'] ?? Math.min(N_PIPE, 20_000));
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 150);
const ACK_SECONDS = Number(process.env['BENCH_ACK_SECONDS'] ?? 8);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const TEXTS = [
  'Mình không nhận được mã OTP khi đăng nhập VNeID, đã thử 3 lần',
  'app bi treo khi mo, khong vao duoc',
  'I cannot register as a foreigner, the passport number is rejected',
  'Tích hợp giấy phép lái xe báo lỗi dữ liệu không khớp',
  'Cảm ơn đội ngũ, ứng dụng dùng rất tiện lợi 👍',
  'ko quét được chip CCCD bằng NFC trên iphone 11',
  'Ngân hàng gửi yêu cầu đồng ý chia sẻ dữ liệu, tôi không hiểu là gì',
];

const tag = randomBytes(3).toString('hex');
const prefix = `bench-${tag}`;
const redis = new Redis(REDIS_URL);
const dir = mkdtempSync(join(tmpdir(), 'vneid-bench-'));
const pgSchemas: string[] = [];

/** A database URL of the bench's dialect for `name` (a file in the temp dir, or a private schema). */
function databaseUrl(name: string): string {
  if (DIALECT === 'sqlite') return `sqlite:${join(dir, `${name}.db`)}`;
  const schema = `bench_${tag}_${name}`;
  pgSchemas.push(schema);
  return `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
}

async function cleanup() {
  const keys = await redis.keys(`${prefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  if (pgSchemas.length > 0) {
    const db = await createDb(PG_URL);
    for (const s of pgSchemas) await sql`drop schema if exists ${sql.id(s)} cascade`.execute(db.kysely);
    await db.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

async function bareBullmq(): Promise<number> {
  const queue = new Queue('bare', { connection: new Redis(REDIS_URL), prefix });
  for (let i = 0; i < N_BARE; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, N_BARE - i) }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { removeOnComplete: true },
      })),
    );
  }
  let done = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const worker = new Worker('bare', async () => undefined, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix,
      concurrency: CONCURRENCY,
    });
    worker.on('completed', () => {
      done += 1;
      if (done === N_BARE) void worker.close().then(() => resolve());
    });
  });
  const secs = (performance.now() - start) / 1000;
  await queue.close();
  return N_BARE / secs;
}

function events(n: number, offset: number): InboundEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      type: 'message',
      channel: 'telegram',
      eventId: `bench-${i}`,
      userId: String(1000 + (i % 5000)),
      messageId: `c:${i}`,
      occurredAt: Date.now() - (i % 500) * 60_000,
      text: `${TEXTS[i % TEXTS.length]} #${i}`,
      contentKind: 'text',
      address: { chatId: String(1000 + (i % 5000)) },
    } satisfies InboundEvent;
  });
}

interface WorkerReport {
  peakRssMb: number;
  cpuSeconds: number;
  stages: Record<string, number>;
}

interface PipelineResult {
  perSecond: number;
  peakRssMb: number;
  analyseUs: number;
}

async function pipeline(): Promise<PipelineResult> {
  const config = loadConfig({ DATABASE_URL: databaseUrl('pipe'), REDIS_URL, QUEUE_PREFIX: prefix });
  // Intake first (workers off), so the measurement covers processing only.
  const intake = await createRuntime(config, { logger: silentLogger, workers: false });
  for (let i = 0; i < N_PIPE; i += 500) await intake.intake.accept(events(Math.min(500, N_PIPE - i), i));
  await intake.intake.drain();
  // The queue stays paused while the workers start (model load, migrations check, connections), so
  // the clock covers processing only, as it does for bare BullMQ.
  await intake.queues.get(PIPELINE_QUEUE).pause();
  // The workers run in processes of their own (as `npm run worker` does on each host), so their
  // memory and CPU are measured alone; this process only counts finished messages.
  const workers = Array.from({ length: WORKERS }, () =>
    startChild('bench/pipeline-worker.ts', [], {
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      BENCH_CONCURRENCY: String(CONCURRENCY),
    }),
  );
  await Promise.all(workers.map((w) => w.nextLine())); // "ready"
  await new Promise((r) => setTimeout(r, 500));
  const start = performance.now();
  await intake.queues.get(PIPELINE_QUEUE).resume();
  for (;;) {
    const row = await intake.db.kysely
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= N_PIPE) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const secs = (performance.now() - start) / 1000;
  const reports = await Promise.all(
    workers.map(async (w) => {
      const reported = w.nextLine();
      w.child.stdin!.write('report\n');
      const report = JSON.parse(await reported) as WorkerReport;
      await new Promise((resolve) => w.child.once('exit', resolve));
      return report;
    }),
  );
  await intake.close();
  // Where the workers' time went, per message: the pipeline's own stage timers (also on /metrics),
  // summed over the worker processes (with N workers they overlap, so they add up to more than wall).
  const perMsgUs = (seconds: number) => Math.round((seconds * 1e6) / N_PIPE);
  const spent = (stage: string) => reports.reduce((n, r) => n + (r.stages[stage] ?? 0), 0);
  const cpu = reports.reduce((n, r) => n + r.cpuSeconds, 0);
  console.log(
    `  per message: ${perMsgUs(secs)} µs of wall time; summed over ${WORKERS} worker(s): analyse ` +
      `${perMsgUs(spent('analyse'))} µs, store ${perMsgUs(spent('store'))} µs (the transaction), ` +
      `queuing replies ${perMsgUs(spent('replies'))} µs waited; worker CPU ` +
      `${Math.round((100 * cpu) / secs)}% of one core in total (from when they were ready)`,
  );
  return {
    perSecond: N_PIPE / secs,
    peakRssMb: Math.max(...reports.map((r) => r.peakRssMb)),
    analyseUs: (spent('analyse') * 1e6) / N_PIPE,
  };
}

const ackLine = (label: string, a: AckResult) =>
  console.log(
    `${label}, ${ACK_CONCURRENCY} in flight for ${ACK_SECONDS} s: ${a.perSecond.toFixed(0)}/s, ` +
      `p50 ${a.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} ms (${a.p99All.toFixed(0)} ms counting each connection's first request)`,
  );

try {
  console.log(
    `bench:pipeline — ${DIALECT}, ${WORKERS} worker process(es), Redis ${REDIS_URL}, concurrency ${CONCURRENCY} each`,
  );
  const bare = await bareBullmq();
  console.log(`bare BullMQ (no-op processor): ${bare.toFixed(0)} jobs/s over ${N_BARE} jobs`);
  const pipe = await pipeline();
  console.log(
    `real pipeline (inbox → classified message): ${pipe.perSecond.toFixed(0)} msgs/s over ${N_PIPE}`,
  );
  console.log(`  analysis alone: ${pipe.analyseUs.toFixed(1)} µs a message`);
  const floorUs = DIALECT === 'sqlite' ? await sqliteFloor(N_FLOOR) : await postgresFloor(PG_URL, N_FLOOR);
  const floor = 1e6 / floorUs;
  console.log(
    `storage floor on ${DIALECT} (the same statements raw, one connection, transactions of 80): ` +
      `${floor.toFixed(0)} msgs/s (${floorUs.toFixed(0)} µs a message) over ${N_FLOOR}`,
  );
  console.log(
    `ratio pipeline / storage floor: ${(pipe.perSecond / floor).toFixed(2)} (target ≥ 0.3); ` +
      `pipeline / bare BullMQ: ${(pipe.perSecond / bare).toFixed(2)}`,
  );
  // Flush the pipeline phase's written pages first: otherwise the webhook phase's fsyncs can pay for
  // their writeback (ext4 ordered mode), and the phases measure each other.
  execFileSync('sync');
  // Baseline: the same load on a route that does nothing. With 500 requests kept in flight the mean
  // latency is 500 ÷ throughput (Little's law), so this bounds what any webhook can reach here.
  const ackEnv = { DATABASE_URL: databaseUrl('ack'), REDIS_URL, QUEUE_PREFIX: prefix };
  const empty = await ackLatency({ env: ackEnv, seconds: ACK_SECONDS, texts: TEXTS, emptyRoute: true });
  ackLine('empty Fastify route (baseline)', empty);
  const ack = await ackLatency({ env: ackEnv, seconds: ACK_SECONDS, texts: TEXTS });
  ackLine(`webhook ack (verify, parse, durable inbox write on ${DIALECT})`, ack);
  console.log(`  ack p99 / empty p99: ${(ack.p99 / empty.p99).toFixed(2)} (target ≤ 2.5)`);
  console.log(`peak RSS of a worker process: ${pipe.peakRssMb.toFixed(0)} MB`);
  const round = (x: number, d = 0) => Number(x.toFixed(d));
  console.log(
    JSON.stringify({
      dialect: DIALECT,
      workers: WORKERS,
      pipeline_msgs_per_s: round(pipe.perSecond),
      floor_msgs_per_s: round(floor),
      floor_ratio: round(pipe.perSecond / floor, 3),
      analyse_us: round(pipe.analyseUs, 1),
      bare_jobs_per_s: round(bare),
      ack_p99_ms: round(ack.p99, 2),
      empty_p99_ms: round(empty.p99, 2),
      peak_rss_mb: round(pipe.peakRssMb),
    }),
  );
} finally {
  await cleanup();
  redis.disconnect();
}
// Open Redis handles (BullMQ connections closing lazily) must not keep the benchmark alive.
process.exit(0);
