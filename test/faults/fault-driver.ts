/**
 * Child process of the crash tests: opens a workspace and runs one operation on it to the end,
 * so that the parent can SIGKILL it at any moment. Writes `started` to stdout just before the
 * operation begins (the parent times its kill from there) and `done` after it.
 *
 *   node --import tsx test/faults/fault-driver.ts <workspace> <import|knowledge|train|export> [file]
 */
import { Workspace } from '../../src-main/core/workspace.ts';
import { FAULT_OPERATIONS, runOperation, type FaultOperation } from './operations.ts';

const [dir, operation, argument] = process.argv.slice(2);
if (dir === undefined || !FAULT_OPERATIONS.includes(operation as FaultOperation)) {
  process.stderr.write('usage: fault-driver.ts <workspace> <import|knowledge|train|export> [file]\n');
  process.exit(2);
}

const workspace = Workspace.open(dir, { create: false });
process.stdout.write('started\n');
await runOperation(workspace, operation as FaultOperation, argument);
workspace.close();
process.stdout.write('done\n');
