/**
 * The window's view of long jobs. Updates arrive pushed (IPC) or by polling `listJobs` every
 * half second while a tracked job is unfinished (HTTP, and as a safety net for IPC).
 */
import { ref, type Ref } from 'vue';

import type { JobKind, JobView } from '../../../src-main/api/contract.ts';
import type { ApiClient } from '../api/client.ts';

const POLL_INTERVAL_MS = 500;

export interface JobStore {
  /** Tracked jobs in the order they were started. */
  jobs: Ref<JobView[]>;
  track(job: JobView): void;
  cancel(jobId: string): Promise<void>;
  dismiss(jobId: string): void;
  ofKind(kind: JobKind): JobView[];
  /** Calls `listener` once for every tracked job that reaches a final state. */
  onFinished(listener: (job: JobView) => void): void;
}

function isFinal(job: JobView): boolean {
  return job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled';
}

export function createJobStore(client: ApiClient): JobStore {
  const jobs = ref<JobView[]>([]);
  const finishedListeners: ((job: JobView) => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function update(next: JobView): void {
    const index = jobs.value.findIndex((job) => job.jobId === next.jobId);
    const previous = jobs.value[index];
    if (index === -1 || !previous) return;
    jobs.value.splice(index, 1, next);
    if (!isFinal(previous) && isFinal(next)) for (const listener of finishedListeners) listener(next);
  }

  async function poll(): Promise<void> {
    timer = null;
    const reply = await client.call('listJobs', {});
    if (reply.ok) for (const job of reply.value) update(job);
    schedulePoll();
  }

  function schedulePoll(): void {
    if (timer === null && jobs.value.some((job) => !isFinal(job))) timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
  }

  client.onJobUpdate(update);

  return {
    jobs,
    track(job) {
      jobs.value.push(job);
      schedulePoll();
    },
    async cancel(jobId) {
      const reply = await client.call('cancelJob', { jobId });
      if (reply.ok) update(reply.value);
    },
    dismiss(jobId) {
      jobs.value = jobs.value.filter((job) => job.jobId !== jobId);
    },
    ofKind: (kind) => jobs.value.filter((job) => job.kind === kind),
    onFinished: (listener) => void finishedListeners.push(listener),
  };
}
