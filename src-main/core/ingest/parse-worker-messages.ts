import type { TextEncoding } from '../../api/contract.ts';
import type { ErrorData } from '../../api/errors.ts';
import type { TransferredBatch } from './batch-transfer.ts';

/** Batches the parse worker may post ahead of the storing side's `more` messages. */
export const PARSE_WORKER_AHEAD = 3;

export interface ParseWorkerSetup {
  filePath: string;
  batchSize: number;
  /** The encoding to read the file in, or null to detect it. */
  encoding: TextEncoding | null;
  /** The TypeScript module that tsx-worker.mjs imports, when running from sources. */
  typescriptModule: string | null;
}

export type FromParseWorker =
  | { type: 'batch'; batch: TransferredBatch }
  | { type: 'done' }
  | { type: 'error'; error: ErrorData };

/** Sent after each batch is stored: the worker may parse one more. */
export interface ToParseWorker {
  type: 'more';
}
