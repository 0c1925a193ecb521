import type { Workspace } from '../../src-main/core/workspace.ts';

/** The operations the crash tests interrupt, each a host's real call on the workspace. */
export type FaultOperation = 'import' | 'knowledge' | 'train' | 'export';

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
      return workspace.train({ seed: 7 });
    case 'export':
      return workspace.export('customers', required(argument));
  }
}

function required(argument: string | undefined): string {
  if (argument === undefined) throw new Error('this operation needs a file argument');
  return argument;
}
