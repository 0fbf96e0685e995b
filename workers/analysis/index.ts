/**
 * The analysis core: pure functions from text to labels. Nothing here touches the database, the
 * network, the clock or process.env (see README.md in this folder).
 */
import { createKeywordModel } from './keyword-model.ts';
import { detectLang } from './lang.ts';
import { fold, toNfc } from './normalise.ts';
import { redact } from './redact.ts';
import type { Analysis, Analyzer, TopicModel } from './types.ts';

export * from './taxonomy.ts';
export type { Analysis, Analyzer, ModelOutput, PreparedText, RankedTopic, TopicModel } from './types.ts';

export interface AnalyzerOptions {
  model?: TopicModel;
  /** Below this confidence the primary topic becomes `other` rather than a guess. */
  minConfidence?: number;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const model = options.model ?? createKeywordModel();
  const minConfidence = options.minConfidence ?? 0;
  return {
    modelVersion: model.version,
    analyse(text: string): Analysis {
      const nfc = toNfc(text);
      const { text: redacted, found } = redact(nfc);
      const folded = fold(redacted);
      const lang = detectLang(nfc, folded);
      const out = model.classify({ redacted, folded, lang });
      const best = out.topics[0] ?? { id: 'other' as const, score: 1 };
      const confident = best.score >= minConfidence;
      return {
        redacted,
        folded,
        lang,
        topic: confident ? best.id : 'other',
        confidence: best.score,
        topics: out.topics,
        sentiment: out.sentiment,
        sentimentScore: out.sentimentScore,
        pii: found,
        modelVersion: model.version,
      };
    },
  };
}
