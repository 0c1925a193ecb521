/**
 * The API operations implemented once for both window hosts (Electron IPC and the browser-mode
 * HTTP server). Reads go through the host's own workspace connection; imports, training and
 * exports go to the job runner's worker thread. Every handler returns a Reply: engine errors become error replies, and `dispatch` turns anything else thrown into `internal`.
 */
import path from 'node:path';

import type { ApiHandlers, OperationName, ReplyOf, RequestOf } from '../api/api-surface.ts';
import type { ExportFormat, ExportSummary, JobView, Reply } from '../api/contract.ts';
import type { ErrorData } from '../api/errors.ts';
import type { Locale } from '../api/messages/index.ts';
import { validateRequest } from '../api/validators.ts';
import { toErrorData } from '../core/errors.ts';
import type { Workspace } from '../core/workspace.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { describeComputeBackend } from './compute-backend.ts';
import { previewExport } from './export-preview.ts';

export interface ApiHostContext {
  workspace: Workspace;
  jobs: JobRunner;
  /** Whether `startImport` may name a file by path; only the Electron host, which owns a file picker, allows it. */
  acceptsPaths: boolean;
  /** Asks the merchant where to save an export; null when the host cannot ask (browser mode). */
  chooseExportPath: ((format: ExportFormat) => Promise<string | null>) | null;
}

function ok<T>(value: T): Reply<T> {
  return { ok: true, value };
}

function failure(error: ErrorData): Reply<never> {
  return { ok: false, error };
}

function jobNotFound(jobId: string): Reply<never> {
  return failure({ code: 'job.notFound', kind: 'user', params: { job: jobId } });
}

/** Runs a synchronous engine call, turning anything thrown into error data. */
function attempt<T>(work: () => T): Reply<T> {
  try {
    return ok(work());
  } catch (error) {
    return failure(toErrorData(error));
  }
}

/** Queues an import of `filePath`; `onSettled` runs when the job ends (used to delete uploads). */
export function queueImport(jobs: JobRunner, filePath: string, displayName: string, onSettled?: () => void): JobView {
  const spec = { kind: 'import' as const, path: filePath, displayName };
  return jobs.submit(spec, displayName, onSettled ? { onSettled } : {});
}

/** Runs an export in the worker and waits for it, so the caller can hand the file over. */
export async function runExport(
  jobs: JobRunner,
  format: ExportFormat,
  outPath: string,
  locale: Locale,
): Promise<Reply<ExportSummary>> {
  const queued = jobs.submit({ kind: 'export', format, outPath, locale }, format);
  const done = await jobs.waitFor(queued.jobId);
  if (done.state === 'succeeded' && done.result) return ok(done.result as ExportSummary);
  return failure(done.error ?? { code: 'internal', kind: 'bug', params: { detail: 'export ended without a result' } });
}

export function createApiHandlers(context: ApiHostContext): ApiHandlers {
  const { workspace, jobs } = context;

  return {
    overview: async () => attempt(() => workspace.overview()),
    listImports: async () => attempt(() => workspace.listImports()),
    rejectedRows: async ({ importId, offset, limit }) =>
      attempt(() => workspace.rejectedRows(importId, { ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }) })),

    startImport: async ({ path: filePath }) => {
      if (!context.acceptsPaths) {
        return failure({ code: 'request.invalid', kind: 'user', params: { detail: 'this host imports uploaded files only' } });
      }
      return ok(queueImport(jobs, filePath, path.basename(filePath)));
    },
    startTraining: async ({ models }) =>
      ok(jobs.submit(models ? { kind: 'train', models } : { kind: 'train' }, models ? models.join(', ') : 'all')),
    getJob: async ({ jobId }) => {
      const job = jobs.get(jobId);
      return job ? ok(job) : jobNotFound(jobId);
    },
    cancelJob: async ({ jobId }) => {
      const job = jobs.cancel(jobId);
      return job ? ok(job) : jobNotFound(jobId);
    },
    listJobs: async () => ok(jobs.list()),

    trainingRuns: async () => attempt(() => workspace.trainingRuns()),
    recommendForCustomer: async ({ customerId, limit }) =>
      attempt(() => workspace.recommendForCustomer(customerId, limit === undefined ? {} : { limit })),
    recommendForItem: async ({ sku, limit }) =>
      attempt(() => workspace.recommendForItem(sku, limit === undefined ? {} : { limit })),
    searchCustomers: async ({ query, limit }) => attempt(() => workspace.searchCustomers(query, limit)),
    searchItems: async ({ query, limit }) => attempt(() => workspace.searchItems(query, limit)),

    exportFile: async ({ format, locale }) => {
      if (!context.chooseExportPath) {
        return failure({ code: 'request.invalid', kind: 'user', params: { detail: 'this host downloads exports from GET /api/export/<format>' } });
      }
      const outPath = await context.chooseExportPath(format);
      if (outPath === null) return ok(null);
      return runExport(jobs, format, outPath, locale ?? 'en');
    },
    previewExport: async ({ format, locale, limit }) => previewExport(jobs, format, locale ?? 'en', limit),
    salesOverTime: async ({ bucket }) => attempt(() => workspace.salesOverTime(bucket)),
    computeBackend: async () => {
      try {
        return ok(await describeComputeBackend());
      } catch (error) {
        return failure(toErrorData(error));
      }
    },
  };
}

/**
 * Validates an untrusted request and calls the operation's handler. Hosts call this with
 * whatever arrived over IPC or HTTP.
 */
export async function dispatch<K extends OperationName>(
  handlers: ApiHandlers,
  operation: K,
  body: unknown,
): Promise<Reply<ReplyOf<K>>> {
  const request = validateRequest(operation, body);
  if (!request.ok) return request;
  const handler = handlers[operation] as (request: RequestOf<K>) => Promise<Reply<ReplyOf<K>>>;
  try {
    return await handler(request.value);
  } catch (error) {
    return failure(toErrorData(error));
  }
}
