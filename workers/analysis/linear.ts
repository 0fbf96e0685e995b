/**
 * Multinomial logistic regression over hashed sparse features, trained by our own SGD with averaged
 * weights (stable, and it generalises better than the last iterate on small corpora).
 * Weights are laid out feature-major (w[f * K + k]) so scoring reads one contiguous row per feature.
 */
import type { Features } from './features.ts';
import { mulberry32 as prng } from './prng.ts';

export interface LinearModel {
  classes: readonly string[];
  dimBits: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Softmax temperature fitted on out-of-fold predictions; > 1 softens over-confident scores. */
  temperature: number;
}

/** Writes class probabilities into `out` (length K) and returns it. */
export function predictProba(model: LinearModel, f: Features, out: Float64Array): Float64Array {
  const k = model.classes.length;
  const w = model.weights;
  out.fill(0);
  for (let i = 0; i < f.length; i++) {
    const base = f.indices[i]! * k;
    const m = i >= f.doubleFrom ? f.wordFactor : 1;
    for (let c = 0; c < k; c++) out[c]! += m * w[base + c]!;
  }
  return softmaxInPlace(out, model.bias, f.value, model.temperature);
}

/** Turns raw sums into probabilities in place: (sum * value + bias) / temperature, then softmax. */
export function softmaxInPlace(out: Float64Array, bias: Float32Array, value: number, temperature: number) {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < out.length; c++) {
    out[c] = (out[c]! * value + bias[c]!) / temperature;
    if (out[c]! > max) max = out[c]!;
  }
  let sum = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

export interface TrainExample {
  features: Features;
  label: number;
  /** Importance (e.g. analysts' corrections count more); default 1. */
  weight?: number;
}

export interface TrainOptions {
  classes: readonly string[];
  dimBits: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Re-weight classes by inverse frequency so rare labels are not drowned. */
  balance?: boolean;
  seed?: number;
}

const SKIP = 2e-3;

export function trainLinear(examples: readonly TrainExample[], options: TrainOptions): LinearModel {
  const k = options.classes.length;
  const dim = 1 << options.dimBits;
  const epochs = options.epochs ?? 12;
  const lr0 = options.learningRate ?? 2;
  const l2 = options.l2 ?? 1e-5;
  const w = new Float32Array(dim * k);
  const b = new Float32Array(k);
  // Averaged SGD by the lazy trick: avg = w - u / steps, with u accumulating step-scaled updates.
  const u = new Float32Array(dim * k);
  const ub = new Float32Array(k);
  const counts = new Float64Array(k);
  for (const e of examples) counts[e.label]! += 1;
  const classWeight = new Float64Array(k).fill(1);
  if (options.balance) {
    const mean = examples.length / k;
    for (let c = 0; c < k; c++) classWeight[c] = counts[c]! > 0 ? Math.min(5, mean / counts[c]!) : 1;
  }
  const order = examples.map((_, i) => i);
  const random = prng(options.seed ?? 7);
  const p = new Float64Array(k);
  let step = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = lr0 / (1 + epoch * 0.5);
    for (const idx of order) {
      const ex = examples[idx]!;
      const f = ex.features;
      p.fill(0);
      for (let i = 0; i < f.length; i++) {
        const base = f.indices[i]! * k;
        const m = i >= f.doubleFrom ? f.wordFactor : 1;
        for (let c = 0; c < k; c++) p[c]! += m * w[base + c]!;
      }
      softmaxInPlace(p, b, f.value, 1);
      const scale = lr * (ex.weight ?? 1) * classWeight[ex.label]!;
      for (let c = 0; c < k; c++) {
        const err = p[c]! - (c === ex.label ? 1 : 0);
        // A class the model already scores right within SKIP learns next to nothing from this example:
        // skipping its update saves most of the work once the model fits (long messages, many features).
        if (err < SKIP && err > -SKIP) continue;
        const g = err * scale;
        const gv = g * f.value;
        for (let i = 0; i < f.length; i++) {
          const at = f.indices[i]! * k + c;
          const d = (i >= f.doubleFrom ? f.wordFactor * gv : gv) + lr * l2 * w[at]!;
          w[at]! -= d;
          u[at]! -= step * d;
        }
        b[c]! -= g;
        ub[c]! -= step * g;
      }
      step++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / step;
  for (let c = 0; c < k; c++) b[c] = b[c]! - ub[c]! / step;
  return { classes: options.classes, dimBits: options.dimBits, weights: w, bias: b, temperature: 1 };
}

/** Picks the softmax temperature that minimises log-loss of held-back predictions (grid search). */
export function fitTemperature(
  logitsOf: (t: number) => Array<{ probs: Float64Array; label: number }>,
): number {
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const t of [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.4, 1.7, 2, 2.5, 3]) {
    let loss = 0;
    for (const { probs, label } of logitsOf(t)) loss -= Math.log(Math.max(1e-9, probs[label]!));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

/** Small deterministic PRNG: same corpus, same model. */
export { prng };
