/**
 * Baseline: `natural`'s BayesClassifier over natural's AggressiveTokenizerVi tokens of our folded
 * text (its WordTokenizer would shred Vietnamese letters). The library is passed in so this file
 * stays pure and callers control how it is imported (it prints a dotenv banner on import).
 */
import type { LabelledText } from './corpus.ts';
import { prepare } from './prepare.ts';
import { isSentiment, isTopicId, type Sentiment, type TopicId } from './taxonomy.ts';
import type { ModelOutput, PreparedText, RankedTopic, TopicModel } from './types.ts';

interface Bayes {
  addDocument(text: string[], classification: string): void;
  train(): void;
  getClassifications(observation: string[]): Array<{ label: string; value: number }>;
}

export interface NaturalLike {
  BayesClassifier: new () => Bayes;
  AggressiveTokenizerVi: new () => { tokenize(text: string): string[] };
}

export function createNaturalBayesModel(natural: NaturalLike, train: readonly LabelledText[]): TopicModel {
  const tokenizer = new natural.AggressiveTokenizerVi();
  const topic = new natural.BayesClassifier();
  const sentiment = new natural.BayesClassifier();
  for (const e of train) {
    const tokens = tokenizer.tokenize(prepare(e.text).folded);
    if (tokens.length === 0) continue;
    topic.addDocument(tokens, e.topic);
    if (e.sentiment) sentiment.addDocument(tokens, e.sentiment);
  }
  topic.train();
  sentiment.train();
  return {
    version: 'natural-bayes',
    classify(text: PreparedText): ModelOutput {
      const tokens = tokenizer.tokenize(text.folded);
      const scored = topic.getClassifications(tokens);
      const total = scored.reduce((s, c) => s + c.value, 0) || 1;
      const topics: RankedTopic[] = scored
        .filter((c): c is { label: TopicId; value: number } => isTopicId(c.label))
        .map((c) => ({ id: c.label, score: c.value / total }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 3);
      const best = sentiment.getClassifications(tokens)[0]?.label ?? 'neutral';
      const label: Sentiment = isSentiment(best) ? best : 'neutral';
      return {
        topics,
        sentiment: label,
        sentimentScore: label === 'positive' ? 1 : label === 'negative' ? -1 : 0,
      };
    },
  };
}
