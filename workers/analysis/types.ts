import type { Lang, Sentiment, TopicId } from './taxonomy.ts';

export type PiiType = 'cccd' | 'cmnd' | 'phone' | 'email' | 'bank' | 'card' | 'passport' | 'otp' | 'password';

export interface RankedTopic {
  id: TopicId;
  score: number;
}

/** What a topic/sentiment model sees: already normalised, redacted text. */
export interface PreparedText {
  /** NFC, redacted, original casing and diacritics: what people read. */
  redacted: string;
  /** Lower-cased, diacritics folded, teencode expanded, redacted: what matching uses. */
  folded: string;
  lang: Lang;
}

export interface ModelOutput {
  topics: RankedTopic[];
  sentiment: Sentiment;
  sentimentScore: number;
}

/** One interface for every classifier, so the keyword baseline and trained models can be swapped. */
export interface TopicModel {
  readonly version: string;
  /** The model's own calibrated low-confidence threshold; `createAnalyzer` options override it. */
  readonly minConfidence?: number;
  classify(text: PreparedText): ModelOutput;
}

export interface Analysis extends PreparedText {
  topic: TopicId;
  /** Calibrated confidence of `topic` in [0, 1]; below the model's threshold the topic is `other`. */
  confidence: number;
  /** True when the model's best guess was below the threshold and `topic` fell back to `other`. */
  lowConfidence: boolean;
  topics: RankedTopic[];
  sentiment: Sentiment;
  sentimentScore: number;
  pii: PiiType[];
  modelVersion: string;
}

export interface Analyzer {
  readonly modelVersion: string;
  analyse(text: string): Analysis;
}
