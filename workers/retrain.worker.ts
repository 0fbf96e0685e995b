/**
 * `retrain`: trains a model on the corpus's training split plus the team's labels (confirmations and
 * corrections) given up to a cut-off (all but the newest 20 %), records it in the registry with its
 * held-out metrics, and promotes it only if it is not worse than the model in use on the held-out
 * split **and** on the team's labels given after both models' cut-offs (a time split, so neither is
 * judged on what it learned). After an erasure removed labels the model in use learned from, the
 * next run's model replaces it regardless of the comparison, and the replaced model's file is deleted.
 * Idempotent: the version is a hash of the training data, so a retried job finds its model and
 * changes nothing twice.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../bots/shared/connector.ts';
import type { Db } from '../db/database.ts';
import { finishRebuilds, pendingRebuild, pendingVersions, recordLabelSpan } from '../db/model-rebuilds.ts';
import { createModelRegistry, type ModelRegistry } from '../db/models.ts';
import { CORPUS_DIR, loadCorpus } from './analysis/corpus-files.ts';
import { evaluateAnalyzer } from './analysis/evaluate.ts';
import {
  type Analyzer,
  createDefaultAnalyzer,
  hashString,
  type LabelledText,
  loadAnalyzer,
  saveModel,
  splitCorpus,
} from './analysis/index.ts';
import { trainAndEvaluate } from './analysis/train-and-evaluate.ts';
import type { JobMap } from './jobs.ts';
import { judgeOnTeamLabels, type LabelJudgement, trainingLabels } from './retrain-labels.ts';

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
  /** Team labels (and older relabels) trained on. */
  correctionsUsed: number;
  /** True when this exact model already existed (a retried or repeated job). */
  existing: boolean;
  /** Both models on the team's labels given after their cut-offs (absent for an existing model). */
  teamLabels?: LabelJudgement;
  /** Replaced the model in use regardless, because labels it learned from were erased. */
  rebuild: boolean;
}

export { correctionExamples } from './retrain-labels.ts';

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

/** Deletes the files of models that learned erased labels and are no longer in use. */
async function dropReplaced(registry: ModelRegistry, versions: readonly string[], logger: Logger) {
  for (const v of versions) {
    const m = await registry.get(v);
    if (!m || m.promoted) continue;
    rmSync(m.filePath, { force: true });
    logger.info({ version: v }, 'deleted the file of a model trained on erased labels');
  }
}

export function createRetrainProcessor(deps: RetrainDeps) {
  const registry = createModelRegistry(deps.db);
  return async function retrain(job: { data: JobMap['retrain'] }): Promise<RetrainOutcome> {
    const corpus = loadCorpus(deps.corpusDir ?? CORPUS_DIR).examples;
    const labels = await trainingLabels(deps.db);
    const version = dataVersion(corpus, labels.extra);
    const current = await loadPromotedAnalyzer(deps.db);
    const heldout = splitCorpus(corpus).heldout;
    const previousMacroF1 = evaluateAnalyzer(current, heldout).topic.macro_f1;
    const rebuild = await pendingRebuild(deps.db);
    const replaced = rebuild ? await pendingVersions(deps.db) : [];
    const finishRebuild = async (v: string, at: number) => {
      if (!rebuild) return;
      if (current.modelVersion !== v) await registry.promote(v, at);
      await finishRebuilds(deps.db, v, at);
      await dropReplaced(registry, replaced, deps.logger);
      deps.logger.info({ version: v, replaced }, 'model rebuilt without erased labels');
    };

    const known = await registry.get(version);
    if (known) {
      await finishRebuild(version, deps.now());
      return {
        version,
        promoted: rebuild ? true : known.promoted,
        macroF1: known.macroF1,
        previousMacroF1,
        previousVersion: current.modelVersion,
        correctionsUsed: known.correctionsUsed,
        existing: true,
        rebuild: rebuild !== undefined,
      };
    }
    const createdAt = deps.now();
    const run = trainAndEvaluate(corpus, labels.extra, {
      version,
      createdAt,
      ...(deps.folds !== undefined ? { folds: deps.folds } : {}),
    });
    const filePath = join(deps.modelDir, `${version}.vnm`);
    saveModel(filePath, run.bundle);
    const macroF1 = run.heldout.topic.macro_f1;
    const judgement = await judgeOnTeamLabels(deps.db, labels.split, loadAnalyzer(filePath), current);
    const used = labels.extra.length - run.droppedExtra;
    await registry.add({
      version,
      createdAt,
      filePath,
      metrics: {
        heldout: run.heldout,
        previous: { version: current.modelVersion, macro_f1: previousMacroF1 },
        teamLabels: judgement,
        ...(rebuild ? { rebuild: { replaced } } : {}),
      },
      macroF1,
      trainSize: run.trainSize,
      correctionsUsed: used,
      requestedBy: job.data.requestedBy,
    });
    await recordLabelSpan(deps.db, version, {
      cutoffAt: labels.split.cutoffAt,
      maxLabelId: labels.split.maxLabelId,
      labelsUsed: used,
    });
    const promote = macroF1 >= previousMacroF1 && judgement.notWorse;
    if (rebuild) await finishRebuild(version, createdAt);
    else if (promote) await registry.promote(version, createdAt);
    deps.logger.info(
      {
        version,
        macroF1,
        previousMacroF1,
        previousVersion: current.modelVersion,
        teamLabelsJudged: judgement.candidate.n,
        promoted: promote || rebuild !== undefined,
      },
      rebuild
        ? 'retrained model replaces the one in use (erased labels)'
        : promote
          ? 'retrained model promoted'
          : 'retrained model kept unpromoted (worse on held-out or on the team labels)',
    );
    return {
      version,
      promoted: promote || rebuild !== undefined,
      macroF1,
      previousMacroF1,
      previousVersion: current.modelVersion,
      correctionsUsed: used,
      existing: false,
      teamLabels: judgement,
      rebuild: rebuild !== undefined,
    };
  };
}
