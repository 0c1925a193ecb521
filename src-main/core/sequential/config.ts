/** Hyper-parameters of the sequential recommender, with defaults and validation. */
import { ShopRecError } from '../errors.ts';

/** Shape of the network; stored with the weights because scoring needs it. */
export interface SequentialArchitecture {
  numItems: number;
  hiddenSize: number;
  numBlocks: number;
  numHeads: number;
  /** Longest item history the model attends to; older items are dropped. */
  maxLength: number;
  /** Width of the pointwise feed-forward layer. */
  feedForwardSize: number;
}

export interface SequentialTrainingParams {
  hiddenSize: number;
  numBlocks: number;
  numHeads: number;
  maxLength: number;
  feedForwardSize: number;
  dropout: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Catalogues with more items than this train with a sampled softmax instead of a full one. */
  fullSoftmaxMaxItems: number;
  /** Negatives for the sampled softmax, drawn uniformly; `negativeSharing` decides who shares a draw. */
  sampledNegatives: number;
  /**
   * 'batch': one draw shared by every position of a batch (cheapest). 'history': one draw per
   * customer history, shared by that history's positions. A batch then pushes down many more
   * distinct items, closer to the published tuned SASRec runs, which draw per position.
   */
  negativeSharing: NegativeSharing;
  /**
   * true: every target of an epoch weighs the same in the loss (see predictionWeights). false:
   * every batch does, which favours the targets of short histories, as training did before.
   */
  equalTargetWeights: boolean;
}

export type NegativeSharing = 'batch' | 'history';

export const DEFAULT_SEQUENTIAL_PARAMS: SequentialTrainingParams = {
  hiddenSize: 64,
  numBlocks: 2,
  numHeads: 1,
  maxLength: 50,
  feedForwardSize: 64,
  dropout: 0.2,
  learningRate: 1e-3,
  batchSize: 128,
  epochs: 20,
  seed: 1,
  fullSoftmaxMaxItems: 5000,
  sampledNegatives: 256,
  negativeSharing: 'batch',
  equalTargetWeights: true,
};

/** Fills defaults and rejects values the network cannot be built with. */
export function resolveSequentialParams(params: Partial<SequentialTrainingParams> = {}): SequentialTrainingParams {
  const resolved = { ...DEFAULT_SEQUENTIAL_PARAMS, ...params };

  const positiveIntegers = [
    'hiddenSize', 'numBlocks', 'numHeads', 'maxLength', 'feedForwardSize',
    'batchSize', 'sampledNegatives',
  ] as const;
  for (const name of positiveIntegers) requireInteger(name, resolved[name], 1);
  requireInteger('epochs', resolved.epochs, 0);
  requireInteger('fullSoftmaxMaxItems', resolved.fullSoftmaxMaxItems, 0);
  if (resolved.hiddenSize % resolved.numHeads !== 0) {
    throw invalid('numHeads', resolved.numHeads, `a divisor of hiddenSize ${resolved.hiddenSize}`);
  }
  if (!(resolved.dropout >= 0 && resolved.dropout < 1)) throw invalid('dropout', resolved.dropout, 'in [0, 1)');
  if (!(resolved.learningRate > 0)) throw invalid('learningRate', resolved.learningRate, 'above 0');
  if (typeof resolved.equalTargetWeights !== 'boolean') throw invalid('equalTargetWeights', resolved.equalTargetWeights, 'true or false');
  if (resolved.negativeSharing !== 'batch' && resolved.negativeSharing !== 'history') {
    throw invalid('negativeSharing', resolved.negativeSharing, "'batch' or 'history'");
  }

  return resolved;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw invalid(name, value, `an integer of at least ${min}`);
}

function invalid(name: string, value: unknown, expected: string): ShopRecError {
  return new ShopRecError('training.invalidParameter', { name, value: String(value), expected }, { kind: 'bug' });
}
