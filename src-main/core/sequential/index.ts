/** Public surface of the GPT-style sequential recommender. */
export { DEFAULT_SEQUENTIAL_PARAMS, resolveSequentialParams } from './config.ts';
export type { SequentialArchitecture, SequentialTrainingParams } from './config.ts';
export { trainSequentialModel } from './train.ts';
export type { EpochRecord, SequentialTrainingData, SequentialTrainingOptions, SequentialTrainingResult } from './train.ts';
export { createSequentialScorer, scoreNextItems, topItems } from './score.ts';
export type { ScoredItem, SequentialScorer } from './score.ts';
export { deserializeWeights, serializeWeights } from './weights.ts';
export type { SerializedWeights, WeightTensor } from './weights.ts';
export { scoreSequence } from './score-sync.ts';
