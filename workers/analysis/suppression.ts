/**
 * The product's one small-group rule (k-anonymity): a count is shown only when at least k distinct
 * citizens are behind it, otherwise as the string "< k". The dashboard, its exports and the weekly
 * report all decide through `shownCount`; only how "k distinct citizens" is looked up lives elsewhere.
 */

/** A count as shown anywhere: the number, or `"< k"` when fewer than k distinct citizens are in it. */
export type Suppressed = `< ${number}`;
export type CountValue = number | Suppressed;

export function suppressedLabel(k: number): Suppressed {
  return `< ${k}`;
}

export function isSuppressed(v: CountValue): v is Suppressed {
  return typeof v === 'string';
}

/**
 * What to show for a slice of `count` messages. Zero reveals no one and stays an honest zero; fewer
 * than k messages cannot come from k citizens (one author each), so only larger counts ask
 * `hasKCitizens`, the slice's distinct-author check.
 */
export async function shownCount(
  count: number,
  k: number,
  hasKCitizens: () => Promise<boolean>,
): Promise<CountValue> {
  if (count === 0) return 0;
  if (count < k) return suppressedLabel(k);
  return (await hasKCitizens()) ? count : suppressedLabel(k);
}
