/** A trained bundle (codec.ts) behind the TopicModel interface. */
import type { ModelBundle } from './codec.ts';
import { extractFeatures } from './features.ts';
import { type LinearModel, softmaxInPlace } from './linear.ts';
import { isSentiment, isTopicId, type Sentiment, type TopicId } from './taxonomy.ts';
import type { ModelOutput, PreparedText, RankedTopic, TopicModel } from './types.ts';

/** How many ranked topics a result carries (primary + secondaries). */
const RANKED = 3;

export function createTrainedModel(bundle: ModelBundle): TopicModel {
  const topicIds: TopicId[] = bundle.topic.classes.map((c) => {
    if (!isTopicId(c)) throw new Error(`model ${bundle.version} has unknown topic ${c}`);
    return c;
  });
  const sentiments: Sentiment[] = bundle.sentiment.classes.map((c) => {
    if (!isSentiment(c)) throw new Error(`model ${bundle.version} has unknown sentiment ${c}`);
    return c;
  });
  const pos = sentiments.indexOf('positive');
  const neg = sentiments.indexOf('negative');
  const kt = topicIds.length;
  const ks = sentiments.length;
  const { stride, rows } = interleave(bundle.topic, bundle.sentiment);
  const sums = new Float64Array(stride);
  const topicProbs = new Float64Array(kt);
  const sentimentProbs = new Float64Array(ks);
  return {
    version: bundle.version,
    minConfidence: bundle.minConfidence,
    classify(text: PreparedText): ModelOutput {
      const f = extractFeatures(text.folded, bundle.dimBits);
      sums.fill(0);
      for (let i = 0; i < f.length; i++) {
        const base = f.indices[i]! * stride;
        for (let c = 0; c < stride; c++) sums[c]! += rows[base + c]!;
      }
      for (let c = 0; c < kt; c++) topicProbs[c] = sums[c]!;
      for (let c = 0; c < ks; c++) sentimentProbs[c] = sums[kt + c]!;
      softmaxInPlace(topicProbs, bundle.topic.bias, f.value, bundle.topic.temperature);
      softmaxInPlace(sentimentProbs, bundle.sentiment.bias, f.value, bundle.sentiment.temperature);
      const topics: RankedTopic[] = [];
      for (let c = 0; c < topicIds.length; c++) topics.push({ id: topicIds[c]!, score: topicProbs[c]! });
      topics.sort((a, b) => b.score - a.score);
      let best = 0;
      for (let c = 1; c < sentiments.length; c++) if (sentimentProbs[c]! > sentimentProbs[best]!) best = c;
      return {
        topics: topics.slice(0, RANKED).map((t) => ({ id: t.id, score: Math.round(t.score * 1e4) / 1e4 })),
        sentiment: sentiments[best]!,
        sentimentScore: (pos >= 0 ? sentimentProbs[pos]! : 0) - (neg >= 0 ? sentimentProbs[neg]! : 0),
      };
    },
  };
}

/**
 * Both models' weights for one feature side by side (12 + 3 + padding = 16 floats, one cache line):
 * scoring is memory-bound, so one miss per feature instead of two roughly doubles throughput.
 */
function interleave(topic: LinearModel, sentiment: LinearModel): { stride: number; rows: Float32Array } {
  const kt = topic.classes.length;
  const ks = sentiment.classes.length;
  const stride = (kt + ks + 3) & ~3;
  const dim = 1 << topic.dimBits;
  const rows = new Float32Array(dim * stride);
  for (let f = 0; f < dim; f++) {
    for (let c = 0; c < kt; c++) rows[f * stride + c] = topic.weights[f * kt + c]!;
    for (let c = 0; c < ks; c++) rows[f * stride + kt + c] = sentiment.weights[f * ks + c]!;
  }
  return { stride, rows };
}
