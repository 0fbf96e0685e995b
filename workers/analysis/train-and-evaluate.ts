/**
 * One retraining run, shared by the `retrain` command and the retrain job: train on the corpus's
 * training split plus extra examples (analysts' corrections), score on the held-out split.
 */
import { createAnalyzer } from './analyzer.ts';
import type { ModelBundle } from './codec.ts';
import { type LabelledText, splitCorpus } from './corpus.ts';
import { type EvalResult, evaluateAnalyzer } from './evaluate.ts';
import { fold, toNfc } from './normalise.ts';
import { trainBundle } from './train.ts';
import { createTrainedModel } from './trained-model.ts';

export interface TrainRun {
  bundle: ModelBundle;
  heldout: EvalResult;
  trainSize: number;
  heldoutSize: number;
  /** Extra examples dropped because they repeat a held-out message (that would leak the test). */
  droppedExtra: number;
}

export interface TrainRunOptions {
  version: string;
  createdAt: number;
  /** Weight of each extra example relative to a corpus line. */
  extraWeight?: number;
  folds?: number;
}

export function trainAndEvaluate(
  corpus: readonly LabelledText[],
  extra: readonly LabelledText[],
  o: TrainRunOptions,
): TrainRun {
  const { train, heldout } = splitCorpus(corpus);
  const heldoutKeys = new Set(heldout.map((e) => fold(toNfc(e.text))));
  const usable = extra.filter((e) => !heldoutKeys.has(fold(toNfc(e.text))));
  const data = [...train, ...usable.map((e) => ({ ...e, weight: e.weight ?? o.extraWeight ?? 2 }))];
  const bundle = trainBundle(data, {
    version: o.version,
    createdAt: o.createdAt,
    ...(o.folds !== undefined ? { folds: o.folds } : {}),
  });
  const result = evaluateAnalyzer(createAnalyzer({ model: createTrainedModel(bundle) }), heldout);
  bundle.metrics = { heldout: result, trainSize: data.length, heldoutSize: heldout.length };
  return {
    bundle,
    heldout: result,
    trainSize: data.length,
    heldoutSize: heldout.length,
    droppedExtra: extra.length - usable.length,
  };
}
