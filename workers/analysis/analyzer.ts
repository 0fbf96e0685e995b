/** Text in, labels out: normalise, redact, detect the language, classify topic and sentiment. */
import { createKeywordModel } from './keyword-model.ts';
import { detectLang } from './lang.ts';
import { prepare } from './prepare.ts';
import type { Analysis, Analyzer, TopicModel } from './types.ts';

export interface AnalyzerOptions {
  model?: TopicModel;
  /** Below this confidence the primary topic becomes `other` rather than a guess. */
  minConfidence?: number;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const model = options.model ?? createKeywordModel();
  const minConfidence = options.minConfidence ?? model.minConfidence ?? 0;
  return {
    modelVersion: model.version,
    analyse(text: string): Analysis {
      const { nfc, redacted, folded, pii } = prepare(text);
      const lang = detectLang(nfc, folded);
      const out = model.classify({ redacted, folded, lang });
      const best = out.topics[0] ?? { id: 'other' as const, score: 1 };
      const lowConfidence = best.score < minConfidence;
      return {
        redacted,
        folded,
        lang,
        topic: lowConfidence ? 'other' : best.id,
        confidence: best.score,
        lowConfidence,
        topics: out.topics,
        sentiment: out.sentiment,
        sentimentScore: out.sentimentScore,
        pii,
        modelVersion: model.version,
      };
    },
  };
}
