import { describe, expect, it } from 'vitest';
import { dayStart, isValidWeek, previousWeek, weekBefore, weekBounds, weekOf } from './iso-week.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('ISO weeks in Asia/Ho_Chi_Minh', () => {
  it('bounds a week from local Monday midnight to the next', () => {
    const b = weekBounds('2026-W47', TZ);
    expect(new Date(b.start).toISOString()).toBe('2026-11-15T17:00:00.000Z'); // Mon 16 Nov 00:00 +07
    expect(b.end - b.start).toBe(7 * 86_400_000);
  });
  it('finds the week of an instant in local time, across year ends', () => {
    expect(weekOf(Date.parse('2026-11-15T17:00:00Z'), TZ)).toBe('2026-W47');
    expect(weekOf(Date.parse('2026-11-15T16:59:59Z'), TZ)).toBe('2026-W46');
    expect(weekOf(Date.parse('2027-01-01T05:00:00Z'), TZ)).toBe('2026-W53');
    expect(weekBefore('2027-W01', TZ)).toBe('2026-W53');
    expect(isValidWeek('2026-W53')).toBe(true);
    expect(isValidWeek('2025-W53')).toBe(false);
    expect(() => weekBounds('2026-47', TZ)).toThrow(/ISO week/);
  });
  it('gives the previous complete week on Monday 08:00 local', () => {
    expect(previousWeek(Date.parse('2026-11-23T01:00:00Z'), TZ)).toBe('2026-W47');
  });
  it('buckets days at local midnight like author_days', () => {
    expect(dayStart(Date.parse('2026-11-16T16:59:00Z'), TZ)).toBe(Date.parse('2026-11-15T17:00:00Z'));
    // Zones with daylight saving: the day of the switch starts at the old offset.
    expect(dayStart(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Paris')).toBe(
      Date.parse('2026-03-28T23:00:00Z'),
    );
    expect(weekBounds('2026-W14', 'Europe/Paris').start).toBe(Date.parse('2026-03-29T22:00:00Z'));
  });
});
