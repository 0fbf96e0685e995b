import { describe, expect, it } from 'vitest';
import { shownCount } from './suppression.ts';

describe('the small-group rule', () => {
  const never = async (): Promise<boolean> => {
    throw new Error('no distinct-author look-up expected');
  };

  it('shows zero without looking anyone up', async () => {
    expect(await shownCount(0, 5, never)).toBe(0);
  });

  it('hides fewer than k messages without a look-up (one author each)', async () => {
    expect(await shownCount(4, 5, never)).toBe('< 5');
  });

  it('shows k or more messages only when k distinct citizens are behind them', async () => {
    expect(await shownCount(12, 5, async () => true)).toBe(12);
    expect(await shownCount(12, 5, async () => false)).toBe('< 5');
  });
});
