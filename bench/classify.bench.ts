/**
 * `npm run bench:classify`: the whole analysis (normalise + language + redact + topic + sentiment)
 * in messages per second on one core, side by side with natural's BayesClassifier behind the same
 * pipeline; training time of our model (wall and CPU); model file size; held-out quality of all three
 * classifiers and their quality on the realistic dev set (test/fixtures/dev). Last line:
 * {"messages_per_s","natural_bayes_per_s","train_s","model_mb"} plus "train_cpu_s" and "ratio".
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus, readLabelledFile } from '../workers/analysis/corpus-files.ts';
import { evaluateAnalyzer } from '../workers/analysis/evaluate.ts';
import {
  type Analyzer,
  createAnalyzer,
  DEFAULT_MODEL_PATH,
  loadAnalyzer,
  saveModel,
  splitCorpus,
  trainBundle,
} from '../workers/analysis/index.ts';
import { createNaturalBayesModel } from '../workers/analysis/natural-bayes.ts';

// natural prints a dotenv banner on import unless told to be quiet.
process.env['DOTENV_CONFIG_QUIET'] = 'true';
const natural = (await import('natural')).default;

const log = (line: string) => process.stdout.write(`${line}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Messages per wall-clock second, and per second of this process's CPU time (robust to a busy host). */
function throughput(
  analyzer: Analyzer,
  texts: readonly string[],
  seconds: number,
): { wall: number; cpu: number } {
  for (const t of texts.slice(0, 1000)) analyzer.analyse(t);
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (const t of texts) analyzer.analyse(t);
    n += texts.length;
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { wall: n / wall, cpu: n / ((used.user + used.system) / 1e6) };
}

const corpus = loadCorpus();
const { train, heldout } = splitCorpus(corpus.examples);
log(`corpus: ${corpus.examples.length} lines, train ${train.length}, held-out ${heldout.length}`);

let start = performance.now();
const trainCpu = process.cpuUsage();
const bundle = trainBundle(train, { version: 'bench', createdAt: 0 });
const trainS = (performance.now() - start) / 1000;
const trainCpuUsed = process.cpuUsage(trainCpu);
const trainCpuS = (trainCpuUsed.user + trainCpuUsed.system) / 1e6;
const dir = mkdtempSync(join(tmpdir(), 'vneid-bench-'));
const file = join(dir, 'bench.vnm');
saveModel(file, bundle);
const modelMb = statSync(file).size / 1048576;
start = performance.now();
const ours = loadAnalyzer(file);
const loadMs = performance.now() - start;
rmSync(dir, { recursive: true, force: true });
log(
  `ours: trained in ${round(trainS, 1)} s wall, ${round(trainCpuS, 1)} s CPU (with calibration folds), file ${round(modelMb)} MB, loads in ${Math.round(loadMs)} ms`,
);
log(`shipped model: ${DEFAULT_MODEL_PATH} (${round(statSync(DEFAULT_MODEL_PATH).size / 1048576)} MB)`);

start = performance.now();
const bayes = createAnalyzer({ model: createNaturalBayesModel(natural, train) });
log(`natural BayesClassifier: trained in ${round((performance.now() - start) / 1000, 1)} s`);
const keyword = createAnalyzer();

const dev = readLabelledFile(
  join(import.meta.dirname, '..', 'test', 'fixtures', 'dev', 'realistic.jsonl'),
).examples;
for (const [title, rows] of [
  ['held-out quality (same split, never trained or tuned on):', heldout],
  [`realistic dev set (${dev.length} messages in the registers of real traffic, never trained on):`, dev],
] as const) {
  log(`\n${title}`);
  for (const [name, analyzer] of [
    ['ours', ours],
    ['natural-bayes', bayes],
    ['keyword', keyword],
  ] as const) {
    const r = evaluateAnalyzer(analyzer, rows);
    log(
      `  ${name.padEnd(14)} topic macro-F1 ${r.topic.macro_f1.toFixed(3)}  accuracy ${r.topic.accuracy.toFixed(3)}  ` +
        `sentiment macro-F1 ${r.sentiment?.macro_f1.toFixed(3)}  language accuracy ${r.lang?.accuracy.toFixed(3)}`,
    );
  }
}

const texts = corpus.examples.map((e) => e.text);
log('\nthroughput, whole analysis on one core (normalise + language + redact + topic + sentiment):');
log(
  `  host: ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} (other processes slow the wall clock)`,
);
const oursRate = throughput(ours, texts, 3);
log(`  ours            ${Math.round(oursRate.wall)} messages/s (${Math.round(oursRate.cpu)} per CPU-second)`);
const bayesRate = throughput(bayes, texts, 3);
log(
  `  natural-bayes   ${Math.round(bayesRate.wall)} messages/s (${Math.round(bayesRate.cpu)} per CPU-second; same pipeline, natural's classifier)`,
);
const oursPerS = oursRate.wall;
const bayesPerS = bayesRate.wall;

log(
  JSON.stringify({
    messages_per_s: Math.round(oursPerS),
    natural_bayes_per_s: Math.round(bayesPerS),
    train_s: round(trainS, 1),
    model_mb: round(modelMb),
    train_cpu_s: round(trainCpuS, 1),
    ratio: round(oursPerS / bayesPerS, 1),
  }),
);
