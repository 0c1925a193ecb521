/**
 * Messages between the job runner (main thread) and its worker thread. Everything here is
 * structured-cloneable plain data.
 */
import type { ColumnMapping, ExportEncoding, ExportFormat, ExportSummary, ImportSummary, ModelName, TrainingRunSummary } from '../api/contract.ts';
import type { ErrorData } from '../api/errors.ts';
import type { Locale } from '../api/messages/index.ts';

export type JobSpec =
  | { kind: 'import'; path: string; displayName: string; mapping?: ColumnMapping }
  | { kind: 'train'; models?: ModelName[] }
  | { kind: 'export'; format: ExportFormat; outPath: string; locale: Locale; options?: ExportJobOptions };

/** Export settings the merchant may choose; `record: false` marks a preview. */
export interface ExportJobOptions {
  encoding?: ExportEncoding;
  baseUrl?: string;
  record?: boolean;
}

export type JobResult = ImportSummary | TrainingRunSummary | ExportSummary;

/** Data the worker needs to start: the workspace folder it opens its own connection to. */
export interface WorkerSetup {
  workspaceDir: string;
}

export type ToWorker = { type: 'run'; jobId: string; spec: JobSpec } | { type: 'cancel'; jobId: string };

export type FromWorker =
  | { type: 'progress'; jobId: string; phase: string; done: number; total: number }
  | { type: 'succeeded'; jobId: string; result: JobResult }
  | { type: 'failed'; jobId: string; error: ErrorData };
