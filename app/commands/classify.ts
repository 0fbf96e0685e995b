/**
 * `classify "<text>" [--model <file>]` → one JSON object (docs/contracts.md):
 * {"topic","confidence","topics":[{"id","score"}],"sentiment","lang","redacted"} plus model details.
 */
import { createDefaultAnalyzer, loadAnalyzer } from '../../workers/analysis/index.ts';
import type { CliIo } from '../cli.ts';

export async function run(args: string[], io: CliIo): Promise<number> {
  const rest = [...args];
  let modelPath: string | undefined;
  const at = rest.indexOf('--model');
  if (at >= 0) {
    modelPath = rest[at + 1];
    rest.splice(at, 2);
  }
  const text = rest.length > 0 ? rest.join(' ') : (await io.readStdin()).trim();
  if (text === '' || (at >= 0 && !modelPath)) {
    io.stderr('usage: npm run --silent cli -- classify "<text>" [--model <file>]');
    return 2;
  }
  const analyzer = modelPath ? loadAnalyzer(modelPath) : createDefaultAnalyzer();
  const a = analyzer.analyse(text);
  io.stdout(
    JSON.stringify({
      topic: a.topic,
      confidence: Math.round(a.confidence * 1e4) / 1e4,
      topics: a.topics.map((t) => ({ id: t.id, score: t.score })),
      sentiment: a.sentiment,
      lang: a.lang,
      redacted: a.redacted,
      sentiment_score: Math.round(a.sentimentScore * 1e4) / 1e4,
      low_confidence: a.lowConfidence,
      pii: a.pii,
      model_version: a.modelVersion,
    }),
  );
  return 0;
}
