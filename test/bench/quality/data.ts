/**
 * Public Amazon benchmark files and the leave-one-out split: each user's last item is the test
 * target, the second to last the validation target. Users with fewer than 3 items are used for
 * training only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATASETS = {
  games: { file: 'sasrec-amazon-games/Video.txt', layout: 'pairs' },
  beauty: { file: 's3rec-amazon/Beauty.txt', layout: 'lists' },
  sports: { file: 's3rec-amazon/Sports_and_Outdoors.txt', layout: 'lists' },
  toys: { file: 's3rec-amazon/Toys_and_Games.txt', layout: 'lists' },
} as const;
export type DatasetName = keyof typeof DATASETS;

const DATASET_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets');

export interface Dataset {
  /** Each user's items oldest first, renumbered 0 .. numItems - 1 in order of first appearance. */
  sequences: Int32Array[];
  numItems: number;
  interactions: number;
}

/** Reads `user item` lines (one interaction per line) or `user i1 i2 ...` lines (one user per line). */
export function loadDataset(name: DatasetName): Dataset {
  const { file, layout } = DATASETS[name];
  const text = readFileSync(path.join(DATASET_ROOT, file), 'utf8');
  const byUser = new Map<string, number[]>();
  const itemIds = new Map<string, number>();
  const itemOf = (raw: string): number => {
    let id = itemIds.get(raw);
    if (id === undefined) itemIds.set(raw, (id = itemIds.size));
    return id;
  };

  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue;
    const user = fields[0]!;
    const items = byUser.get(user) ?? [];
    byUser.set(user, items);
    for (const raw of layout === 'pairs' ? [fields[1]!] : fields.slice(1)) items.push(itemOf(raw));
  }

  const sequences = [...byUser.values()].map((items) => Int32Array.from(items));
  const interactions = sequences.reduce((sum, s) => sum + s.length, 0);
  return { sequences, numItems: itemIds.size, interactions };
}

export interface EvaluationCase {
  /** Items the model sees for this user: everything before the target. */
  history: Int32Array;
  target: number;
  /** Every item the user ever interacted with, for sampling negatives they never touched. */
  seen: Set<number>;
}

export interface Split {
  /** Training histories: each user's items without the test item. */
  train: Int32Array[];
  test: EvaluationCase[];
}

export function leaveLastOut(sequences: readonly Int32Array[]): Split {
  const train: Int32Array[] = [];
  const test: EvaluationCase[] = [];
  for (const sequence of sequences) {
    if (sequence.length < 3) {
      train.push(sequence);
      continue;
    }
    const history = sequence.subarray(0, sequence.length - 1);
    train.push(history);
    test.push({ history, target: sequence[sequence.length - 1]!, seen: new Set(sequence) });
  }
  return { train, test };
}

export interface ValidationSplit {
  /** Training histories without the test item and the validation item. */
  train: Int32Array[];
  /** Each user's second to last item, predicted from the items before it. */
  validation: EvaluationCase[];
}

/**
 * Takes the validation item (the second to last) off the training histories of `split`, the
 * SASRec paper's protocol: the epoch is chosen on validation, the test item is never seen.
 */
export function holdOutValidation(split: Split): ValidationSplit {
  const train: Int32Array[] = [];
  const validation: EvaluationCase[] = [];
  for (const sequence of split.train) {
    if (sequence.length < 3) {
      train.push(sequence);
      continue;
    }
    const history = sequence.subarray(0, sequence.length - 1);
    train.push(history);
    validation.push({ history, target: sequence[sequence.length - 1]!, seen: new Set(sequence) });
  }
  return { train, validation };
}
