/**
 * The sequential model's forward pass for one history in plain JavaScript: the same computation
 * as network.ts at dropout 0, without a tfjs backend. Serving ranks one customer at a time and
 * synchronously, and a single history of at most maxLength items is cheap enough on the CPU.
 */
import type { SequentialArchitecture } from './config.ts';
import type { SerializedWeights } from './weights.ts';

type Tensors = Record<string, Float32Array>;

/** Scores every item (numItems values, item i at index i) as the next one after `sequence`. */
export function scoreSequence(weights: SerializedWeights, sequence: ArrayLike<number>): Float32Array {
  const arch = weights.architecture;
  const w: Tensors = {};
  for (const [name, tensor] of Object.entries(weights.tensors)) w[name] = tensor.values;

  const last = encodeLast(w, arch, recentItems(sequence, arch.maxLength));
  const d = arch.hiddenSize;
  const table = w.itemEmbedding!;
  const scores = new Float32Array(arch.numItems);
  for (let item = 0; item < arch.numItems; item++) {
    let sum = 0;
    const row = (item + 1) * d;
    for (let k = 0; k < d; k++) sum += last[k]! * table[row + k]!;
    scores[item] = sum;
  }
  return scores;
}

function recentItems(sequence: ArrayLike<number>, maxLength: number): number[] {
  const items: number[] = [];
  for (let t = Math.max(0, sequence.length - maxLength); t < sequence.length; t++) items.push(sequence[t]!);
  return items;
}

/** Hidden state at the newest position after the final layer norm. */
function encodeLast(w: Tensors, arch: SequentialArchitecture, items: number[]): Float32Array {
  const d = arch.hiddenSize;
  const length = items.length;
  if (length === 0) return new Float32Array(d);

  let x: Float32Array = new Float32Array(length * d);
  const firstPosition = arch.maxLength - length;
  items.forEach((item, t) => {
    for (let k = 0; k < d; k++) x[t * d + k] = w.itemEmbedding![(item + 1) * d + k]! + w.positionEmbedding![(firstPosition + t) * d + k]!;
  });

  for (let b = 0; b < arch.numBlocks; b++) {
    const p = `block${b}.`;
    const normed = layerNorm(x, length, d, w[`${p}attentionNormGamma`]!, w[`${p}attentionNormBeta`]!);
    x = add(x, attention(w, p, arch, normed, length));
    const normed2 = layerNorm(x, length, d, w[`${p}feedForwardNormGamma`]!, w[`${p}feedForwardNormBeta`]!);
    const hidden = dense(normed2, length, d, arch.feedForwardSize, w[`${p}feedForwardIn`]!, w[`${p}feedForwardInBias`]!);
    for (let i = 0; i < hidden.length; i++) hidden[i] = Math.max(0, hidden[i]!);
    x = add(x, dense(hidden, length, arch.feedForwardSize, d, w[`${p}feedForwardOut`]!, w[`${p}feedForwardOutBias`]!));
  }

  return layerNorm(x.subarray((length - 1) * d), 1, d, w.finalNormGamma!, w.finalNormBeta!);
}

function attention(w: Tensors, p: string, arch: SequentialArchitecture, x: Float32Array, length: number): Float32Array {
  const d = arch.hiddenSize;
  const headSize = d / arch.numHeads;
  const q = dense(x, length, d, d, w[`${p}query`]!, w[`${p}queryBias`]!);
  const k = dense(x, length, d, d, w[`${p}key`]!, w[`${p}keyBias`]!);
  const v = dense(x, length, d, d, w[`${p}value`]!, w[`${p}valueBias`]!);
  const context = new Float32Array(length * d);
  const weights = new Float64Array(length);

  for (let h = 0; h < arch.numHeads; h++) {
    const offset = h * headSize;
    for (let i = 0; i < length; i++) {
      // Causal: position i attends to positions 0 .. i only.
      let max = -Infinity;
      for (let j = 0; j <= i; j++) {
        let dot = 0;
        for (let c = 0; c < headSize; c++) dot += q[i * d + offset + c]! * k[j * d + offset + c]!;
        weights[j] = dot / Math.sqrt(headSize);
        max = Math.max(max, weights[j]!);
      }
      let total = 0;
      for (let j = 0; j <= i; j++) total += weights[j] = Math.exp(weights[j]! - max);
      for (let j = 0; j <= i; j++) {
        const share = weights[j]! / total;
        for (let c = 0; c < headSize; c++) context[i * d + offset + c]! += share * v[j * d + offset + c]!;
      }
    }
  }
  return dense(context, length, d, d, w[`${p}output`]!, w[`${p}outputBias`]!);
}

function dense(x: Float32Array, rows: number, inSize: number, outSize: number, kernel: Float32Array, bias: Float32Array): Float32Array {
  const out = new Float32Array(rows * outSize);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outSize; o++) out[r * outSize + o] = bias[o]!;
    for (let i = 0; i < inSize; i++) {
      const value = x[r * inSize + i]!;
      if (value === 0) continue;
      const base = i * outSize;
      for (let o = 0; o < outSize; o++) out[r * outSize + o]! += value * kernel[base + o]!;
    }
  }
  return out;
}

function layerNorm(x: Float32Array, rows: number, d: number, gamma: Float32Array, beta: Float32Array): Float32Array {
  const out = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let k = 0; k < d; k++) mean += x[r * d + k]!;
    mean /= d;
    let variance = 0;
    for (let k = 0; k < d; k++) variance += (x[r * d + k]! - mean) ** 2;
    const scale = 1 / Math.sqrt(variance / d + 1e-6);
    for (let k = 0; k < d; k++) out[r * d + k] = (x[r * d + k]! - mean) * scale * gamma[k]! + beta[k]!;
  }
  return out;
}

function add(a: Float32Array, b: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  return a;
}
