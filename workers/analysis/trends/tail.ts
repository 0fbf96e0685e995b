/**
 * Upper-tail probabilities for counts. Hourly message counts are over-dispersed (campaigns, news,
 * outages), so the spike score uses a negative binomial with the variance seen in the baseline and
 * falls back to Poisson when the baseline is no noisier than Poisson.
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(X = k) for a negative binomial with mean `mean` and variance `variance` (> mean). */
function nbLogPmf(k: number, mean: number, variance: number): number {
  const r = (mean * mean) / (variance - mean);
  const p = mean / variance; // success probability in the (r, p) parametrisation
  return logGamma(k + r) - logGamma(r) - logGamma(k + 1) + r * Math.log(p) + k * Math.log1p(-p);
}

function poissonLogPmf(k: number, mean: number): number {
  return k * Math.log(mean) - mean - logGamma(k + 1);
}

/**
 * log10 P(X >= observed). Sums the pmf upwards from `observed` using the ratio of successive terms
 * (no logGamma per term); beyond the mean the terms shrink at least geometrically, so this stops after
 * a few dozen terms even for large counts.
 */
export function log10UpperTail(observed: number, mean: number, variance: number): number {
  if (observed <= 0) return 0;
  if (mean <= 0) return -Infinity;
  if (observed <= mean) return 0;
  const overdispersed = variance > mean * 1.0001;
  const r = overdispersed ? (mean * mean) / (variance - mean) : 0;
  const q = overdispersed ? 1 - mean / variance : 0;
  const first = overdispersed ? nbLogPmf(observed, mean, variance) : poissonLogPmf(observed, mean);
  let term = 1; // relative to the first term
  let sum = 1;
  for (let k = observed; k < observed + 100_000; k++) {
    term *= overdispersed ? ((k + r) / (k + 1)) * q : mean / (k + 1);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  const log10 = (first + Math.log(sum)) / Math.LN10;
  return Math.min(0, log10);
}

/** log10 P(X <= observed) for a Poisson with mean `mean`: how unlikely so few messages are. */
export function log10PoissonLowerTail(observed: number, mean: number): number {
  if (mean <= 0) return 0;
  let term = Math.exp(-mean);
  let sum = term;
  for (let k = 1; k <= observed; k++) {
    term *= mean / k;
    sum += term;
  }
  return sum >= 1 ? 0 : Math.log10(sum);
}
