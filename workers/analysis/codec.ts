/**
 * The model file's bytes, without I/O: "VNFB" magic, a u32 header length, a JSON header (classes,
 * biases, temperatures, threshold, metrics), then int16-quantised weights (one scale per model).
 * Compression and the file system live in model-file.ts.
 */
import { z } from 'zod';
import type { LinearModel } from './linear.ts';

export interface ModelBundle {
  version: string;
  createdAt: number;
  dimBits: number;
  /** Below this calibrated confidence the primary topic becomes `other`. */
  minConfidence: number;
  topic: LinearModel;
  sentiment: LinearModel;
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
const Header = z.object({
  format: z.literal(FORMAT),
  version: z.string().min(1),
  createdAt: z.number(),
  dimBits: z.number().int().min(8).max(24),
  minConfidence: z.number().min(0).max(1),
  topic: LinearHeader,
  sentiment: LinearHeader,
  metrics: z.unknown().optional(),
});

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
      minConfidence: bundle.minConfidence,
      topic: head(bundle.topic, t.scale),
      sentiment: head(bundle.sentiment, s.scale),
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
    minConfidence: h.minConfidence,
    topic,
    sentiment,
    ...(h.metrics !== undefined ? { metrics: h.metrics } : {}),
  };
}
