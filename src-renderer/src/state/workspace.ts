/**
 * What every view shows about the open workspace: the overview counts, the import history and
 * the training runs. Reloaded when the window opens and whenever a tracked job succeeds.
 */
import { ref, type Ref } from 'vue';

import type { ImportSummary, TrainingRunSummary, WorkspaceOverview } from '../../../src-main/api/contract.ts';
import type { ErrorData } from '../../../src-main/api/errors.ts';
import type { ApiClient } from '../api/client.ts';

export interface WorkspaceStore {
  overview: Ref<WorkspaceOverview | null>;
  imports: Ref<ImportSummary[]>;
  runs: Ref<TrainingRunSummary[]>;
  /** The last failure of a reload, or null when the last reload succeeded. */
  error: Ref<ErrorData | null>;
  /** Increases on every reload, so views that fetch their own data can watch it. */
  version: Ref<number>;
  refresh(): Promise<void>;
}

export function createWorkspaceStore(api: ApiClient): WorkspaceStore {
  const overview = ref<WorkspaceOverview | null>(null);
  const imports = ref<ImportSummary[]>([]);
  const runs = ref<TrainingRunSummary[]>([]);
  const error = ref<ErrorData | null>(null);
  const version = ref(0);

  async function refresh(): Promise<void> {
    const [overviewReply, importsReply, runsReply] = await Promise.all([
      api.call('overview', {}),
      api.call('listImports', {}),
      api.call('trainingRuns', {}),
    ]);
    if (overviewReply.ok) overview.value = overviewReply.value;
    if (importsReply.ok) imports.value = importsReply.value;
    if (runsReply.ok) runs.value = runsReply.value;

    const failed = [overviewReply, importsReply, runsReply].find((reply) => !reply.ok);
    error.value = failed && !failed.ok ? failed.error : null;
    version.value++;
  }

  return { overview, imports, runs, error, version, refresh };
}
