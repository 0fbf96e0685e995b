/**
 * Training a model bundle from labelled texts: topic and sentiment softmax models over the same
 * hashed features, calibrated on out-of-fold predictions of the TRAINING data only (temperature and
 * the low-confidence threshold), so the held-out split stays untouched.
 */
import type { ModelBundle } from './codec.ts';
import type { LabelledText } from './corpus.ts';
import { copyFeatures, DEFAULT_DIM_BITS, type FeatureSet, type Features, featuresOf } from './features.ts';
import { detectLang } from './lang.ts';
import {
  fitTemperature,
  type LinearModel,
  predictProba,
  prng,
  type TrainExample,
  trainLinear,
} from './linear.ts';
import { DEFAULT_MEMORY_THRESHOLD, DEFAULT_MEMORY_WEIGHT, distinctFeatures, type Memory } from './memory.ts';
import { classificationReport } from './metrics.ts';
import { prepare } from './prepare.ts';
import { SENTIMENTS, TOPIC_IDS } from './taxonomy.ts';

export interface TrainBundleOptions {
  version: string;
  createdAt: number;
  dimBits?: number;
  /** Feature set (features.ts); default 2. */
  featureSet?: FeatureSet;
  /** Folds for calibration (default 2); 0 skips calibration (temperature 1, threshold `fixedMinConfidence`). */
  folds?: number;
  fixedMinConfidence?: number;
  epochs?: number;
  /** SGD step size and L2 penalty (linear.ts defaults when absent). */
  learningRate?: number;
  l2?: number;
  seed?: number;
  /**
   * Word-dropout augmentation: each message of 4+ words is also trained on once more with this
   * share of its words dropped (0 disables). Teaches the model not to hang on any single word,
   * which is what unseen, shorter or sloppier messages need.
   */
  augment?: number;
  /**
   * Examples to keep in the model's nearest-neighbour memory (memory.ts), e.g. the team's labels;
   * they should be in `data` too. Their `id`s are recorded in the model.
   */
  remember?: readonly LabelledText[];
  memoryThreshold?: number;
  memoryWeight?: number;
}

interface Row {
  group: number;
  copy: boolean;
  features: Features;
  topic: number;
  sentiment: number;
  weight: number;
}

const THRESHOLDS = [0, 0.2, 0.25, 0.3, 0.35, 0.4];

function fitModel(rows: readonly Row[], kind: 'topic' | 'sentiment', o: TrainBundleOptions): LinearModel {
  const examples: TrainExample[] = [];
  for (const r of rows) {
    const label = kind === 'topic' ? r.topic : r.sentiment;
    if (label >= 0) examples.push({ features: r.features, label, weight: r.weight });
  }
  return trainLinear(examples, {
    classes: kind === 'topic' ? TOPIC_IDS : SENTIMENTS,
    dimBits: o.dimBits ?? DEFAULT_DIM_BITS,
    epochs: o.epochs ?? 10,
    balance: true,
    seed: o.seed ?? 7,
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    ...(o.l2 !== undefined ? { l2: o.l2 } : {}),
  });
}

interface Source {
  example: LabelledText;
  /** Index of the original message: a copy always falls in its original's calibration fold. */
  group: number;
  copy: boolean;
}

function augmented(data: readonly LabelledText[], dropout: number, seed: number): Source[] {
  const out: Source[] = data.map((example, group) => ({ example, group, copy: false }));
  if (dropout <= 0) return out;
  const random = prng(seed * 31 + 1);
  data.forEach((d, group) => {
    const words = d.text.split(' ');
    if (words.length < 4) return;
    out.push({
      example: { ...d, text: words.filter(() => random() >= dropout).join(' ') },
      group,
      copy: true,
    });
  });
  return out;
}

/** What the analyzer hands a model: redacted and folded text and the detected language. */
function prepared(text: string): { redacted: string; folded: string; lang: string } {
  const p = prepare(text);
  return { redacted: p.redacted, folded: p.folded, lang: detectLang(p.nfc, p.folded) };
}

export function trainBundle(data: readonly LabelledText[], o: TrainBundleOptions): ModelBundle {
  const dimBits = o.dimBits ?? DEFAULT_DIM_BITS;
  const featureSet = o.featureSet ?? 2;
  const rows: Row[] = augmented(data, o.augment ?? 0.2, o.seed ?? 7).map(({ example: d, group, copy }) => ({
    group,
    copy,
    features: copyFeatures(featuresOf(prepared(d.text), dimBits, featureSet)),
    topic: TOPIC_IDS.indexOf(d.topic),
    sentiment: d.sentiment ? SENTIMENTS.indexOf(d.sentiment) : -1,
    weight: d.weight ?? 1,
  }));
  const topic = fitModel(rows, 'topic', o);
  const sentiment = fitModel(rows, 'sentiment', o);
  let minConfidence = o.fixedMinConfidence ?? 0.3;
  const folds = o.folds ?? 2;
  if (folds > 1) {
    // Out-of-fold scores: each row scored by a model that never saw it.
    const topicOof: Array<{ model: LinearModel; row: Row }> = [];
    const sentimentOof: Array<{ model: LinearModel; row: Row }> = [];
    for (let k = 0; k < folds; k++) {
      const train = rows.filter((r) => r.group % folds !== k);
      const test = rows.filter((r) => r.group % folds === k && !r.copy);
      const t = fitModel(train, 'topic', o);
      const s = fitModel(train, 'sentiment', o);
      for (const row of test) {
        topicOof.push({ model: t, row });
        if (row.sentiment >= 0) sentimentOof.push({ model: s, row });
      }
    }
    const score = (oof: typeof topicOof, kind: 'topic' | 'sentiment', temperature: number) =>
      oof.map(({ model, row }) => {
        const probs = new Float64Array(model.classes.length);
        predictProba({ ...model, temperature }, row.features, probs);
        return { probs, label: kind === 'topic' ? row.topic : row.sentiment };
      });
    topic.temperature = fitTemperature((t) => score(topicOof, 'topic', t));
    sentiment.temperature = fitTemperature((t) => score(sentimentOof, 'sentiment', t));
    minConfidence = chooseThreshold(score(topicOof, 'topic', topic.temperature));
  }
  const memory = o.remember?.length ? memoryOf(o.remember, dimBits, featureSet, o) : undefined;
  return {
    version: o.version,
    createdAt: o.createdAt,
    dimBits,
    featureSet,
    minConfidence,
    topic,
    sentiment,
    ...(memory ? { memory } : {}),
  };
}

function memoryOf(
  examples: readonly LabelledText[],
  dimBits: number,
  featureSet: FeatureSet,
  o: TrainBundleOptions,
): Memory {
  return {
    threshold: o.memoryThreshold ?? DEFAULT_MEMORY_THRESHOLD,
    weight: o.memoryWeight ?? DEFAULT_MEMORY_WEIGHT,
    items: examples.map((e) => ({
      ...(e.id !== undefined ? { id: e.id } : {}),
      topic: TOPIC_IDS.indexOf(e.topic),
      sentiment: e.sentiment ? SENTIMENTS.indexOf(e.sentiment) : -1,
      features: distinctFeatures(featuresOf(prepared(e.text), dimBits, featureSet)),
    })),
  };
}

/** The threshold that maximises out-of-fold macro-F1 when low-confidence answers become `other`. */
function chooseThreshold(scored: Array<{ probs: Float64Array; label: number }>): number {
  const other = TOPIC_IDS.indexOf('other');
  const gold = scored.map((s) => TOPIC_IDS[s.label]!);
  let best = 0;
  let bestF1 = -1;
  for (const t of THRESHOLDS) {
    const predicted = scored.map(({ probs }) => {
      let arg = 0;
      for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[arg]!) arg = c;
      return TOPIC_IDS[probs[arg]! < t ? other : arg]!;
    });
    const f1 = classificationReport(gold, predicted).macro_f1;
    // Prefer the higher threshold on ties: an honest "not sure" beats a guess.
    if (f1 >= bestF1 - 0.002) {
      if (f1 > bestF1) bestF1 = f1;
      best = t;
    }
  }
  return best;
}
