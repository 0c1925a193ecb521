import type { OperationName } from '../api/api-surface.ts';

/** IPC channel of one operation; main registers exactly these, the preload invokes exactly these. */
export function operationChannel(operation: OperationName): string {
  return `shoprec:${operation}`;
}

/** Channel on which main pushes job updates (JobView) to the window. */
export const JOB_UPDATE_CHANNEL = 'shoprec:job-update';
