/**
 * Runs long jobs one at a time, first in first out, in a worker thread. A file dropped while
 * another import runs waits in the queue. Cancelling a queued job drops it; cancelling the
 * running job aborts its signal inside the worker. When the worker dies (a crash in native code,
 * out of memory), its job is marked failed with `internal` and the next job gets a new worker.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';

import type { JobView } from '../api/contract.ts';
import type { ErrorData } from '../api/errors.ts';
import { createLogger } from '../core/log.ts';
import type { FromWorker, JobSpec, ToWorker, WorkerSetup } from './job-messages.ts';
import { defaultWorkerEntry, type WorkerEntry } from './worker-entry.ts';

/** Finished jobs kept for `list()`, newest first; older ones are forgotten. */
const FINISHED_JOBS_KEPT = 100;

const log = createLogger('jobs');

export interface JobRunnerOptions {
  workspaceDir: string;
  workerEntry?: WorkerEntry;
}

interface JobRecord {
  view: JobView;
  spec: JobSpec;
  /** Runs once when the job ends in any state, such as deleting an uploaded temporary file. */
  onSettled: ((view: JobView) => void) | undefined;
  waiters: ((view: JobView) => void)[];
}

type JobListener = (view: JobView) => void;

function isFinal(state: JobView['state']): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled';
}

export class JobRunner {
  private readonly setup: WorkerSetup;
  private readonly entry: WorkerEntry;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: string[] = [];
  private readonly listeners = new Set<JobListener>();
  private worker: Worker | null = null;
  private workerError: string | null = null;
  private current: string | null = null;
  private closed = false;

  constructor(options: JobRunnerOptions) {
    this.setup = { workspaceDir: options.workspaceDir };
    this.entry = options.workerEntry ?? defaultWorkerEntry();
  }

  /** Queues a job and returns its view; it starts as soon as the jobs before it are done. */
  submit(spec: JobSpec, label: string, options: { onSettled?: (view: JobView) => void; source?: string } = {}): JobView {
    if (this.closed) throw new Error('JobRunner.submit called after close()');
    const jobId = randomUUID();
    const view: JobView = { jobId, kind: spec.kind, state: 'queued', label, progress: null, error: null, result: null };
    if (options.source !== undefined) view.source = options.source;
    this.jobs.set(jobId, { view, spec, onSettled: options.onSettled, waiters: [] });
    this.queue.push(jobId);
    log.info('job queued', { jobId, kind: spec.kind, queued: this.queue.length });
    this.emit(view);
    this.startNext();
    return { ...view };
  }

  get(jobId: string): JobView | undefined {
    const record = this.jobs.get(jobId);
    return record ? { ...record.view } : undefined;
  }

  /** Returns the jobs still kept, newest first. */
  list(): JobView[] {
    return [...this.jobs.values()].reverse().map((record) => ({ ...record.view }));
  }

  /**
   * Cancels a queued job at once, or sends the running job's abort to the worker. The running
   * job turns `cancelled` when the worker reaches its next cancellation check.
   */
  cancel(jobId: string): JobView | undefined {
    const record = this.jobs.get(jobId);
    if (!record) return undefined;

    if (record.view.state === 'queued') {
      this.queue.splice(this.queue.indexOf(jobId), 1);
      this.finish(record, { state: 'cancelled', error: { code: 'cancelled', kind: 'cancelled', params: {} } });
    } else if (record.view.state === 'running') {
      this.post({ type: 'cancel', jobId });
    }
    return { ...record.view };
  }

  /** Resolves with the job's final view once it has succeeded, failed or been cancelled. */
  waitFor(jobId: string): Promise<JobView> {
    const record = this.jobs.get(jobId);
    if (!record) return Promise.reject(new Error(`unknown job ${jobId}`));
    if (isFinal(record.view.state)) return Promise.resolve({ ...record.view });
    return new Promise((resolve) => record.waiters.push(resolve));
  }

  /** Calls `listener` on every change of any job (queued, progress, finished). */
  onUpdate(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels every job and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const jobId of [...this.queue]) this.cancel(jobId);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    if (this.current) this.failCurrent({ code: 'cancelled', kind: 'cancelled', params: {} });
  }

  private startNext(): void {
    if (this.current !== null || this.closed) return;
    const jobId = this.queue.shift();
    if (jobId === undefined) {
      this.worker?.unref();
      return;
    }
    const record = this.jobs.get(jobId);
    if (!record) return;

    this.current = jobId;
    record.view.state = 'running';
    this.emit(record.view);
    const worker = this.ensureWorker();
    worker.ref();
    this.post({ type: 'run', jobId, spec: record.spec });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;

    const workerData = { ...this.setup, typescriptModule: this.entry.typescriptModule?.href ?? null };
    const worker = new Worker(this.entry.script, { workerData });
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => {
      this.workerError = error.message;
      log.error('job worker crashed', { error: error.message, jobId: this.current });
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.current) {
        this.failCurrent({
          code: 'internal',
          kind: 'bug',
          params: { detail: this.workerError ?? `the job worker stopped with exit code ${code}` },
        });
      }
      this.workerError = null;
    });
    this.worker = worker;
    return worker;
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private receive(message: FromWorker): void {
    const record = this.jobs.get(message.jobId);
    if (!record) return;

    if (message.type === 'progress') {
      record.view.progress = { jobId: message.jobId, phase: message.phase, done: message.done, total: message.total };
      this.emit(record.view);
    } else if (message.type === 'succeeded') {
      this.finish(record, { state: 'succeeded', result: message.result });
    } else {
      this.finish(record, { state: message.error.code === 'cancelled' ? 'cancelled' : 'failed', error: message.error });
    }
  }

  private failCurrent(error: ErrorData): void {
    const record = this.current ? this.jobs.get(this.current) : undefined;
    if (record) this.finish(record, { state: error.code === 'cancelled' ? 'cancelled' : 'failed', error });
  }

  private finish(record: JobRecord, outcome: Partial<JobView> & Pick<JobView, 'state'>): void {
    Object.assign(record.view, outcome);
    log.info('job finished', { jobId: record.view.jobId, state: record.view.state, error: record.view.error?.code });
    if (this.current === record.view.jobId) this.current = null;

    this.settle(record);
    this.emit(record.view);
    for (const resolve of record.waiters.splice(0)) resolve({ ...record.view });
    this.forgetOldJobs();
    this.startNext();
  }

  private settle(record: JobRecord): void {
    const onSettled = record.onSettled;
    record.onSettled = undefined;
    try {
      onSettled?.({ ...record.view });
    } catch (error) {
      log.warn('job clean-up failed', { jobId: record.view.jobId, error: String(error) });
    }
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((record) => isFinal(record.view.state));
    for (const record of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) {
      this.jobs.delete(record.view.jobId);
    }
  }

  private emit(view: JobView): void {
    const copy = { ...view };
    for (const listener of this.listeners) listener(copy);
  }
}
