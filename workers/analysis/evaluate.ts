/** Scores analyses against labels, in the shape of the `eval` command (docs/contracts.md). */
import type { LabelledText } from './corpus.ts';
import { accuracy, classificationReport, type Report } from './metrics.ts';
import type { Analyzer } from './types.ts';

export interface Predicted {
  topic: string;
  sentiment: string;
  lang: string;
}

export interface EvalResult {
  n: number;
  topic: Report;
  sentiment?: { accuracy: number; macro_f1: number; per_class: Report['per_class'] };
  lang?: { accuracy: number };
}

/** Metrics whose label is absent from every row are left out. */
export function scorePredictions(rows: readonly LabelledText[], predicted: readonly Predicted[]): EvalResult {
  const result: EvalResult = {
    n: rows.length,
    topic: classificationReport(
      rows.map((r) => r.topic),
      predicted.map((p) => p.topic),
    ),
  };
  const withSentiment = rows.flatMap((r, i) => (r.sentiment ? [[r.sentiment, predicted[i]!.sentiment]] : []));
  if (withSentiment.length > 0) {
    const report = classificationReport(
      withSentiment.map((p) => p[0]!),
      withSentiment.map((p) => p[1]!),
    );
    result.sentiment = { accuracy: report.accuracy, macro_f1: report.macro_f1, per_class: report.per_class };
  }
  const withLang = rows.flatMap((r, i) => (r.lang ? [[r.lang, predicted[i]!.lang]] : []));
  if (withLang.length > 0) {
    result.lang = {
      accuracy: accuracy(
        withLang.map((p) => p[0]!),
        withLang.map((p) => p[1]!),
      ),
    };
  }
  return result;
}

export function evaluateAnalyzer(analyzer: Analyzer, rows: readonly LabelledText[]): EvalResult {
  return scorePredictions(
    rows,
    rows.map((r) => analyzer.analyse(r.text)),
  );
}
