/**
 * Child process for bench/pipeline.bench.ts: the real HTTP app (no workers) on a free port, or with
 * BENCH_EMPTY_ROUTE=1 the baseline: a bare Fastify app whose webhook route parses the JSON body and
 * answers 200 at once (no signature check, no storage), i.e. the fastest any acknowledgement can be
 * on this machine under the same load.
 */
import Fastify from 'fastify';
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createRuntime } from '../app/runtime.ts';

async function start(): Promise<{ port: number; close: () => Promise<void> }> {
  if (process.env['BENCH_EMPTY_ROUTE']) {
    const app = Fastify();
    app.post('/webhooks/telegram', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : 0, close: () => app.close() };
  }
  const rt = await createRuntime(loadConfig(process.env), { logger: silentLogger, workers: false });
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  const address = rt.app.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => rt.close() };
}

const server = await start();
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
