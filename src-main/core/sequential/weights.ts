/**
 * Weights of the sequential recommender as plain typed arrays, independent of any tfjs backend:
 * what training returns, what scoring takes, and what a workspace stores as one BLOB.
 * Item rows are shifted by one: row 0 of the item table is the padding token.
 */
import { ShopRecError } from '../errors.ts';
import type { SequentialArchitecture } from './config.ts';
import { SeededRandom } from './random.ts';

export interface WeightTensor {
  shape: number[];
  values: Float32Array;
}

export interface SerializedWeights {
  architecture: SequentialArchitecture;
  tensors: Record<string, WeightTensor>;
}

const FORMAT = 'shoprec-sequential-v1';

/** Names and shapes of every tensor of a network with this architecture. */
export function weightShapes(arch: SequentialArchitecture): Record<string, number[]> {
  const d = arch.hiddenSize;
  const shapes: Record<string, number[]> = {
    itemEmbedding: [arch.numItems + 1, d],
    positionEmbedding: [arch.maxLength, d],
    finalNormGamma: [d],
    finalNormBeta: [d],
  };
  for (let b = 0; b < arch.numBlocks; b++) {
    const p = `block${b}.`;
    Object.assign(shapes, {
      [`${p}attentionNormGamma`]: [d], [`${p}attentionNormBeta`]: [d],
      [`${p}query`]: [d, d], [`${p}queryBias`]: [d],
      [`${p}key`]: [d, d], [`${p}keyBias`]: [d],
      [`${p}value`]: [d, d], [`${p}valueBias`]: [d],
      [`${p}output`]: [d, d], [`${p}outputBias`]: [d],
      [`${p}feedForwardNormGamma`]: [d], [`${p}feedForwardNormBeta`]: [d],
      [`${p}feedForwardIn`]: [d, arch.feedForwardSize], [`${p}feedForwardInBias`]: [arch.feedForwardSize],
      [`${p}feedForwardOut`]: [arch.feedForwardSize, d], [`${p}feedForwardOutBias`]: [d],
    });
  }
  return shapes;
}

/**
 * Draws fresh weights: embeddings from N(0, 1/hiddenSize), matrices Glorot-normal, layer-norm
 * gains 1 and biases 0. The padding row stays zero.
 */
export function initialWeights(arch: SequentialArchitecture, seed: number): SerializedWeights {
  const random = new SeededRandom(seed);
  const tensors: Record<string, WeightTensor> = {};

  for (const [name, shape] of Object.entries(weightShapes(arch))) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('Gamma')) values.fill(1);
    else if (name.endsWith('Embedding')) fillNormal(values, 1 / Math.sqrt(arch.hiddenSize), random);
    else if (shape.length === 2) fillNormal(values, Math.sqrt(2 / (shape[0]! + shape[1]!)), random);
    tensors[name] = { shape, values };
  }
  tensors.itemEmbedding!.values.fill(0, 0, arch.hiddenSize);

  return { architecture: { ...arch }, tensors };
}

function fillNormal(values: Float32Array, std: number, random: SeededRandom): void {
  for (let i = 0; i < values.length; i++) values[i] = random.nextNormal() * std;
}

/**
 * Starts from earlier weights for a catalogue that may have grown: rows of known items and
 * positions are copied, new rows come from `itemVectors` (row i for item i, rescaled to the mean
 * norm of the known rows) or from the fresh draw. Every other tensor must keep its shape.
 */
export function warmStartWeights(
  previous: SerializedWeights,
  arch: SequentialArchitecture,
  seed: number,
  itemVectors?: Float32Array,
): SerializedWeights {
  const fresh = initialWeights(arch, seed);
  const old = previous.architecture;
  if (old.hiddenSize !== arch.hiddenSize || old.numBlocks !== arch.numBlocks || old.feedForwardSize !== arch.feedForwardSize) {
    throw incompatible('hiddenSize, numBlocks and feedForwardSize must match the earlier model');
  }
  if (arch.numItems < old.numItems) throw incompatible(`the catalogue shrank from ${old.numItems} to ${arch.numItems} items`);

  for (const [name, tensor] of Object.entries(fresh.tensors)) {
    const source = previous.tensors[name];
    if (!source) throw incompatible(`tensor ${name} is missing`);
    if (name === 'itemEmbedding' || name === 'positionEmbedding') {
      tensor.values.set(source.values.subarray(0, Math.min(source.values.length, tensor.values.length)));
    } else {
      tensor.values.set(source.values);
    }
  }

  if (itemVectors) placeNewItemVectors(fresh.tensors.itemEmbedding!, old.numItems, arch, itemVectors);
  return fresh;
}

function placeNewItemVectors(table: WeightTensor, knownItems: number, arch: SequentialArchitecture, vectors: Float32Array): void {
  const d = arch.hiddenSize;
  if (vectors.length !== arch.numItems * d) {
    throw incompatible(`itemVectors has ${vectors.length} values, expected numItems x hiddenSize = ${arch.numItems * d}`);
  }
  const targetNorm = meanRowNorm(table.values, 1, knownItems + 1, d) || 1;

  for (let item = knownItems; item < arch.numItems; item++) {
    const row = vectors.subarray(item * d, (item + 1) * d);
    const norm = Math.hypot(...row);
    if (norm === 0) continue;
    for (let k = 0; k < d; k++) table.values[(item + 1) * d + k] = (row[k]! / norm) * targetNorm;
  }
}

function meanRowNorm(values: Float32Array, from: number, to: number, d: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (let r = from; r < to; r++) total += Math.hypot(...values.subarray(r * d, (r + 1) * d));
  return total / (to - from);
}

/**
 * Encodes weights as bytes: a little-endian uint32 header length, a JSON header (format,
 * architecture, tensor names, shapes and offsets), zero padding to a 4-byte boundary, then the
 * float32 values of every tensor in header order.
 */
export function serializeWeights(weights: SerializedWeights): Uint8Array {
  const names = Object.keys(weights.tensors).sort();
  const entries = names.map((name) => ({ name, shape: weights.tensors[name]!.shape }));
  const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, architecture: weights.architecture, tensors: entries }));

  const dataStart = align4(4 + header.length);
  const totalFloats = names.reduce((sum, name) => sum + weights.tensors[name]!.values.length, 0);
  const bytes = new Uint8Array(dataStart + totalFloats * 4);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);

  const floats = new Float32Array(bytes.buffer, dataStart, totalFloats);
  let offset = 0;
  for (const name of names) {
    floats.set(weights.tensors[name]!.values, offset);
    offset += weights.tensors[name]!.values.length;
  }
  return bytes;
}

/** Decodes bytes written by serializeWeights; throws `training.incompatibleWeights` on anything else. */
export function deserializeWeights(bytes: Uint8Array): SerializedWeights {
  if (bytes.length < 4) throw incompatible('the stored weights are shorter than their header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  if (4 + headerLength > bytes.length) throw incompatible('the stored weights are cut off inside their header');

  const header = parseHeader(bytes.subarray(4, 4 + headerLength));
  const dataStart = align4(4 + headerLength);
  // A copy, not Buffer.slice (a view into Node's shared pool), so the floats start at offset 0.
  const aligned = Uint8Array.prototype.slice.call(bytes, dataStart);
  const floats = new Float32Array(aligned.buffer, 0, Math.floor(aligned.length / 4));

  const tensors: Record<string, WeightTensor> = {};
  let offset = 0;
  for (const { name, shape } of header.tensors) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size > floats.length) throw incompatible(`the stored weights are cut off inside tensor ${name}`);
    tensors[name] = { shape, values: floats.slice(offset, offset + size) };
    offset += size;
  }
  checkShapes(header.architecture, tensors);
  return { architecture: header.architecture, tensors };
}

interface Header {
  architecture: SequentialArchitecture;
  tensors: { name: string; shape: number[] }[];
}

function parseHeader(bytes: Uint8Array): Header {
  let parsed: { format?: unknown } & Partial<Header>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as typeof parsed;
  } catch {
    throw incompatible('the stored weights have an unreadable header');
  }
  if (parsed.format !== FORMAT || !parsed.architecture || !Array.isArray(parsed.tensors)) {
    throw incompatible(`the stored weights are not in the ${FORMAT} format`);
  }
  return { architecture: parsed.architecture, tensors: parsed.tensors };
}

/** Checks that weights contain exactly the tensors their architecture needs. */
export function checkShapes(arch: SequentialArchitecture, tensors: Record<string, WeightTensor>): void {
  for (const [name, shape] of Object.entries(weightShapes(arch))) {
    const tensor = tensors[name];
    if (!tensor || tensor.shape.join('x') !== shape.join('x')) {
      throw incompatible(`tensor ${name} should have shape ${shape.join('x')}`);
    }
  }
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

function incompatible(detail: string): ShopRecError {
  return new ShopRecError('training.incompatibleWeights', { detail }, { kind: 'bug' });
}
