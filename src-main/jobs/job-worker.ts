/**
 * Worker-thread entry that runs long jobs (import, training, export) off the main thread. It
 * opens its own connection to the workspace: SQLite in WAL mode lets the main thread keep
 * reading while this thread writes. One job runs at a time; the runner queues the rest.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { toErrorData } from '../core/errors.ts';
import { createLogger } from '../core/log.ts';
import type { ProgressReporter } from '../core/progress.ts';
import { Workspace } from '../core/workspace.ts';
import type { FromWorker, JobResult, JobSpec, ToWorker, WorkerSetup } from './job-messages.ts';

/** Progress messages are sent at most this often per job, except on a phase change or the end. */
const PROGRESS_INTERVAL_MS = 100;

const log = createLogger('job-worker');

if (!parentPort) throw new Error('job-worker.ts must run in a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;
const running = new Map<string, AbortController>();
let workspace: Workspace | null = null;

function send(message: FromWorker): void {
  port.postMessage(message);
}

function openWorkspace(): Workspace {
  workspace ??= Workspace.open(setup.workspaceDir);
  return workspace;
}

function throttledProgress(jobId: string): ProgressReporter {
  let lastPhase = '';
  let lastSentAt = 0;
  return (phase, done, total) => {
    const now = Date.now();
    const finished = total > 0 && done >= total;
    if (phase === lastPhase && !finished && now - lastSentAt < PROGRESS_INTERVAL_MS) return;
    lastPhase = phase;
    lastSentAt = now;
    send({ type: 'progress', jobId, phase, done, total });
  };
}

function runSpec(spec: JobSpec, signal: AbortSignal, onProgress: ProgressReporter): Promise<JobResult> {
  const shop = openWorkspace();
  switch (spec.kind) {
    case 'import':
      return shop.importFile(spec.path, { signal, onProgress, displayName: spec.displayName, ...(spec.mapping ? { mapping: spec.mapping } : {}) });
    case 'train':
      return shop.train({ signal, onProgress, ...(spec.models ? { models: spec.models } : {}) });
    case 'export':
      return shop.export(spec.format, spec.outPath, { signal, onProgress, locale: spec.locale, ...spec.options });
  }
}

async function run(jobId: string, spec: JobSpec): Promise<void> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    const result = await runSpec(spec, controller.signal, throttledProgress(jobId));
    send({ type: 'succeeded', jobId, result });
  } catch (error) {
    const data = toErrorData(error);
    if (data.kind === 'bug') log.error('job failed', { jobId, kind: spec.kind, error: String(error) });
    send({ type: 'failed', jobId, error: data });
  } finally {
    running.delete(jobId);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message.jobId, message.spec);
  else running.get(message.jobId)?.abort();
});

port.on('close', () => workspace?.close());
