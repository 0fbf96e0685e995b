/**
 * The analysis core: pure functions from text to labels. Nothing here touches the database, the
 * network, the clock or process.env. Two files open files when called: model-file.ts (the shipped or
 * a promoted model) and corpus-files.ts (the labelled corpus). See README.md in this folder.
 */
export type { AnalyzerOptions } from './analyzer.ts';
export { createAnalyzer } from './analyzer.ts';
export type { ModelBundle } from './codec.ts';
export { decodeModel, encodeModel, ModelFormatError } from './codec.ts';
export type { LabelledText, Split } from './corpus.ts';
export { HELDOUT_PERCENT, hashString, parseJsonl, splitCorpus, splitOf } from './corpus.ts';
export { createKeywordModel } from './keyword-model.ts';
export { detectLang } from './lang.ts';
export type { Memory, MemoryItem } from './memory.ts';
export { heldExampleIds } from './memory.ts';
export { classificationReport } from './metrics.ts';
export {
  createDefaultAnalyzer,
  DEFAULT_MODEL_PATH,
  loadAnalyzer,
  loadModel,
  saveModel,
} from './model-file.ts';
export { fold, normalise, stripDiacritics, toNfc } from './normalise.ts';
export { prepare } from './prepare.ts';
export { PII_LABELS, redact } from './redact.ts';
export * from './taxonomy.ts';
export { tokenize, wordNgrams } from './tokenize.ts';
export { trainBundle } from './train.ts';
export { DEFAULT_EXTRA_WEIGHT, trainAndEvaluate } from './train-and-evaluate.ts';
export { createTrainedModel } from './trained-model.ts';
export type {
  Analysis,
  Analyzer,
  ModelOutput,
  PiiType,
  PreparedText,
  RankedTopic,
  TopicModel,
} from './types.ts';
