import { throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import { titleFeatures } from './title-features.ts';
import type { TextEncoder } from './types.ts';

/**
 * The title encoder used when no pretrained sentence model is installed. It learns inverse
 * document frequencies from the shop's own titles and weighs each title's character n-gram and
 * word features by sublinear TF-IDF. A seeded random sign projection then maps the sparse
 * vector onto a fixed number of dimensions: each feature adds +w or -w to every dimension, with
 * the signs drawn from the feature's hash. Cosine similarity between projected
 * vectors approximates the TF-IDF cosine, with an error that shrinks as 1/sqrt(dimension).
 * The same corpus, dimension and seed always give the same vectors.
 */

export const DEFAULT_BUILTIN_DIMENSION = 128;
const DEFAULT_SEED = 0x5eed_7e47;
const TEXTS_PER_BATCH = 2000;

/** Everything needed to rebuild the encoder later, as plain JSON-safe data. */
export interface BuiltinEncoderState {
  version: 1;
  dimension: number;
  seed: number;
  documentCount: number;
  /** [feature hash, number of corpus titles that contain the feature], sorted by hash. */
  documentFrequencies: [number, number][];
}

export interface BuiltinEncoder extends TextEncoder {
  /** Vector of one title, computed synchronously. */
  embedOne(text: string): Float32Array;
  state(): BuiltinEncoderState;
}

/** Learns document frequencies from `corpus` (the shop's titles; may be empty). */
export function createBuiltinEncoder(
  corpus: readonly string[],
  options: { dimension?: number; seed?: number } = {},
): BuiltinEncoder {
  const dimension = options.dimension ?? DEFAULT_BUILTIN_DIMENSION;
  if (!Number.isInteger(dimension) || dimension <= 0 || dimension % 32 !== 0) {
    throw new RangeError(`dimension must be a positive multiple of 32, got ${dimension}`);
  }

  const frequencies = new Map<number, number>();
  for (const title of corpus) {
    for (const feature of titleFeatures(title).keys()) {
      const hash = hashFeature(feature);
      frequencies.set(hash, (frequencies.get(hash) ?? 0) + 1);
    }
  }
  return builtinEncoderFromState({
    version: 1,
    dimension,
    seed: options.seed ?? DEFAULT_SEED,
    documentCount: corpus.length,
    documentFrequencies: [...frequencies].sort((a, b) => a[0] - b[0]),
  });
}

/** Rebuilds an encoder from `state()` output, giving the same vectors as the original. */
export function builtinEncoderFromState(state: BuiltinEncoderState): BuiltinEncoder {
  const frequencies = new Map(state.documentFrequencies);
  const { dimension, seed, documentCount } = state;

  // Smoothed IDF as in scikit-learn's TfidfVectorizer: features absent from the corpus get
  // the highest weight, features in every title still get a weight of 1.
  const idf = (hash: number): number => Math.log((1 + documentCount) / (1 + (frequencies.get(hash) ?? 0))) + 1;

  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(dimension);
    for (const [feature, count] of titleFeatures(text)) {
      const hash = hashFeature(feature);
      addSignedRow(vector, hash ^ seed, (1 + Math.log(count)) * idf(hash));
    }
    return normalise(vector);
  };

  return {
    name: `built-in-ngram-tfidf-${dimension}`,
    kind: 'built-in',
    dimension,
    embedOne,
    embed: (texts, options) => embedInBatches(embedOne, texts, options),
    state: () => ({ ...state, documentFrequencies: state.documentFrequencies.map(([hash, df]) => [hash, df]) }),
  };
}

async function embedInBatches(
  embedOne: (text: string) => Float32Array,
  texts: string[],
  options: LongWorkOptions = {},
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += TEXTS_PER_BATCH) {
    throwIfCancelled(options.signal);
    for (const text of texts.slice(start, start + TEXTS_PER_BATCH)) vectors.push(embedOne(text));
    options.onProgress?.('embed', vectors.length, texts.length);
    // Yield so an abort request and progress events get through between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return vectors;
}

/** Adds `weight` times a pseudo-random ±1 row (32 signs per generated word) to `vector`. */
function addSignedRow(vector: Float32Array, rowSeed: number, weight: number): void {
  let state = rowSeed >>> 0;
  for (let base = 0; base < vector.length; base += 32) {
    state = (state + 0x9e3779b9) >>> 0;
    const signs = mix32(state);
    for (let bit = 0; bit < 32; bit += 1) {
      vector[base + bit]! += (signs >>> bit) & 1 ? weight : -weight;
    }
  }
}

/** Scales `vector` to unit length in place; the zero vector (a title with no letters) stays zero. */
function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i += 1) vector[i]! *= scale;
  return vector;
}

/** 32-bit FNV-1a over UTF-16 code units, finished with a mixer so similar strings spread out. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i += 1) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
