/**
 * Webhook acknowledgement under load for bench/pipeline.bench.ts: autocannon keeps 500 requests in
 * flight against the real HTTP server in a child process (bench/ack-server.ts), or against an empty
 * Fastify route as the baseline under the same load.
 */
import autocannon from 'autocannon';
import { startChild } from './bench-child.ts';

export const ACK_CONCURRENCY = 500;

export interface AckResult {
  p50: number;
  p99: number;
  /** autocannon's p99 over every request, connection set-up included. */
  p99All: number;
  perSecond: number;
}

export interface AckOptions {
  /** Environment of the server process (DATABASE_URL, REDIS_URL, QUEUE_PREFIX). */
  env: Record<string, string>;
  seconds: number;
  texts: readonly string[];
  emptyRoute?: boolean;
}

export async function ackLatency(o: AckOptions): Promise<AckResult> {
  const profile = process.env['BENCH_ACK_PROF'];
  const { child, nextLine } = startChild(
    'bench/ack-server.ts',
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    {
      ...o.env,
      TELEGRAM_BOT_TOKEN: '1:bench',
      TELEGRAM_WEBHOOK_SECRET: 'bench-secret',
      ...(o.emptyRoute ? { BENCH_EMPTY_ROUTE: '1' } : {}),
    },
  );
  const line = await nextLine();
  const { port } = JSON.parse(line) as { port: number };
  const url = `http://127.0.0.1:${port}/webhooks/telegram`;
  let updateId = 1_000_000;
  // autocannon rather than fetch: undici's fetch used a whole core for ~2,500 requests/s, so it
  // measured its own queueing instead of the server (a separate process here, like a platform).
  // Latencies are taken per response, leaving out each connection's first request: that one also pays
  // for opening the connection while 499 others open at once, which platforms (which keep
  // connections open) do not do. autocannon's own p99 over every request is printed too.
  const load = (connections: number, duration: number) =>
    new Promise<{ result: autocannon.Result; latencies: number[] }>((resolve, reject) => {
      const latencies: number[] = [];
      const seen = new WeakSet<object>();
      const instance = autocannon(
        {
          url,
          connections,
          duration,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'bench-secret' },
          requests: [
            {
              setupRequest: (req) => {
                const i = updateId++;
                return {
                  ...req,
                  body: JSON.stringify({
                    update_id: i,
                    message: {
                      message_id: i,
                      date: Math.floor(Date.now() / 1000),
                      from: { id: 10 + (i % 300), is_bot: false, first_name: 'A' },
                      chat: { id: 10 + (i % 300), type: 'private' },
                      text: o.texts[i % o.texts.length],
                    },
                  }),
                };
              },
            },
          ],
        },
        (err, result) => (err ? reject(err) : resolve({ result, latencies })),
      );
      instance.on('response', (client, _status, _bytes, ms) => {
        if (seen.has(client)) latencies.push(ms);
        else seen.add(client);
      });
    });
  await load(20, 1); // warm up the JIT
  const { result: r, latencies } = await load(ACK_CONCURRENCY, o.seconds);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new Error(`webhook load: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  latencies.sort((x, y) => x - y);
  // Too few answers after each connection's first (a server slower than 500 requests per run):
  // autocannon's figures over every request are all there is.
  const steady = latencies.length >= 100;
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    p50: steady ? q(0.5) : r.latency.p50,
    p99: steady ? q(0.99) : r.latency.p99,
    p99All: r.latency.p99,
    perSecond: r.requests.total / r.duration,
  };
}
