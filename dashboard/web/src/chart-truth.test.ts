import { describe, expect, it } from 'vitest';
import { HIDDEN_KEY, shownSum, truthfulChart } from './chart-truth.ts';

const H = 3_600_000;
const options = {
  labelOf: (k: string) => k,
  bucketLabel: (ms: number) => String(ms / H),
  hiddenLabel: '< 5',
  partialLabel: 'in progress',
  now: 2.5 * H,
  rangeEndMs: 4 * H,
};

describe('truthfulChart', () => {
  const ts = {
    bucket: 'hour' as const,
    buckets: [0, H, 2 * H, 3 * H],
    series: [
      { key: 'face_nfc', total: 60, values: [10, 20, '< 5', 0] as (number | '< 5')[] },
      { key: 'otp', total: 9, values: ['< 5', 6, '< 5', 0] as (number | '< 5')[] },
    ],
    hidden: [3, 0, '< 5', 0] as (number | '< 5')[],
  };
  it('adds one grey series with the sized hidden parts and notes the unsized and the partial bucket', () => {
    const shape = truthfulChart(ts, options);
    const grey = shape.series.find((s) => s.key === HIDDEN_KEY);
    expect(grey?.data).toEqual([3, null, null, null]);
    expect(shape.notes).toEqual([null, null, '< 5 · in progress', null]);
    expect(shownSum(shape)).toBe(10 + 20 + 6 + 3);
    expect(shape.spans[3]).toEqual({ startMs: 3 * H, endMs: 4 * H });
  });
  it('places releases and incident periods on their buckets', () => {
    const shape = truthfulChart(ts, {
      ...options,
      releases: [
        { at: 1.5 * H, label: '2.1.6' },
        { at: 9 * H, label: 'later' },
      ],
      incidents: [{ startMs: H, endMs: null, label: 'face' }],
    });
    expect(shape.markers).toEqual([{ index: 1, label: '2.1.6' }]);
    expect(shape.bands).toEqual([{ from: 1, to: 2, label: 'face' }]);
  });
});
