/**
 * `retrain`: trains a model on the corpus's training split plus analysts' corrections, records it
 * in the registry with its held-out metrics, and promotes it only if its held-out topic macro-F1 is
 * not worse than the model in use, scored on the same held-out split today.
 * Idempotent: the version is a hash of the training data, so a retried job finds its model and
 * changes nothing twice.
 */
import { join } from 'node:path';
import type { Logger } from '../bots/shared/connector.ts';
import type { Db } from '../db/database.ts';
import { createModelRegistry } from '../db/models.ts';
import { CORPUS_DIR, loadCorpus } from './analysis/corpus-files.ts';
import { evaluateAnalyzer } from './analysis/evaluate.ts';
import {
  type Analyzer,
  createDefaultAnalyzer,
  hashString,
  isSentiment,
  isTopicId,
  type LabelledText,
  loadAnalyzer,
  saveModel,
  splitCorpus,
} from './analysis/index.ts';
import { trainAndEvaluate } from './analysis/train-and-evaluate.ts';
import type { JobMap } from './jobs.ts';

export interface RetrainDeps {
  db: Db;
  now: () => number;
  /** Where trained model files are written (e.g. ./data/models). */
  modelDir: string;
  logger: Logger;
  /** Defaults to the corpus shipped in workers/analysis/corpus. */
  corpusDir?: string;
  /** Calibration folds (tests pass 0 to train fast). */
  folds?: number;
}

export interface RetrainOutcome {
  version: string;
  promoted: boolean;
  macroF1: number;
  /** Held-out macro-F1 of the model in use before this run. */
  previousMacroF1: number;
  previousVersion: string;
  correctionsUsed: number;
  /** True when this exact model already existed (a retried or repeated job). */
  existing: boolean;
}

/** The latest correction of each still-stored message, as training examples on the redacted text. */
export async function correctionExamples(db: Db): Promise<LabelledText[]> {
  const rows = await db.kysely
    .selectFrom('corrections as c')
    .innerJoin('messages as m', 'm.id', 'c.message_id')
    .select(['c.id', 'c.message_id', 'c.new_topic', 'c.new_sentiment', 'm.text_redacted'])
    .orderBy('c.id')
    .execute();
  const latest = new Map<number, LabelledText>();
  for (const r of rows) {
    if (!isTopicId(r.new_topic) || r.text_redacted.trim() === '') continue;
    latest.set(Number(r.message_id), {
      text: r.text_redacted,
      topic: r.new_topic,
      ...(isSentiment(r.new_sentiment) ? { sentiment: r.new_sentiment } : {}),
    });
  }
  return [...latest.values()];
}

/** The analyzer of the promoted model, or the shipped default when none was promoted yet. */
export async function loadPromotedAnalyzer(db: Db): Promise<Analyzer> {
  const current = await createModelRegistry(db).promoted();
  return current ? loadAnalyzer(current.filePath) : createDefaultAnalyzer();
}

export interface PromotedAnalyzerSource {
  /** The promoted model's analyzer; re-checks the registry at most every `refreshMs`. */
  get(): Promise<Analyzer>;
}

/**
 * What the pipeline should hold instead of a fixed analyzer: after a retrain promotes a model, the
 * next message is labelled by it (within `refreshMs`) without a restart. Files load once per version.
 */
export function createPromotedAnalyzerSource(deps: {
  db: Db;
  now: () => number;
  refreshMs?: number;
}): PromotedAnalyzerSource {
  const registry = createModelRegistry(deps.db);
  const refreshMs = deps.refreshMs ?? 60_000;
  let current: Analyzer | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  return {
    async get() {
      const now = deps.now();
      if (current && now - checkedAt < refreshMs) return current;
      checkedAt = now;
      const promoted = await registry.promoted();
      const version = promoted?.version ?? createDefaultAnalyzer().modelVersion;
      if (!current || current.modelVersion !== version) {
        current = promoted ? loadAnalyzer(promoted.filePath) : createDefaultAnalyzer();
      }
      return current;
    },
  };
}

function dataVersion(corpus: readonly LabelledText[], extra: readonly LabelledText[]): string {
  let h = 0x811c9dc5;
  for (const e of [...corpus, ...extra]) {
    h = Math.imul(h ^ hashString(`${e.text}\u0000${e.topic}\u0000${e.sentiment ?? ''}`), 16777619);
  }
  return `lr-${(h >>> 0).toString(16).padStart(8, '0')}-${corpus.length}-${extra.length}`;
}

export function createRetrainProcessor(deps: RetrainDeps) {
  const registry = createModelRegistry(deps.db);
  return async function retrain(job: { data: JobMap['retrain'] }): Promise<RetrainOutcome> {
    const corpus = loadCorpus(deps.corpusDir ?? CORPUS_DIR).examples;
    const corrections = await correctionExamples(deps.db);
    const version = dataVersion(corpus, corrections);
    const current = await loadPromotedAnalyzer(deps.db);
    const heldout = splitCorpus(corpus).heldout;
    const previousMacroF1 = evaluateAnalyzer(current, heldout).topic.macro_f1;

    const known = await registry.get(version);
    if (known) {
      return {
        version,
        promoted: known.promoted,
        macroF1: known.macroF1,
        previousMacroF1,
        previousVersion: current.modelVersion,
        correctionsUsed: known.correctionsUsed,
        existing: true,
      };
    }
    const createdAt = deps.now();
    const run = trainAndEvaluate(corpus, corrections, {
      version,
      createdAt,
      ...(deps.folds !== undefined ? { folds: deps.folds } : {}),
    });
    const filePath = join(deps.modelDir, `${version}.vnm`);
    saveModel(filePath, run.bundle);
    const macroF1 = run.heldout.topic.macro_f1;
    await registry.add({
      version,
      createdAt,
      filePath,
      metrics: {
        heldout: run.heldout,
        previous: { version: current.modelVersion, macro_f1: previousMacroF1 },
      },
      macroF1,
      trainSize: run.trainSize,
      correctionsUsed: corrections.length - run.droppedExtra,
      requestedBy: job.data.requestedBy,
    });
    const promote = macroF1 >= previousMacroF1;
    if (promote) await registry.promote(version, createdAt);
    deps.logger.info(
      { version, macroF1, previousMacroF1, previousVersion: current.modelVersion, promoted: promote },
      promote ? 'retrained model promoted' : 'retrained model kept unpromoted (worse on held-out)',
    );
    return {
      version,
      promoted: promote,
      macroF1,
      previousMacroF1,
      previousVersion: current.modelVersion,
      correctionsUsed: corrections.length - run.droppedExtra,
      existing: false,
    };
  };
}
