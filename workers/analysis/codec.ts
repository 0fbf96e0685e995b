/**
 * The model file's bytes, without I/O: "VNFB" magic, a u32 header length, a JSON header (classes,
 * biases, temperatures, threshold, metrics), then int16-quantised weights (one scale per model).
 * Compression and the file system live in model-file.ts.
 */
import { z } from 'zod';
import type { FeatureSet } from './features.ts';
import type { LinearModel } from './linear.ts';
import type { Memory } from './memory.ts';

export interface ModelBundle {
  version: string;
  createdAt: number;
  dimBits: number;
  /** Which features the weights are over (features.ts); absent in files of the first models: 1. */
  featureSet?: FeatureSet;
  /** Below this calibrated confidence the primary topic becomes `other`. */
  minConfidence: number;
  topic: LinearModel;
  sentiment: LinearModel;
  /** Labelled examples kept for nearest-neighbour lookup (memory.ts); absent: none. */
  memory?: Memory;
  /** Held-out metrics recorded when the model was trained (free-form JSON). */
  metrics?: unknown;
}

const MAGIC = 0x42464e56; // "VNFB" little-endian
const FORMAT = 1;

const LinearHeader = z.object({
  classes: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
  scale: z.number().nonnegative(),
});
const MemoryHeader = z.object({
  threshold: z.number().min(0).max(1),
  weight: z.number().nonnegative(),
  items: z.array(
    z.object({
      id: z.string().optional(),
      t: z.number().int().nonnegative(),
      s: z.number().int().min(-1),
      /** Ascending feature indices, delta-coded. */
      f: z.array(z.number().int().nonnegative()),
    }),
  ),
});
const Header = z.object({
  format: z.literal(FORMAT),
  version: z.string().min(1),
  createdAt: z.number(),
  dimBits: z.number().int().min(8).max(24),
  featureSet: z.union([z.literal(1), z.literal(2)]).optional(),
  minConfidence: z.number().min(0).max(1),
  topic: LinearHeader,
  sentiment: LinearHeader,
  memory: MemoryHeader.optional(),
  metrics: z.unknown().optional(),
});

function encodeMemory(memory: Memory): z.infer<typeof MemoryHeader> {
  return {
    threshold: memory.threshold,
    weight: memory.weight,
    items: memory.items.map((item) => ({
      ...(item.id !== undefined ? { id: item.id } : {}),
      t: item.topic,
      s: item.sentiment,
      f: Array.from(item.features, (x, i) => x - (i > 0 ? item.features[i - 1]! : 0)),
    })),
  };
}

function decodeMemory(m: z.infer<typeof MemoryHeader>, dim: number, topics: number): Memory {
  return {
    threshold: m.threshold,
    weight: m.weight,
    items: m.items.map((item) => {
      const features = new Int32Array(item.f.length);
      let at = 0;
      item.f.forEach((d, i) => {
        at += d;
        features[i] = at;
      });
      if (item.t >= topics || (features.length > 0 && features[features.length - 1]! >= dim))
        throw new ModelFormatError('model memory out of range');
      return {
        ...(item.id !== undefined ? { id: item.id } : {}),
        topic: item.t,
        sentiment: item.s,
        features,
      };
    }),
  };
}

function quantise(weights: Float32Array): { scale: number; data: Int16Array } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
  const scale = max === 0 ? 0 : max / 32767;
  const data = new Int16Array(weights.length);
  if (scale > 0) for (let i = 0; i < weights.length; i++) data[i] = Math.round(weights[i]! / scale);
  return { scale, data };
}

export function encodeModel(bundle: ModelBundle): Uint8Array {
  const t = quantise(bundle.topic.weights);
  const s = quantise(bundle.sentiment.weights);
  const head = (m: LinearModel, scale: number) => ({
    classes: [...m.classes],
    bias: [...m.bias],
    temperature: m.temperature,
    scale,
  });
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: FORMAT,
      version: bundle.version,
      createdAt: bundle.createdAt,
      dimBits: bundle.dimBits,
      ...(bundle.featureSet !== undefined ? { featureSet: bundle.featureSet } : {}),
      minConfidence: bundle.minConfidence,
      topic: head(bundle.topic, t.scale),
      sentiment: head(bundle.sentiment, s.scale),
      ...(bundle.memory ? { memory: encodeMemory(bundle.memory) } : {}),
      metrics: bundle.metrics,
    }),
  );
  const headerEnd = 8 + header.length + ((8 + header.length) % 2);
  const out = new Uint8Array(headerEnd + (t.data.length + s.data.length) * 2);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  out.set(new Uint8Array(t.data.buffer), headerEnd);
  out.set(new Uint8Array(s.data.buffer), headerEnd + t.data.length * 2);
  return out;
}

export class ModelFormatError extends Error {}

export function decodeModel(bytes: Uint8Array): ModelBundle {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC)
    throw new ModelFormatError('not a model file');
  const headerLength = view.getUint32(4, true);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw new ModelFormatError('model header is not JSON');
  }
  const parsed = Header.safeParse(json);
  if (!parsed.success) throw new ModelFormatError(`model header invalid: ${parsed.error.issues[0]?.message}`);
  const h = parsed.data;
  const dim = 1 << h.dimBits;
  let at = 8 + headerLength + ((8 + headerLength) % 2);
  const read = (head: z.infer<typeof LinearHeader>): LinearModel => {
    const n = dim * head.classes.length;
    if (at + n * 2 > bytes.byteLength) throw new ModelFormatError('model file truncated');
    const weights = new Float32Array(n);
    for (let i = 0; i < n; i++) weights[i] = view.getInt16(at + i * 2, true) * head.scale;
    at += n * 2;
    return {
      classes: head.classes,
      dimBits: h.dimBits,
      weights,
      bias: Float32Array.from(head.bias),
      temperature: head.temperature,
    };
  };
  const topic = read(h.topic);
  const sentiment = read(h.sentiment);
  return {
    version: h.version,
    createdAt: h.createdAt,
    dimBits: h.dimBits,
    ...(h.featureSet !== undefined ? { featureSet: h.featureSet } : {}),
    minConfidence: h.minConfidence,
    topic,
    sentiment,
    ...(h.memory ? { memory: decodeMemory(h.memory, dim, topic.classes.length) } : {}),
    ...(h.metrics !== undefined ? { metrics: h.metrics } : {}),
  };
}
