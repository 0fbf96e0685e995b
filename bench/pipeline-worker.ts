/**
 * Child process for bench/pipeline.bench.ts: the product's workers alone (no HTTP server), as
 * `npm run worker` runs them, so the figures printed for the worker (peak memory, CPU, the
 * pipeline's stage timers) are its own. Prints "ready" once started; on "report" on stdin prints one
 * JSON line with its figures and exits.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createRuntime } from '../app/runtime.ts';

const rt = await createRuntime(loadConfig(process.env), {
  logger: silentLogger,
  workers: true,
  pipelineConcurrency: Number(process.env['BENCH_CONCURRENCY'] ?? 150),
  sweepEveryMs: 3_600_000,
});
const cpuAtStart = process.cpuUsage();
process.stdout.write('ready\n');
createInterface({ input: process.stdin }).once('line', () => {
  void (async () => {
    const cpu = process.cpuUsage(cpuAtStart);
    const stages = await rt.metrics.stage.get();
    const spent = Object.fromEntries(stages.values.map((v) => [String(v.labels['stage']), v.value]));
    process.stdout.write(
      `${JSON.stringify({
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        stages: spent,
      })}\n`,
    );
    await rt.close();
    process.exit(0);
  })();
});
