import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('starts on embedded defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe('sqlite:./data/feedback.db');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(c.TZ_REPORTS).toBe('Asia/Ho_Chi_Minh');
    expect(c.telegram).toBeUndefined();
    expect(c.generatedSecrets).toEqual(['SESSION_SECRET', 'PSEUDONYM_SECRET']);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost' }, 'REDIS_URL'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT'],
    [{ TZ_REPORTS: 'Mars/Base' }, 'TZ_REPORTS'],
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, 'TELEGRAM_BOT_TOKEN'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ PSEUDONYM_SECRET: 'short' }, 'PSEUDONYM_SECRET'],
  ])('rejects %o naming %s in one line', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('never echoes a secret value in its error', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'super-secret-value' })).toThrow(ConfigError);
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: 'super-secret-value' });
    } catch (err) {
      expect((err as Error).message).not.toContain('super-secret-value');
    }
  });

  it('reduces *_URL and *_API_ROOT to origins', () => {
    const c = loadConfig({ FACEBOOK_GRAPH_URL: 'http://127.0.0.1:4000/', TELEGRAM_BOT_TOKEN: '1:abc' });
    expect(c.FACEBOOK_GRAPH_URL).toBe('http://127.0.0.1:4000');
    expect(c.telegram).toEqual({ token: '1:abc', webhookSecret: undefined });
  });

  it('reads TRUST_PROXY as hops or proxy addresses, never as "trust every hop"', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ REQUIRE_2FA: 'true' }).REQUIRE_2FA).toBe(true);
    expect(loadConfig({}).REQUIRE_2FA).toBe(false);
  });
});
