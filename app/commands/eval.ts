/**
 * `eval --file <path.jsonl|csv> [--model <file>] [--baseline keyword|natural]` or `eval --heldout` →
 * one JSON object on stdout and nothing else (docs/contracts.md). Rows need `text` and `topic`;
 * `sentiment` and `lang` are optional and their metric is skipped when absent. Extra keys:
 * `by_lang` and `by_style` (when rows carry a `style`) break accuracy and macro-F1 down.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus, readLabelledFile } from '../../workers/analysis/corpus-files.ts';
import { evaluateWithBreakdowns } from '../../workers/analysis/evaluate.ts';
import {
  type Analyzer,
  createAnalyzer,
  createDefaultAnalyzer,
  type LabelledText,
  loadAnalyzer,
  splitCorpus,
} from '../../workers/analysis/index.ts';
import { createNaturalBayesModel } from '../../workers/analysis/natural-bayes.ts';
import type { CliIo } from '../cli.ts';

const USAGE =
  'usage: npm run --silent cli -- eval --file <path.jsonl|csv> | --heldout [--model <file>] [--baseline keyword|natural]';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function baselineAnalyzer(name: string): Promise<Analyzer | undefined> {
  if (name === 'keyword') return createAnalyzer();
  if (name !== 'natural') return undefined;
  // natural prints a dotenv banner on import unless told to be quiet; stdout must stay one JSON object.
  process.env['DOTENV_CONFIG_QUIET'] = 'true';
  const natural = (await import('natural')).default;
  return createAnalyzer({
    model: createNaturalBayesModel(natural, splitCorpus(loadCorpus().examples).train),
  });
}

/** Analyses per second over the rows, after a warm-up, repeated until the timing is long enough. */
function throughput(analyzer: Analyzer, rows: readonly LabelledText[]): number {
  if (rows.length === 0) return 0;
  for (const r of rows.slice(0, 500)) analyzer.analyse(r.text);
  let n = 0;
  const start = performance.now();
  do {
    for (const r of rows) analyzer.analyse(r.text);
    n += rows.length;
  } while (performance.now() - start < 200);
  return Math.round(n / ((performance.now() - start) / 1000));
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const file = option(args, '--file');
  const heldout = args.includes('--heldout');
  if (!file && !heldout) {
    io.stderr(USAGE);
    return 2;
  }
  let rows: LabelledText[];
  if (file) {
    let parsed: ReturnType<typeof readLabelledFile>;
    try {
      parsed = readLabelledFile(file);
    } catch (err) {
      io.stderr(`eval: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return 2;
    }
    if (parsed.invalidLines.length > 0) {
      io.stderr(
        `eval: skipped ${parsed.invalidLines.length} invalid line(s): ${parsed.invalidLines.slice(0, 10).join(', ')}`,
      );
    }
    rows = parsed.examples;
  } else rows = splitCorpus(loadCorpus().examples).heldout;

  const baseline = option(args, '--baseline');
  const model = option(args, '--model');
  let analyzer: Analyzer | undefined;
  if (baseline) analyzer = await baselineAnalyzer(baseline);
  else analyzer = model ? loadAnalyzer(model) : createDefaultAnalyzer();
  if (!analyzer) {
    io.stderr(USAGE);
    return 2;
  }
  const result = evaluateWithBreakdowns(analyzer, rows);
  const { topic, sentiment, lang, by_lang, by_style } = result;
  io.stdout(
    JSON.stringify({
      n: result.n,
      topic,
      ...(sentiment ? { sentiment } : {}),
      ...(lang ? { lang } : {}),
      messages_per_s: throughput(analyzer, rows),
      model_version: analyzer.modelVersion,
      by_lang,
      ...(by_style ? { by_style } : {}),
    }),
  );
  return 0;
}
