/**
 * A memory of the team's labelled examples beside the linear model: each example's hashed features
 * (the same ones the model sees, redacted text only), looked up by cosine similarity over the sets
 * of features. A new message very close to a labelled one takes that label's evidence, so a few
 * dozen labels fix the phrasings the corpus never had, at once and without drowning the corpus.
 * Every item may carry the id of the labelled message it came from, so erasure can find the models
 * that hold a citizen's text.
 */
import type { Features } from './features.ts';

export interface MemoryItem {
  /** Id of the labelled message (LabelledText.id), when it has one. */
  id?: string;
  topic: number;
  /** -1 when the example had no sentiment label. */
  sentiment: number;
  /** Distinct hashed feature indices, ascending. */
  features: Int32Array;
}

export interface Memory {
  items: MemoryItem[];
  /** Cosine from which a neighbour counts. */
  threshold: number;
  /** How much a perfect neighbour weighs against the linear model's probabilities (which sum to 1). */
  weight: number;
}

export const DEFAULT_MEMORY_THRESHOLD = 0.45;
export const DEFAULT_MEMORY_WEIGHT = 1.5;
/** Fewer shared features than this is chance, however short the messages. */
const MIN_OVERLAP = 4;
/** Neighbours that vote. */
const K = 3;

/** Distinct indices of `f`, ascending (a copy). */
export function distinctFeatures(f: Features): Int32Array {
  const out = Int32Array.from(f.indices.subarray(0, f.length)).sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i]!;
  return out.slice(0, n);
}

export interface MemoryIndex {
  /** Adds the neighbours' votes into `topic` and `sentiment` (probabilities of the linear model). */
  blend(f: Features, topic: Float64Array, sentiment: Float64Array): void;
}

/** An inverted index over the items' features (CSR layout): a lookup touches only shared features. */
export function indexMemory(memory: Memory, dimBits: number): MemoryIndex {
  const dim = 1 << dimBits;
  const { items } = memory;
  const start = new Int32Array(dim + 1);
  for (const item of items) for (const x of item.features) start[x + 1]!++;
  for (let i = 0; i < dim; i++) start[i + 1]! += start[i]!;
  const postings = new Int32Array(start[dim]!);
  const fill = start.slice(0, dim);
  items.forEach((item, at) => {
    for (const x of item.features) postings[fill[x]!++] = at;
  });
  const overlap = new Int32Array(items.length);
  const touched = new Int32Array(items.length);
  const stamp = new Int32Array(dim);
  let round = 0;
  const bestAt = new Int32Array(K);
  const bestSim = new Float64Array(K);
  return {
    blend(f, topic, sentiment) {
      if (items.length === 0) return;
      round++;
      let distinct = 0;
      let nTouched = 0;
      for (let i = 0; i < f.length; i++) {
        const x = f.indices[i]!;
        if (stamp[x] === round) continue;
        stamp[x] = round;
        distinct++;
        for (let p = start[x]!; p < start[x + 1]!; p++) {
          const at = postings[p]!;
          if (overlap[at] === 0) touched[nTouched++] = at;
          overlap[at]!++;
        }
      }
      bestSim.fill(0);
      bestAt.fill(-1);
      for (let t = 0; t < nTouched; t++) {
        const at = touched[t]!;
        const shared = overlap[at]!;
        overlap[at] = 0;
        if (shared < MIN_OVERLAP) continue;
        const sim = shared / Math.sqrt(distinct * items[at]!.features.length);
        if (sim < memory.threshold || sim <= bestSim[K - 1]!) continue;
        let k = K - 1;
        while (k > 0 && bestSim[k - 1]! < sim) {
          bestSim[k] = bestSim[k - 1]!;
          bestAt[k] = bestAt[k - 1]!;
          k--;
        }
        bestSim[k] = sim;
        bestAt[k] = at;
      }
      if (bestAt[0]! < 0) return;
      let topicTotal = 1;
      let sentimentTotal = 1;
      for (let k = 0; k < K && bestAt[k]! >= 0; k++) {
        const item = items[bestAt[k]!]!;
        // Weight rises from 0 at the threshold to `weight` for an identical message.
        const w = (memory.weight * (bestSim[k]! - memory.threshold)) / (1 - memory.threshold);
        topic[item.topic]! += w;
        topicTotal += w;
        if (item.sentiment >= 0) {
          sentiment[item.sentiment]! += w;
          sentimentTotal += w;
        }
      }
      for (let c = 0; c < topic.length; c++) topic[c]! /= topicTotal;
      for (let c = 0; c < sentiment.length; c++) sentiment[c]! /= sentimentTotal;
    },
  };
}

/**
 * Ids of the labelled examples a model holds (in its memory and, by construction, in its training
 * data): erasure checks these to know which models must be rebuilt without a citizen's messages.
 */
export function heldExampleIds(memory: Memory | undefined): string[] {
  return memory ? memory.items.flatMap((i) => (i.id !== undefined ? [i.id] : [])) : [];
}
