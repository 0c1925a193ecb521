import type { TrainingOptions } from '../../src-main/core/training/run-training.ts';
import type { Workspace } from '../../src-main/core/workspace.ts';

/** The operations the crash tests interrupt, each a host's real call on the workspace. */
export type FaultOperation = 'import' | 'knowledge' | 'train' | 'export';

/**
 * The two cheap models keep each kill point short; the other candidates store their artefacts
 * through the same run transaction.
 */
export const TRAINING: TrainingOptions = { seed: 7, models: ['popularity', 'item-knn'] };

export const FAULT_OPERATIONS: readonly FaultOperation[] = ['import', 'knowledge', 'train', 'export'];

/**
 * Runs one operation to the end. `argument` is the file to import or the export's path.
 * Training uses a fixed seed so that an interrupted and a clean run can be compared.
 */
export async function runOperation(workspace: Workspace, operation: FaultOperation, argument?: string): Promise<unknown> {
  switch (operation) {
    case 'import':
      return workspace.importFile(required(argument));
    case 'knowledge':
      return workspace.updateKnowledge();
    case 'train':
      return workspace.train(TRAINING);
    case 'export':
      return workspace.export('customers', required(argument));
  }
}

function required(argument: string | undefined): string {
  if (argument === undefined) throw new Error('this operation needs a file argument');
  return argument;
}
