/**
 * `npm start`: the whole product in one process (HTTP server, connectors, workers). `npm run worker`
 * runs workers only (workers/main.ts) for scaling out. Start-up problems print one line and exit 1.
 */
import dotenv from 'dotenv';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { ensureRedis } from './redis.ts';
import { createRuntime } from './runtime.ts';

export interface BootOptions {
  workers: boolean;
  http: boolean;
}

export function loadConfigOrExit(): Readonly<Config> {
  dotenv.config({ quiet: true });
  try {
    return loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

export async function boot(opts: BootOptions): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  for (const name of config.generatedSecrets) {
    logger.warn(`${name} is not set: using a development value (set it before real use)`);
  }
  let stopRedis = async () => {};
  let runtime: Awaited<ReturnType<typeof createRuntime>>;
  try {
    const redis = await ensureRedis(config.REDIS_URL, logger);
    stopRedis = redis.stop;
    runtime = await createRuntime(config, { logger, workers: opts.workers, platformIntake: opts.http });
    if (opts.http) await runtime.app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await stopRedis();
    process.stderr.write(
      `Start-up failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
    );
    process.exit(1);
  }
  if (opts.http) {
    const channels = [...runtime.connectors.keys()].join(', ') || 'none';
    logger.info({ port: config.PORT, channels, database: runtime.db.label }, 'listening');
    process.stdout.write(
      `VNeID feedback is running on http://localhost:${config.PORT} (channels: ${channels})\n`,
    );
  } else {
    logger.info({ database: runtime.db.label }, 'workers running');
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: stop intake, finish running jobs, close connections');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    let code = 0;
    try {
      await runtime.close();
      await stopRedis();
    } catch (err) {
      code = 1;
      logger.error({ err }, 'shutdown failed');
    } finally {
      logger.info({ signal, code }, 'stopped');
      process.exit(code);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void boot({ workers: true, http: true });
}
