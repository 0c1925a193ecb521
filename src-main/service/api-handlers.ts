/**
 * The API operations implemented once for both window hosts (Electron IPC and the browser-mode
 * HTTP server). Reads go through the host's own workspace connection; imports, training and
 * exports go to the job runner's worker thread. Every handler returns a Reply: engine errors become error replies, and `dispatch` turns anything else thrown into `internal`.
 */
import path from 'node:path';

import type { ApiHandlers, OperationName, ReplyOf, RequestOf } from '../api/api-surface.ts';
import type { ExportRequest } from '../api/api-surface.ts';
import type { ColumnMapping, ExportSummary, JobView, Reply } from '../api/contract.ts';
import type { ErrorData } from '../api/errors.ts';
import { validateRequest } from '../api/validators.ts';
import { toErrorData } from '../core/errors.ts';
import { createLogger } from '../core/log.ts';
import type { Workspace } from '../core/workspace.ts';
import type { ExportJobOptions } from '../jobs/job-messages.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { describeComputeBackend } from './compute-backend.ts';
import { previewExport } from './export-preview.ts';

const log = createLogger('api');

export interface ApiHostContext {
  workspace: Workspace;
  jobs: JobRunner;
  /** Whether `startImport` may name a file by path; only the Electron host, which owns a file picker, allows it. */
  acceptsPaths: boolean;
  /** Asks the merchant where to save an export; null when the host cannot ask (browser mode). */
  chooseExportPath: ((format: ExportRequest['format']) => Promise<string | null>) | null;
  /** The browser mode's uploaded files, named by upload id; absent where imports name paths. */
  uploads?: UploadSources;
}

/** Files a host keeps for imports that may be retried with a column mapping. */
export interface UploadSources {
  /** The file and the merchant's name for it, or null when the id is unknown or expired. */
  resolve(uploadId: string): { path: string; name: string } | null;
  /** Called when an import of the upload ends. The host deletes the file unless the import needs a mapping. */
  settled(uploadId: string, job: JobView): void;
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

export interface ImportJobOptions {
  /** The reference the window uses to preview or retry the file (a path or an upload id). */
  source?: string;
  mapping?: ColumnMapping;
  /** Runs when the job ends (used to delete uploads). */
  onSettled?: (job: JobView) => void;
}

/** Queues an import of `filePath`. */
export function queueImport(jobs: JobRunner, filePath: string, displayName: string, options: ImportJobOptions = {}): JobView {
  const spec = { kind: 'import' as const, path: filePath, displayName, ...(options.mapping ? { mapping: options.mapping } : {}) };
  return jobs.submit(spec, displayName, {
    ...(options.onSettled ? { onSettled: options.onSettled } : {}),
    ...(options.source === undefined ? {} : { source: options.source }),
  });
}

/** The settings of an export request the worker passes on to the engine, without undefined fields. */
export function exportJobOptions(request: Omit<ExportRequest, 'format' | 'locale'>, record = true): ExportJobOptions {
  return {
    ...(request.encoding ? { encoding: request.encoding } : {}),
    ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
    ...(record ? {} : { record: false }),
  };
}

/** Runs an export in the worker and waits for it, so the caller can hand the file over. */
export async function runExport(
  jobs: JobRunner,
  request: ExportRequest,
  outPath: string,
  options: ExportJobOptions = exportJobOptions(request),
): Promise<Reply<ExportSummary>> {
  const { format, locale = 'en' } = request;
  const queued = jobs.submit({ kind: 'export', format, outPath, locale, options }, format);
  const done = await jobs.waitFor(queued.jobId);
  if (done.state === 'succeeded' && done.result) return ok(done.result as ExportSummary);
  return failure(done.error ?? { code: 'internal', kind: 'bug', params: { detail: 'export ended without a result' } });
}

function uploadNotFound(source: string): Reply<never> {
  log.warn('import source not found', { source });
  return failure({ code: 'request.invalid', kind: 'user', params: { detail: `no uploaded file "${source}"; upload it again` } });
}

export function createApiHandlers(context: ApiHostContext): ApiHandlers {
  const { workspace, jobs } = context;

  /** The file behind an import's source: the path itself in Electron, the kept upload in browser mode. */
  const fileOf = (source: string): { path: string; name: string } | null => {
    if (context.acceptsPaths) return { path: source, name: path.basename(source) };
    return context.uploads?.resolve(source) ?? null;
  };

  return {
    overview: async () => attempt(() => workspace.overview()),
    listImports: async () => attempt(() => workspace.listImports()),
    rejectedRows: async ({ importId, offset, limit }) =>
      attempt(() => workspace.rejectedRows(importId, { ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }) })),

    startImport: async ({ path: filePath }) => {
      if (!context.acceptsPaths) {
        return failure({ code: 'request.invalid', kind: 'user', params: { detail: 'this host imports uploaded files only' } });
      }
      return ok(queueImport(jobs, filePath, path.basename(filePath), { source: filePath }));
    },
    previewImport: async ({ source }) => {
      const file = fileOf(source);
      if (!file) return uploadNotFound(source);
      try {
        return ok(await workspace.previewFile(file.path, { displayName: file.name }));
      } catch (error) {
        return failure(toErrorData(error));
      }
    },
    importWithMapping: async ({ source, mapping }) => {
      const file = fileOf(source);
      if (!file) return uploadNotFound(source);
      const uploads = context.acceptsPaths ? undefined : context.uploads;
      return ok(
        queueImport(jobs, file.path, file.name, {
          source,
          mapping,
          ...(uploads ? { onSettled: (job: JobView) => uploads.settled(source, job) } : {}),
        }),
      );
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

    exportFile: async (request) => {
      if (!context.chooseExportPath) {
        return failure({ code: 'request.invalid', kind: 'user', params: { detail: 'this host downloads exports from GET /api/export/<format>' } });
      }
      const outPath = await context.chooseExportPath(request.format);
      if (outPath === null) return ok(null);
      return runExport(jobs, request, outPath);
    },
    previewExport: async ({ limit, ...request }) => previewExport(jobs, request, limit),
    salesOverTime: async ({ bucket }) => attempt(() => workspace.salesOverTime(bucket)),
    outcomes: async () => attempt(() => workspace.outcomes()),
    trafficMetrics: async (query) => attempt(() => workspace.trafficMetrics(query)),
    computeBackend: async () => {
      try {
        return ok(await describeComputeBackend());
      } catch (error) {
        return failure(toErrorData(error));
      }
    },

    knowledgeSummary: async () => attempt(() => workspace.knowledgeSummary()),
    listModelVersions: async () => attempt(() => workspace.listModelVersions()),
    setServingVersion: async ({ versionId }) => attempt(() => workspace.setServingVersion(versionId)),
    compareVersions: async ({ a, b }) => attempt(() => workspace.compareVersions(a, b)),
    latestChangeReport: async () => attempt(() => workspace.latestChangeReport()),
    setPseudonymiseCustomers: async ({ enabled }) =>
      attempt(() => {
        workspace.setPseudonymiseCustomers(enabled);
        return workspace.knowledgeSummary();
      }),
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
