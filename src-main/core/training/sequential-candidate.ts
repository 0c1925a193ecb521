/**
 * Trains the sequential candidate of a run: resumes an interrupted run on the same data from its
 * last checkpoint, else fine-tunes the newest completed sequential version when new data came
 * in, else starts from title vectors. Every epoch is checkpointed, so a crash or cancel loses at
 * most one epoch. The run's checkpoints are deleted when the run is stored (see storeCompletedRun).
 */
import { SeededRandom } from '../sequential/random.ts';
import { resolveSequentialParams, type SequentialTrainingParams } from '../sequential/config.ts';
import { trainSequentialModel, type SequentialTrainingOptions } from '../sequential/train.ts';
import { initialWeights, type SerializedWeights } from '../sequential/weights.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { createTextEncoder } from '../text/embed.ts';
import { latestSequentialVersion, resumableCheckpoint, writeCheckpoint } from './checkpoints.ts';
import { itemTitleVectors } from './item-embeddings.ts';

/** Shops with fewer training histories of two or more items than this skip the sequential model. */
export const MIN_SEQUENCES = 50;

/**
 * Settings for shops: one block and a sampled softmax above 1,000 items keep an epoch of a
 * 4,000-customer shop near 20 seconds on WebAssembly; the higher learning rate makes up for
 * the few epochs a desktop run can afford. Negatives drawn per history scored NDCG@10 0.0886
 * and 0.0904 on the sample shop's hold-out, against 0.0760 and 0.0846 for one draw per batch
 * (with and without equal target weights). These differences are near the noise of 2,363 customers.
 */
export const PRODUCT_SEQUENTIAL_PARAMS: Partial<SequentialTrainingParams> = {
  hiddenSize: 64, numBlocks: 1, numHeads: 1, maxLength: 50, feedForwardSize: 64,
  dropout: 0.2, learningRate: 3e-3, batchSize: 128, epochs: 8,
  fullSoftmaxMaxItems: 1000, sampledNegatives: 256, negativeSharing: 'history',
};

export interface SequentialCandidateInput {
  runId: number;
  watermark: number;
  sequences: Int32Array[];
  itemIds: number[];
  params?: Partial<SequentialTrainingParams>;
  /** Epochs when fine-tuning an earlier version instead of training from zero. */
  warmEpochs?: number;
}

export interface SequentialCandidate {
  weights: SerializedWeights;
  start: 'zero' | 'resume' | 'warm';
  /** Epochs trained in this run (a resumed run counts only the remaining ones). */
  epochsTrained: number;
  params: SequentialTrainingParams;
  textEncoder: string;
  losses: number[];
}

export async function trainSequentialCandidate(db: Db, input: SequentialCandidateInput, options: LongWorkOptions = {}): Promise<SequentialCandidate> {
  const params = resolveSequentialParams({ ...PRODUCT_SEQUENTIAL_PARAMS, ...input.params });
  const numItems = input.itemIds.length;
  const text = await titleVectors(db, input.itemIds, params.hiddenSize, params.seed);

  const checkpoint = resumableCheckpoint(db, input.watermark, input.runId, params);
  // A checkpoint of the last planned epoch counts too: its run stopped before storing the model.
  const resumable = checkpoint !== null && sameIds(checkpoint.itemIds, input.itemIds);
  const previous = resumable ? null : latestSequentialVersion(db);
  const warm = previous !== null && previous.weights.architecture.hiddenSize === params.hiddenSize && previous.weights.architecture.numBlocks === params.numBlocks
    && previous.weights.architecture.feedForwardSize === params.feedForwardSize && previous.weights.architecture.maxLength === params.maxLength;

  // A resumed run finishes the epochs it planned, because a warm start plans fewer than training from zero.
  let trainParams = params;
  if (resumable) trainParams = checkpoint.settings;
  else if (warm) trainParams = { ...params, epochs: input.warmEpochs ?? Math.max(2, Math.ceil(params.epochs / 4)) };
  const losses: number[] = [];
  const training: SequentialTrainingOptions = {
    ...options,
    onEpoch: (epoch, loss, weights, optimizer) => {
      losses.push(loss);
      writeCheckpoint(db, { runId: input.runId, epoch, loss, weights, optimizer, itemIds: input.itemIds, settings: trainParams });
    },
  };
  if (resumable) {
    training.initialWeights = checkpoint.weights;
    training.resume = { epoch: checkpoint.epoch, optimizer: checkpoint.optimizer };
  } else if (warm) {
    training.initialWeights = alignedWeights(previous.weights, previous.itemIds, input.itemIds, text.vectors, params.seed);
  } else {
    training.initialItemVectors = text.vectors;
  }

  const result = await trainSequentialModel({ sequences: input.sequences, numItems }, trainParams, training);
  return {
    weights: result.weights,
    start: resumable ? 'resume' : warm ? 'warm' : 'zero',
    epochsTrained: result.history.length,
    params: trainParams,
    textEncoder: text.encoder,
    losses,
  };
}

/** Title vectors projected to the model width by a seeded Gaussian matrix (row i for item i). */
export async function titleVectors(db: Db, itemIds: number[], width: number, seed: number): Promise<{ vectors: Float32Array; encoder: string }> {
  const titles = db.prepare('SELECT title FROM items').pluck().all() as string[];
  const encoder = await createTextEncoder({ fallbackCorpus: titles });
  const raw = await itemTitleVectors(db, encoder, itemIds);

  const random = new SeededRandom(seed ^ 0x5bd1e995);
  const projection = Float32Array.from({ length: encoder.dimension * width }, () => random.nextNormal() / Math.sqrt(encoder.dimension));
  const vectors = new Float32Array(itemIds.length * width);
  raw.forEach((vector, item) => {
    for (let i = 0; i < vector.length; i++) {
      const value = vector[i]!;
      if (value === 0) continue;
      for (let k = 0; k < width; k++) vectors[item * width + k]! += value * projection[i * width + k]!;
    }
  });
  return { vectors, encoder: encoder.name };
}

/**
 * Earlier weights re-laid for today's item order: known items keep their rows, new items start
 * from their title vector scaled to the mean norm of the known rows.
 */
export function alignedWeights(previous: SerializedWeights, previousIds: number[], itemIds: number[], text: Float32Array, seed: number): SerializedWeights {
  const arch = { ...previous.architecture, numItems: itemIds.length };
  const fresh = initialWeights(arch, seed);
  for (const [name, tensor] of Object.entries(previous.tensors)) {
    if (name !== 'itemEmbedding') fresh.tensors[name] = { shape: [...tensor.shape], values: tensor.values.slice() };
  }

  const d = arch.hiddenSize;
  const oldRow = new Map(previousIds.map((id, row) => [id, row]));
  const oldTable = previous.tensors.itemEmbedding!.values;
  const table = fresh.tensors.itemEmbedding!.values;
  let normSum = 0;
  for (let row = 1; row <= previousIds.length; row++) normSum += Math.hypot(...oldTable.subarray(row * d, (row + 1) * d));
  const targetNorm = previousIds.length > 0 ? normSum / previousIds.length : 1;

  itemIds.forEach((id, item) => {
    const known = oldRow.get(id);
    if (known !== undefined) {
      table.set(oldTable.subarray((known + 1) * d, (known + 2) * d), (item + 1) * d);
      return;
    }
    const vector = text.subarray(item * d, (item + 1) * d);
    const norm = Math.hypot(...vector);
    if (norm > 0) for (let k = 0; k < d; k++) table[(item + 1) * d + k] = (vector[k]! / norm) * targetNorm;
  });
  return fresh;
}

function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
