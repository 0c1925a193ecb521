/**
 * Entry point of the ingest layer. It detects the container, encoding, delimiter, header and
 * layout of an order export up front, so a file that cannot be imported fails before anything
 * is written. The returned reader then streams the whole file once in batches.
 */
import { basename } from 'node:path';
import type { ColumnMapping, TextEncoding } from '../../api/contract.ts';
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import { createLogger } from '../log.ts';
import { decodeSample, detectEncoding } from './detect-encoding.ts';
import { rejectBinarySample, rejectDoubleEncoding } from './detect-damage.ts';
import { detectLayout, type LayoutMatch } from './detect-layout.ts';
import { mappedColumns, resolveExplicitMapping } from './explicit-mapping.ts';
import { findHeaderRow } from './find-header.ts';
import { createRowConverter } from './formats/index.ts';
import { hasIdleCore } from './idle-core.ts';
import { rejectNonTextContainers, sniffContainer } from './sniff-container.ts';
import { streamBatches } from './stream-batches.ts';
import type { DetectedLayout, OrderExportReader } from './types.ts';
import { startParseWorker } from './worker-batches.ts';
import { openXlsxOrderExport } from './xlsx/open-xlsx-export.ts';

const log = createLogger('ingest');

export const DEFAULT_BATCH_SIZE = 5000;

/**
 * Files from this size up are parsed in a worker thread when the caller allows it. Below it,
 * starting the worker (tens of milliseconds, more under tsx) costs more than it saves.
 */
export const WORKER_MIN_FILE_BYTES = 4 * 1024 * 1024;

const UNICODE_ENCODINGS: ReadonlySet<TextEncoding> = new Set(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be']);

/**
 * Detects the layout of `filePath` and returns a reader of its batches. With `parseInWorker`, a
 * file of at least WORKER_MIN_FILE_BYTES starts parsing in a worker thread at once when a core is
 * idle; call the reader's `close()` if its batches are then never read. `encoding` replaces the
 * detected one, for an import run again after `file.invalidUtf8` named the file's real encoding.
 */
export async function openOrderExport(
  filePath: string,
  options: { signal?: AbortSignal; batchSize?: number; parseInWorker?: boolean; mapping?: ColumnMapping; encoding?: TextEncoding } = {},
): Promise<OrderExportReader> {
  const file = basename(filePath);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  throwIfCancelled(options.signal);

  const sniffed = await sniffContainer(filePath);
  if (sniffed.container === 'xlsx') {
    return openXlsxOrderExport(filePath, sniffed.fileBytes, { signal: options.signal, batchSize, mapping: options.mapping });
  }
  rejectNonTextContainers(sniffed.sample, file);
  const encoding = options.encoding ?? detectEncoding(sniffed.sample, sniffed.sampleIsComplete);
  rejectBinarySample(sniffed.sample, encoding, file);

  const sampleText = decodeSample(sniffed.sample, encoding, sniffed.sampleIsComplete);
  if (sniffed.sampleIsComplete && sampleText.replace(/\uFEFF/g, '').trim() === '') {
    throw new ShopRecError('file.empty', { file });
  }
  const headerRow = findHeaderRow(sampleText, sniffed.sampleIsComplete, file, mappedColumns(options.mapping));
  if (UNICODE_ENCODINGS.has(encoding)) rejectDoubleEncoding(headerRow.headerText, sampleText, file);

  // A merchant's mapping replaces detection; the generic converter applies it.
  const match: LayoutMatch = options.mapping
    ? { format: 'generic', kind: 'orders', mapping: resolveExplicitMapping(options.mapping, headerRow.header, file) }
    : detectLayout(headerRow.header, file);
  const layout: DetectedLayout = {
    format: match.format,
    encoding,
    delimiter: headerRow.delimiter,
    header: headerRow.header,
    headerLineNumber: headerRow.headerLineNumber,
    mapping: match.mapping,
  };
  const converter = createRowConverter(layout, headerRow.sampleRows);
  log.info('detected order export layout', {
    format: layout.format,
    encoding,
    container: sniffed.container,
    headerLine: layout.headerLineNumber,
  });

  const inThread = () =>
    streamBatches({
      filePath,
      container: sniffed.container,
      encoding,
      layout,
      converter,
      batchSize,
      signal: options.signal,
    });
  // The worker opens the file again with detection only, so a merchant's mapping keeps parsing here.
  const useWorker =
    options.parseInWorker === true && options.mapping === undefined && sniffed.fileBytes >= WORKER_MIN_FILE_BYTES && hasIdleCore();
  const worker = useWorker ? startParseWorker(filePath, batchSize, options.encoding) : null;
  log.debug(worker ? 'parsing in a worker thread' : 'parsing in this thread', { file: basename(filePath), requested: options.parseInWorker === true });
  return {
    layout,
    fileBytes: sniffed.fileBytes,
    batches: worker ? () => worker.batches(inThread, options.signal) : inThread,
    close: () => worker?.close(),
  };
}
