/** Child process for bench/pipeline.bench.ts: the real HTTP app (no workers) on a free port. */
import { loadConfig } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createRuntime } from '../app/runtime.ts';

const rt = await createRuntime(loadConfig(process.env), { logger: silentLogger, workers: false });
await rt.app.listen({ port: 0, host: '127.0.0.1' });
const address = rt.app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
);
process.on('SIGTERM', () => {
  void rt.close().then(() => process.exit(0));
});
