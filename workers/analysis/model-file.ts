/**
 * The analysis core's only door to the file system: model files are gzip(encodeModel(bundle)).
 * The shipped model lives beside this file; promoted models live under the data directory.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type AnalyzerOptions, createAnalyzer } from './analyzer.ts';
import { decodeModel, encodeModel, type ModelBundle } from './codec.ts';
import { createTrainedModel } from './trained-model.ts';
import type { Analyzer } from './types.ts';

/** The trained model committed to the repository (retrain with `npm run --silent cli -- retrain`). */
export const DEFAULT_MODEL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'model', 'default.vnm');

export function loadModel(path: string): ModelBundle {
  return decodeModel(gunzipSync(readFileSync(path)));
}

/** Writes atomically (temp file + rename) so a reader never sees half a model. Returns the size. */
export function saveModel(path: string, bundle: ModelBundle): number {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = gzipSync(encodeModel(bundle), { level: 9 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
  return bytes.byteLength;
}

export function loadAnalyzer(path: string, options: Omit<AnalyzerOptions, 'model'> = {}): Analyzer {
  return createAnalyzer({ ...options, model: createTrainedModel(loadModel(path)) });
}

let cached: Analyzer | undefined;

/** The shipped model, loaded once per process. */
export function createDefaultAnalyzer(): Analyzer {
  cached ??= loadAnalyzer(DEFAULT_MODEL_PATH);
  return cached;
}
