/**
 * `retrain [--add <labelled.jsonl|csv>] [--out <file>] [--dev <labelled.jsonl|csv>] [--no-calibration]`:
 * trains on the corpus's training split plus the added labelled examples (same columns as `eval`:
 * `text`, `topic`, optional `sentiment`, `lang`, `id`), scores the held-out split, writes the model
 * file (default: the shipped workers/analysis/model/default.vnm) and prints the held-out metrics as
 * one JSON object (`--dev` adds the metrics on another labelled file; `--corpus` reads another corpus
 * folder, e.g. a small one in tests). The database-backed retrain
 * (the team's labels, promotion) is the `retrain` job, workers/retrain.worker.ts.
 */
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '../../workers/analysis/analyzer.ts';
import type { LabelledText } from '../../workers/analysis/corpus.ts';
import { loadCorpus, readLabelledFile } from '../../workers/analysis/corpus-files.ts';
import { evaluateWithBreakdowns } from '../../workers/analysis/evaluate.ts';
import { DEFAULT_MODEL_PATH, saveModel } from '../../workers/analysis/model-file.ts';
import { trainAndEvaluate } from '../../workers/analysis/train-and-evaluate.ts';
import { createTrainedModel } from '../../workers/analysis/trained-model.ts';
import type { CliIo } from '../cli.ts';

const USAGE =
  'usage: npm run --silent cli -- retrain [--add <labelled.jsonl|csv>] [--out <file>] [--dev <labelled.jsonl|csv>] [--corpus <dir>] [--no-calibration]';

export function versionAt(ms: number): string {
  return `lr-${new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13)}`;
}

function option(args: string[], name: string): { given: boolean; value: string | undefined } {
  const at = args.indexOf(name);
  return { given: at >= 0, value: at >= 0 ? args[at + 1] : undefined };
}

type Read = { examples: LabelledText[] } | { error: string };

/** A labelled file's examples (none when no path is given), or a message for stderr. */
function readExamples(path: string | undefined, what: string): Read {
  if (!path) return { examples: [] };
  try {
    const parsed = readLabelledFile(path);
    if (parsed.examples.length === 0) return { error: `retrain: ${what} ${path} has no valid labelled rows` };
    return { examples: parsed.examples };
  } catch (err) {
    return { error: `retrain: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const out = option(args, '--out');
  const add = option(args, '--add');
  const dev = option(args, '--dev');
  const corpusDir = option(args, '--corpus');
  if ([out, add, dev, corpusDir].some((o) => o.given && !o.value)) {
    io.stderr(USAGE);
    return 2;
  }
  const addRead = readExamples(add.value, 'added file');
  const devRead = readExamples(dev.value, 'dev file');
  if ('error' in addRead || 'error' in devRead) {
    io.stderr('error' in addRead ? addRead.error : 'error' in devRead ? devRead.error : USAGE);
    return 2;
  }
  const added = addRead.examples;
  const devRows = devRead.examples;
  const corpus = corpusDir.value ? loadCorpus(corpusDir.value) : loadCorpus();
  if (corpus.invalid.length > 0)
    io.stderr(`retrain: skipped ${corpus.invalid.length} invalid corpus line(s)`);
  const file = out.value ?? DEFAULT_MODEL_PATH;
  const now = Date.now();
  const start = performance.now();
  const result = trainAndEvaluate(corpus.examples, added, {
    version: versionAt(now),
    createdAt: now,
    ...(args.includes('--no-calibration') ? { folds: 0 } : {}),
  });
  const trainS = (performance.now() - start) / 1000;
  const bytes = saveModel(file, result.bundle);
  const devResult =
    devRows.length > 0
      ? evaluateWithBreakdowns(createAnalyzer({ model: createTrainedModel(result.bundle) }), devRows)
      : undefined;
  io.stdout(
    JSON.stringify({
      version: result.bundle.version,
      file,
      model_mb: Math.round((bytes / 1048576) * 100) / 100,
      train_s: Math.round(trainS * 10) / 10,
      train_size: result.trainSize,
      heldout_size: result.heldoutSize,
      min_confidence: result.bundle.minConfidence,
      added: { rows: added.length, used: added.length - result.droppedExtra, dropped: result.droppedExtra },
      memory_items: result.bundle.memory?.items.length ?? 0,
      heldout: result.heldout,
      ...(devResult ? { dev: devResult } : {}),
    }),
  );
  return 0;
}
