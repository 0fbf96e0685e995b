import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createDashboard } from '../dashboard/server/index.ts';
import { createTestDatabase } from '../test/helpers/databases.ts';
import { loadConfig, SECRET_KEYS } from './config.ts';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

describe('logger', () => {
  it('logs a dashboard 500 with the error message and stack', async () => {
    const t = await createTestDatabase('sqlite');
    const out = capture();
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: out.write });
    const app = Fastify();
    const dashboard = createDashboard({
      config: loadConfig({}),
      db: t.db,
      now: Date.now,
      logger,
      enqueue: async () => {},
    });
    await app.register(dashboard.api, { prefix: '/api' });
    await app.ready();
    await t.destroy(); // the session lookup now fails: an unexpected error
    const res = await app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { cookie: 'vneid_session=x' },
    });
    await app.close();
    expect(res.statusCode).toBe(500);
    const line = out.lines.find((l) => l.includes('dashboard API error'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line ?? '{}') as { level: string; err: { message: string; stack: string } };
    expect(entry.level).toBe('error');
    expect(entry.err.message).toMatch(/\w/);
    expect(entry.err.stack).toContain(entry.err.message);
    expect(entry.err.stack).toMatch(/\n\s+at /);
  });

  it('masks every secret variable of the configuration, by value and by field name', () => {
    const values = Object.fromEntries(SECRET_KEYS.map((k, i) => [k, `value-of-${k.toLowerCase()}-${i}x`]));
    values['TELEGRAM_BOT_TOKEN'] = '123456:secret-bot-token';
    values['TELEGRAM_WEBHOOK_SECRET'] = 'webhook_secret_value';
    const config = loadConfig(values);
    const out = capture();
    const logger = createLogger(config, { write: out.write });
    for (const key of SECRET_KEYS) {
      const value = config[key];
      expect(value).toBe(values[key]);
      logger.error({ err: new Error(`call failed: https://x/${value}/send`) }, `while using ${value}`);
      logger.info({ [key]: 'some other value', nested: { [key]: 'again' } }, 'fields');
    }
    const text = out.lines.join('\n');
    for (const key of SECRET_KEYS) expect(text).not.toContain(String(values[key]));
    expect(text).not.toContain('some other value');
    expect(text).not.toContain('again');
    expect(text).toContain('[secret]');
    expect(out.lines).toHaveLength(SECRET_KEYS.length * 2);
  });

  it('writes pino JSON lines with the level name and an ISO time, and honours the level', () => {
    const out = capture();
    const logger = createLogger({ LOG_LEVEL: 'warn' }, { write: out.write });
    logger.info({ n: 1 }, 'hidden');
    logger.warn('plain message');
    expect(out.lines).toHaveLength(1);
    const entry = JSON.parse(out.lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', msg: 'plain message' });
    expect(String(entry['time'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
