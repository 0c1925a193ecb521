/**
 * Trains the sequential recommender on customers' item histories with Adam, on whichever tfjs
 * backend is active (selected once per process by compute/backend.ts).
 */
import * as tf from '@tensorflow/tfjs-core';

import { ensureBackend } from '../compute/backend.ts';
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import { planBatches, predictionWeights, trainingWindows, type TrainingBatch } from './batches.ts';
import { resolveSequentialParams, type SequentialArchitecture, type SequentialTrainingParams } from './config.ts';
import { collisionMask, fullSoftmaxLoss, historyCollisionMask, historySampledSoftmaxLoss, sampledSoftmaxLoss } from './loss.ts';
import { encodeSequences, type NetworkTensors } from './network.ts';
import { SeededRandom } from './random.ts';
import { initialWeights, warmStartWeights, type SerializedWeights, type WeightTensor } from './weights.ts';

export interface SequentialTrainingData {
  /** One item history per customer, oldest first, items numbered 0 .. numItems - 1. */
  sequences: Int32Array[];
  numItems: number;
}

export interface SequentialTrainingOptions extends LongWorkOptions {
  /** Earlier weights to continue from; the catalogue may have grown since. */
  initialWeights?: SerializedWeights;
  /** Starting vectors for items new to `initialWeights` (or all items without it), numItems x hiddenSize. */
  initialItemVectors?: Float32Array;
  /**
   * Called after every epoch with its mean loss, a snapshot of the weights and the optimizer
   * state; training waits for a returned promise (a checkpoint write). Returning 'stop' ends
   * training after this epoch, which is how a caller that scores a validation split stops early.
   */
  onEpoch?: (epoch: number, loss: number, weights: SerializedWeights, optimizer: OptimizerState) => EpochDecision | Promise<EpochDecision>;
  /**
   * Resumes a run: epochs 1 .. `resume.epoch` are taken as done, `initialWeights` must be that
   * epoch's weights and `resume.optimizer` its optimizer state. Because every epoch draws its
   * batches and dropout from its own seed, the result equals an uninterrupted run.
   */
  resume?: { epoch: number; optimizer: OptimizerState };
}

/** Return value of onEpoch: nothing to continue, or 'stop' to end training after this epoch. */
export type EpochDecision = void | 'stop';

/** Adam's step count and moment estimates, keyed by weight name (`name/m`, `name/v`). */
export type OptimizerState = Record<string, WeightTensor>;

export interface EpochRecord {
  epoch: number;
  loss: number;
  seconds: number;
}

export interface SequentialTrainingResult {
  weights: SerializedWeights;
  history: EpochRecord[];
  params: SequentialTrainingParams;
}

/**
 * Trains for `params.epochs` epochs and returns the final weights. Progress is reported per batch
 * in phase 'sequential.train' (done/total batches over all epochs); cancellation is checked
 * between batches and throws CancelledError.
 */
export async function trainSequentialModel(
  data: SequentialTrainingData,
  params: Partial<SequentialTrainingParams> = {},
  options: SequentialTrainingOptions = {},
): Promise<SequentialTrainingResult> {
  const resolved = resolveSequentialParams(params);
  checkData(data);
  await ensureBackend();

  const arch = architectureFor(data.numItems, resolved);
  const start = startingWeights(arch, resolved.seed, options);
  const windows = trainingWindows(data.sequences, resolved.maxLength);
  if (windows.length === 0) throw new ShopRecError('training.notEnoughData', { customers: 0, needed: 1 });

  const prefix = `sequential${++variableScope}.`;
  const variables = toVariables(start, prefix);
  try {
    const history = await runEpochs(variables, prefix, arch, resolved, windows, options);
    return { weights: readWeights(variables, arch), history, params: resolved };
  } finally {
    for (const variable of Object.values(variables)) variable.dispose();
  }
}

function checkData(data: SequentialTrainingData): void {
  if (!Number.isInteger(data.numItems) || data.numItems < 1) {
    throw new ShopRecError('training.invalidParameter', { name: 'numItems', value: String(data.numItems), expected: 'an integer of at least 1' }, { kind: 'bug' });
  }
  for (const sequence of data.sequences) {
    for (const item of sequence) {
      if (item < 0 || item >= data.numItems) {
        throw new ShopRecError('training.invalidParameter', { name: 'sequences', value: String(item), expected: `item numbers in [0, ${data.numItems})` }, { kind: 'bug' });
      }
    }
  }
}

function architectureFor(numItems: number, p: SequentialTrainingParams): SequentialArchitecture {
  return {
    numItems,
    hiddenSize: p.hiddenSize,
    numBlocks: p.numBlocks,
    numHeads: p.numHeads,
    maxLength: p.maxLength,
    feedForwardSize: p.feedForwardSize,
  };
}

function startingWeights(arch: SequentialArchitecture, seed: number, options: SequentialTrainingOptions): SerializedWeights {
  if (options.resume && !options.initialWeights) {
    throw new ShopRecError('training.invalidParameter', { name: 'resume', value: String(options.resume.epoch), expected: 'initialWeights of the resumed epoch' }, { kind: 'bug' });
  }
  if (options.initialWeights) return warmStartWeights(options.initialWeights, arch, seed, options.initialItemVectors);
  if (!options.initialItemVectors) return initialWeights(arch, seed);

  const empty = initialWeights({ ...arch, numItems: 0 }, seed);
  return warmStartWeights(empty, arch, seed, options.initialItemVectors);
}

/** Distinguishes the variables of trainings that overlap in one process (tfjs names are global). */
let variableScope = 0;

async function runEpochs(
  variables: Record<string, tf.Variable>,
  prefix: string,
  arch: SequentialArchitecture,
  p: SequentialTrainingParams,
  windows: Int32Array[],
  options: SequentialTrainingOptions,
): Promise<EpochRecord[]> {
  const optimizer = tf.train.adam(p.learningRate);
  const batchesPerEpoch = Math.ceil(windows.length / p.batchSize);
  const history: EpochRecord[] = [];
  const firstEpoch = (options.resume?.epoch ?? 0) + 1;
  if (options.resume) await restoreOptimizer(optimizer, options.resume.optimizer, prefix, Object.keys(variables));

  try {
    for (let epoch = firstEpoch; epoch <= p.epochs; epoch++) {
      const random = new SeededRandom(epochSeed(p.seed, epoch));
      const started = performance.now();
      let lossSum = 0;
      let predictions = 0;

      const batches = planBatches(windows, p.batchSize, random);
      const weights = p.equalTargetWeights ? predictionWeights(batches) : batches.map(() => 1);
      for (const [index, batch] of batches.entries()) {
        throwIfCancelled(options.signal);
        lossSum += trainStep(optimizer, variables, arch, p, batch, weights[index]!, random) * batch.predictions;
        predictions += batch.predictions;
        options.onProgress?.('sequential.train', (epoch - 1) * batchesPerEpoch + index + 1, p.epochs * batchesPerEpoch);
        await new Promise((resolve) => setImmediate(resolve));
      }

      const record = { epoch, loss: lossSum / predictions, seconds: (performance.now() - started) / 1000 };
      history.push(record);
      const decision = options.onEpoch ? await options.onEpoch(epoch, record.loss, readWeights(variables, arch), await readOptimizer(optimizer, prefix)) : undefined;
      if (decision === 'stop') break;
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}

/**
 * Runs one Adam step on a batch and returns its mean loss. The step minimises that mean times
 * `weight` (see predictionWeights), so that every target of the epoch counts the same.
 */
function trainStep(
  optimizer: tf.Optimizer,
  variables: Record<string, tf.Variable>,
  arch: SequentialArchitecture,
  p: SequentialTrainingParams,
  batch: TrainingBatch,
  weight: number,
  random: SeededRandom,
): number {
  const positions = targetPositions(batch);
  const loss = tf.tidy(() => {
    const lossOf = lossForBatch(arch, p, batch, positions, random);
    const ids = tf.tensor2d(batch.inputs, [batch.size, batch.length], 'int32');
    return optimizer.minimize(() => {
      const hidden = encodeSequences(variables, arch, ids, { dropout: p.dropout, nextSeed: () => random.nextInt(2 ** 31) });
      return tf.mul(lossOf(hidden, variables.itemEmbedding as tf.Tensor2D), weight) as tf.Scalar;
    }, true) as tf.Scalar;
  });

  const value = loss.dataSync()[0]! / weight;
  loss.dispose();
  return value;
}

type BatchLoss = (hidden: tf.Tensor3D, items: tf.Tensor2D) => tf.Scalar;

/**
 * Builds the batch's loss as a function of the encoded histories and the item table: a full
 * softmax for small catalogues, otherwise a sampled one with negatives drawn per batch or per
 * history. Negatives and collision masks are drawn here, outside the gradient, from the epoch's
 * random. Call it inside tf.tidy, because the tensors it makes belong to the step.
 */
function lossForBatch(
  arch: SequentialArchitecture,
  p: SequentialTrainingParams,
  batch: TrainingBatch,
  positions: { index: Int32Array; target: Int32Array },
  random: SeededRandom,
): BatchLoss {
  const m = positions.target.length;
  const where = tf.tensor1d(positions.index, 'int32');
  const targets = tf.tensor1d(positions.target, 'int32');
  const pick = (hidden: tf.Tensor3D): tf.Tensor2D => tf.gather(tf.reshape(hidden, [batch.size * batch.length, arch.hiddenSize]), where) as tf.Tensor2D;

  if (arch.numItems <= p.fullSoftmaxMaxItems) return (hidden, items) => fullSoftmaxLoss(pick(hidden), targets, items);

  const k = p.sampledNegatives;
  if (p.negativeSharing === 'history') {
    const negatives = drawNegatives(arch.numItems, batch.size * k, random);
    const collisions = tf.tensor2d(historyCollisionMask(positions.index, positions.target, negatives, batch.length, k), [m, k]);
    const negativeIds = tf.tensor1d(negatives, 'int32');
    return (hidden, items) => historySampledSoftmaxLoss(hidden, where, targets, negativeIds, collisions, items);
  }
  const negatives = drawNegatives(arch.numItems, k, random);
  const collisions = tf.tensor2d(collisionMask(positions.target, negatives), [m, k]);
  const negativeIds = tf.tensor1d(negatives, 'int32');
  return (hidden, items) => sampledSoftmaxLoss(pick(hidden), targets, negativeIds, collisions, items);
}

function targetPositions(batch: TrainingBatch): { index: Int32Array; target: Int32Array } {
  const index = new Int32Array(batch.predictions);
  const target = new Int32Array(batch.predictions);
  let n = 0;
  for (let i = 0; i < batch.targets.length; i++) {
    if (batch.targets[i] === 0) continue;
    index[n] = i;
    target[n] = batch.targets[i]!;
    n++;
  }
  return { index, target };
}

/** Uniform item rows in 1 .. numItems (row 0 is padding). */
function drawNegatives(numItems: number, count: number, random: SeededRandom): Int32Array {
  const negatives = new Int32Array(count);
  for (let i = 0; i < count; i++) negatives[i] = 1 + random.nextInt(numItems);
  return negatives;
}

/** Seeds each epoch's batch order and dropout on its own, so a resumed run repeats the rest. */
function epochSeed(seed: number, epoch: number): number {
  return (Math.imul(seed, 0x9e3779b1) + Math.imul(epoch, 0x85ebca6b)) >>> 0;
}

async function readOptimizer(optimizer: tf.Optimizer, prefix: string): Promise<OptimizerState> {
  const state: OptimizerState = {};
  for (const { name, tensor } of await optimizer.getWeights()) {
    const key = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    state[key] = { shape: [...tensor.shape], values: Float32Array.from(tensor.dataSync() as Float32Array) };
  }
  return state;
}

/** Adam pairs moments with variables by position: the step count, every `m`, then every `v`. */
async function restoreOptimizer(optimizer: tf.Optimizer, state: OptimizerState, prefix: string, names: string[]): Promise<void> {
  const keys = ['iter', ...names.map((name) => `${name}/m`), ...names.map((name) => `${name}/v`)];
  const named = keys.map((key) => {
    const saved = state[key];
    if (!saved) throw new ShopRecError('training.incompatibleWeights', { detail: `optimizer state ${key} is missing` }, { kind: 'bug' });
    return { name: key === 'iter' ? key : `${prefix}${key}`, tensor: tf.tensor(saved.values, saved.shape, 'float32') };
  });
  await optimizer.setWeights(named);
  for (const { tensor } of named) tensor.dispose();
}

function toVariables(weights: SerializedWeights, prefix: string): Record<string, tf.Variable> {
  const variables: Record<string, tf.Variable> = {};
  for (const [name, { shape, values }] of Object.entries(weights.tensors)) {
    const initial = tf.tensor(values, shape, 'float32');
    variables[name] = tf.variable(initial, true, `${prefix}${name}`);
    initial.dispose();
  }
  return variables;
}

function readWeights(variables: NetworkTensors, arch: SequentialArchitecture): SerializedWeights {
  const tensors: SerializedWeights['tensors'] = {};
  for (const [name, variable] of Object.entries(variables)) {
    tensors[name] = { shape: [...variable.shape], values: Float32Array.from(variable.dataSync() as Float32Array) };
  }
  return { architecture: { ...arch }, tensors };
}
