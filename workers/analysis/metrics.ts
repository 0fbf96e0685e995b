/** Classification metrics in the shape of the `eval` command (docs/contracts.md). */

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  accuracy: number;
  /** Mean F1 over the classes present in the gold labels. */
  macro_f1: number;
  per_class: Record<string, ClassMetrics>;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export function classificationReport(gold: readonly string[], predicted: readonly string[]): Report {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const support = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    support.set(g, (support.get(g) ?? 0) + 1);
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else fp.set(p, (fp.get(p) ?? 0) + 1);
  }
  const per_class: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  for (const label of [...support.keys()].sort()) {
    const t = tp.get(label) ?? 0;
    const s = support.get(label) ?? 0;
    const predictedCount = t + (fp.get(label) ?? 0);
    const precision = predictedCount === 0 ? 0 : t / predictedCount;
    const recall = s === 0 ? 0 : t / s;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    f1Sum += f1;
    per_class[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: s };
  }
  return {
    accuracy: round(gold.length === 0 ? 0 : correct / gold.length),
    macro_f1: round(support.size === 0 ? 0 : f1Sum / support.size),
    per_class,
  };
}

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return round(gold.length === 0 ? 0 : correct / gold.length);
}
