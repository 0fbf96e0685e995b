/**
 * One retraining run, shared by the `retrain` command and the retrain job: train on the corpus's
 * training split plus extra examples (the team's labels), score on the held-out split. The extra
 * examples are also kept in the model's nearest-neighbour memory (their `id`s recorded), so a
 * message very close to one the team labelled gets that label even where the corpus disagrees.
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
  /** Weight of each extra example relative to a corpus line (default `DEFAULT_EXTRA_WEIGHT`). */
  extraWeight?: number;
  folds?: number;
  /** Keep the extra examples in the model's memory (default true). */
  remember?: boolean;
}

/**
 * An example the team labelled counts as this many corpus lines: enough for a few dozen labels to
 * move a model trained on ten thousand lines, not so much that they drown it.
 */
export const DEFAULT_EXTRA_WEIGHT = 4;

export function trainAndEvaluate(
  corpus: readonly LabelledText[],
  extra: readonly LabelledText[],
  o: TrainRunOptions,
): TrainRun {
  const { train, heldout } = splitCorpus(corpus);
  const heldoutKeys = new Set(heldout.map((e) => fold(toNfc(e.text))));
  const usable = extra.filter((e) => !heldoutKeys.has(fold(toNfc(e.text))));
  const weighted = usable.map((e) => ({ ...e, weight: e.weight ?? o.extraWeight ?? DEFAULT_EXTRA_WEIGHT }));
  const data = [...train, ...weighted];
  const bundle = trainBundle(data, {
    version: o.version,
    createdAt: o.createdAt,
    ...(o.folds !== undefined ? { folds: o.folds } : {}),
    ...(o.remember !== false && usable.length > 0 ? { remember: usable } : {}),
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
