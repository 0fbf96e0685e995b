import { describe, expect, it } from 'vitest';
import { mergeFilters, parseFilters, toQuery } from './filters.ts';
import { chartValue, isEmptySeries, seriesToChart, showChange, showCount } from './shape.ts';

describe('chart shaping', () => {
  it('turns suppressed cells into gaps and folds the tail into one series', () => {
    const shape = seriesToChart(
      {
        bucket: 'day',
        buckets: [1, 2],
        series: [
          { key: 'a', total: 10, values: [5, 5] },
          { key: 'b', total: 8, values: ['< 5', 8] },
          { key: 'c', total: 6, values: [6, 0] },
        ],
      },
      (k) => k.toUpperCase(),
      (ms) => `d${ms}`,
      1,
    );
    expect(shape.labels).toEqual(['d1', 'd2']);
    expect(shape.series).toEqual([
      { key: 'a', label: 'A', data: [5, 5] },
      { key: 'rest', label: 'REST', data: [null, 8] },
    ]);
  });

  it('formats counts, suppression and change', () => {
    expect(chartValue('< 5')).toBeNull();
    expect(showCount('< 5', String)).toBe('< 5');
    expect(showCount(1234, (n) => new Intl.NumberFormat('vi-VN').format(n))).toBe('1.234');
    expect(showChange(12.5, String)).toBe('+12.5 %');
    expect(showChange(null, String)).toBe('–');
    expect(isEmptySeries({ series: [{ key: 'a', total: 0, values: [0, 0] }] })).toBe(true);
  });
});

describe('URL filters', () => {
  it('round-trip through the query string and drop junk', () => {
    const f = parseFilters(new URLSearchParams('from=2026-11-01&to=bad&channel=zalo&bucket=week&page=3&x=1'));
    expect(f).toEqual({ from: '2026-11-01', channel: 'zalo', bucket: 'week', page: 3 });
    expect(toQuery(f, ['from', 'channel'])).toBe('?from=2026-11-01&channel=zalo');
  });

  it('a filter change goes back to page 1', () => {
    expect(mergeFilters({ channel: 'zalo', page: 3 }, { topic: 'otp' })).toEqual({
      channel: 'zalo',
      topic: 'otp',
    });
    expect(mergeFilters({ channel: 'zalo' }, { channel: '' })).toEqual({});
  });
});
