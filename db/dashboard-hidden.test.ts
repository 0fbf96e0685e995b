import { describe, expect, it } from 'vitest';
import { mergeHidden } from './dashboard-hidden.ts';

describe('mergeHidden', () => {
  it('merges two or more hidden cells into one sized grey part', () => {
    expect(mergeHidden([10, 3, 2], [10, '< 5', '< 5'], 15, '< 5')).toEqual({
      shown: [10, '< 5', '< 5'],
      hidden: 5,
    });
  });
  it('hides the smallest shown cell with a lone hidden one, so neither can be subtracted', () => {
    expect(mergeHidden([20, 8, 3], [20, 8, '< 5'], 31, '< 5')).toEqual({
      shown: [20, '< 5', '< 5'],
      hidden: 11,
    });
  });
  it('shows the grey part without a size when nothing else could hide the lone cell, or the total is hidden', () => {
    expect(mergeHidden([20, 3], [20, '< 5'], 23, '< 5')).toEqual({ shown: [20, '< 5'], hidden: '< 5' });
    expect(mergeHidden([2, 1], ['< 5', '< 5'], '< 5', '< 5')).toEqual({
      shown: ['< 5', '< 5'],
      hidden: '< 5',
    });
  });
  it('leaves a bucket with nothing hidden alone (zeros are honest zeros)', () => {
    expect(mergeHidden([0, 7], [0, 7], 7, '< 5')).toEqual({ shown: [0, 7], hidden: 0 });
  });
});
