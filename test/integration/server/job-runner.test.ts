import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JobRunner } from '../../../src-main/jobs/job-runner.ts';

/**
 * A stand-in worker speaking the runner's message protocol: an import of `crash` kills the
 * thread, `slow` runs until cancelled, anything else succeeds at once.
 */
const FAKE_WORKER = `
import { parentPort } from 'node:worker_threads';
const waiting = new Map();
parentPort.on('message', (message) => {
  if (message.type === 'cancel') {
    waiting.get(message.jobId)?.();
    return;
  }
  const { jobId, spec } = message;
  if (spec.path === 'crash') process.exit(3);
  if (spec.path === 'slow') {
    parentPort.postMessage({ type: 'progress', jobId, phase: 'import.read', done: 1, total: 4 });
    waiting.set(jobId, () => parentPort.postMessage({ type: 'failed', jobId, error: { code: 'cancelled', kind: 'cancelled', params: {} } }));
    return;
  }
  parentPort.postMessage({ type: 'succeeded', jobId, result: { path: spec.path } });
});
`;

let dir: string;
let runner: JobRunner;

const importOf = (file: string) => ({ kind: 'import' as const, path: file, displayName: file });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shoprec-jobs-test-'));
  const script = path.join(dir, 'fake-worker.mjs');
  await writeFile(script, FAKE_WORKER);
  runner = new JobRunner({ workspaceDir: dir, workerEntry: { script: pathToFileURL(script), typescriptModule: null } });
});

afterAll(async () => {
  await runner.close();
  await rm(dir, { recursive: true, force: true });
});

describe('JobRunner', () => {
  it('runs jobs first in, first out', async () => {
    const first = runner.submit(importOf('a.csv'), 'a.csv');
    const second = runner.submit(importOf('b.csv'), 'b.csv');
    expect(runner.get(second.jobId)?.state).toBe('queued');

    expect((await runner.waitFor(first.jobId)).state).toBe('succeeded');
    const done = await runner.waitFor(second.jobId);
    expect(done.state).toBe('succeeded');
    expect(done.result).toEqual({ path: 'b.csv' });
  });

  it('fails a crashed job and restarts the worker', async () => {
    const crashing = runner.submit(importOf('crash'), 'crash');
    const next = runner.submit(importOf('c.csv'), 'c.csv');

    const crashed = await runner.waitFor(crashing.jobId);
    expect(crashed.state).toBe('failed');
    expect(crashed.error?.code).toBe('internal');
    expect(String(crashed.error?.params.detail)).toContain('exit code 3');
    expect((await runner.waitFor(next.jobId)).state).toBe('succeeded');
  });

  it('cancels the running job through the worker', async () => {
    const slow = runner.submit(importOf('slow'), 'slow');
    const updates: string[] = [];
    const stop = runner.onUpdate((job) => {
      if (job.jobId === slow.jobId && job.progress) updates.push(job.progress.phase);
    });
    while (runner.get(slow.jobId)?.progress === null) await new Promise((resolve) => setTimeout(resolve, 10));

    runner.cancel(slow.jobId);
    const cancelled = await runner.waitFor(slow.jobId);
    stop();
    expect(cancelled.state).toBe('cancelled');
    expect(updates).toContain('import.read');
  });

  it('cancels a queued job without running it', async () => {
    const slow = runner.submit(importOf('slow'), 'slow');
    const queued = runner.submit(importOf('d.csv'), 'd.csv');

    expect(runner.cancel(queued.jobId)?.state).toBe('cancelled');
    runner.cancel(slow.jobId);
    await runner.waitFor(slow.jobId);
    const after = await runner.waitFor(queued.jobId);
    expect(after.state).toBe('cancelled');
    expect(after.result).toBeNull();
  });
});
