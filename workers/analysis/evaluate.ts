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

/** One slice of a breakdown (a language or a style). */
export interface SliceResult {
  n: number;
  topic_accuracy: number;
  topic_macro_f1: number;
  sentiment_macro_f1?: number;
}

export interface Breakdowns {
  /** By the row's `lang` label, else the detected language. */
  by_lang: Record<string, SliceResult>;
  /** By the row's `style`; absent when no row has one. */
  by_style?: Record<string, SliceResult>;
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

function slice(rows: readonly LabelledText[], predicted: readonly Predicted[]): SliceResult {
  const r = scorePredictions(rows, predicted);
  return {
    n: r.n,
    topic_accuracy: r.topic.accuracy,
    topic_macro_f1: r.topic.macro_f1,
    ...(r.sentiment ? { sentiment_macro_f1: r.sentiment.macro_f1 } : {}),
  };
}

function groupBy(
  rows: readonly LabelledText[],
  predicted: readonly Predicted[],
  key: (row: LabelledText, p: Predicted) => string | undefined,
): Record<string, SliceResult> {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const k = key(row, predicted[i]!);
    if (k === undefined) return;
    const list = groups.get(k) ?? [];
    list.push(i);
    groups.set(k, list);
  });
  const out: Record<string, SliceResult> = {};
  for (const k of [...groups.keys()].sort()) {
    const at = groups.get(k)!;
    out[k] = slice(
      at.map((i) => rows[i]!),
      at.map((i) => predicted[i]!),
    );
  }
  return out;
}

/** Per-language and per-style accuracy and macro-F1 (the `eval` command's extra keys). */
export function breakdowns(rows: readonly LabelledText[], predicted: readonly Predicted[]): Breakdowns {
  const byStyle = groupBy(rows, predicted, (r) => r.style);
  return {
    by_lang: groupBy(rows, predicted, (r, p) => r.lang ?? p.lang),
    ...(Object.keys(byStyle).length > 0 ? { by_style: byStyle } : {}),
  };
}

/** `evaluateAnalyzer` with the breakdowns. */
export function evaluateWithBreakdowns(
  analyzer: Analyzer,
  rows: readonly LabelledText[],
): EvalResult & Breakdowns {
  const predicted = rows.map((r) => analyzer.analyse(r.text));
  return { ...scorePredictions(rows, predicted), ...breakdowns(rows, predicted) };
}
