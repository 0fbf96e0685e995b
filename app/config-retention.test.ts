import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('retention settings', () => {
  it('default to a year for messages and 30 days for addresses', () => {
    const c = loadConfig({});
    expect(c.RETENTION_DAYS).toBe(365);
    expect(c.ADDRESS_RETENTION_DAYS).toBe(30);
    expect(loadConfig({ RETENTION_DAYS: '90', ADDRESS_RETENTION_DAYS: '7' })).toMatchObject({
      RETENTION_DAYS: 90,
      ADDRESS_RETENTION_DAYS: 7,
    });
  });

  it.each([
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ RETENTION_DAYS: 'forever' }, 'RETENTION_DAYS'],
    [{ RETENTION_DAYS: '1.5' }, 'RETENTION_DAYS'],
    [{ ADDRESS_RETENTION_DAYS: '-1' }, 'ADDRESS_RETENTION_DAYS'],
  ])('rejects %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
