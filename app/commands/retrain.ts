/**
 * `retrain [--out <file>] [--no-calibration]`: trains on the corpus's training split, scores the
 * held-out split, writes the model file (default: the shipped workers/analysis/model/default.vnm)
 * and prints the held-out metrics as one JSON object. The database-backed retrain (with analysts'
 * corrections and promotion) is the `retrain` job, workers/retrain.worker.ts.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../../workers/analysis/corpus-files.ts';
import { DEFAULT_MODEL_PATH, saveModel } from '../../workers/analysis/model-file.ts';
import { trainAndEvaluate } from '../../workers/analysis/train-and-evaluate.ts';
import type { CliIo } from '../cli.ts';

export function versionAt(ms: number): string {
  return `lr-${new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13)}`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : DEFAULT_MODEL_PATH;
  if (!out) {
    io.stderr('usage: npm run --silent cli -- retrain [--out <file>] [--no-calibration]');
    return 2;
  }
  const corpus = loadCorpus();
  if (corpus.invalid.length > 0)
    io.stderr(`retrain: skipped ${corpus.invalid.length} invalid corpus line(s)`);
  const now = Date.now();
  const start = performance.now();
  const result = trainAndEvaluate(corpus.examples, [], {
    version: versionAt(now),
    createdAt: now,
    ...(args.includes('--no-calibration') ? { folds: 0 } : {}),
  });
  const trainS = (performance.now() - start) / 1000;
  const bytes = saveModel(out, result.bundle);
  io.stdout(
    JSON.stringify({
      version: result.bundle.version,
      file: out,
      model_mb: Math.round((bytes / 1048576) * 100) / 100,
      train_s: Math.round(trainS * 10) / 10,
      train_size: result.trainSize,
      heldout_size: result.heldoutSize,
      min_confidence: result.bundle.minConfidence,
      heldout: result.heldout,
    }),
  );
  return 0;
}
