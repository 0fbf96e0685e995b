import { describe, expect, it } from 'vitest';
import { createEventKeyer, createPseudonymiser, referenceCode, storedMessageId } from './pseudonym.ts';

describe('reference codes', () => {
  it('are GY- plus nine base-32 digits of the number and a keyed two-character check', () => {
    const code = referenceCode('secret-secret-secret', 30_000_000_000);
    expect(code).toMatch(/^GY-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
    expect(referenceCode('secret-secret-secret', 30_000_000_000)).toBe(code);
    // Consecutive numbers give different codes; another key gives another check.
    expect(referenceCode('secret-secret-secret', 30_000_000_001)).not.toBe(code);
    expect(referenceCode('other-secret-other', 30_000_000_000).slice(0, 14)).toBe(code.slice(0, 14));
  });
});

describe('stored message ids', () => {
  const hash = createPseudonymiser('s'.repeat(16))('telegram', '4242');
  it('put the author pseudonym in place of a private Telegram chat id', () => {
    expect(storedMessageId('telegram', '4242:17', hash)).toBe(`${hash}:17`);
    expect(storedMessageId('telegram', '-100555:17', hash)).toBe('-100555:17'); // a group, not a person
    expect(storedMessageId('facebook', 'm_abc', hash)).toBe('m_abc');
  });
});

describe('event tombstone keys', () => {
  it('are keyed hashes that differ per channel and hold no id', () => {
    const key = createEventKeyer('k'.repeat(16));
    expect(key('telegram', '500123')).toMatch(/^[0-9a-f]{32}$/);
    expect(key('telegram', '500123')).not.toBe(key('zalo', '500123'));
    expect(key('telegram', '500123')).not.toContain('500123');
  });
});
