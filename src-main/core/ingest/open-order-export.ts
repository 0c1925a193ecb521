/**
 * Entry point of the ingest layer. It detects the container, encoding, delimiter, header and
 * layout of an order export up front, so a file that cannot be imported fails before anything
 * is written. The returned reader then streams the whole file once in batches.
 */
import { basename } from 'node:path';
import type { TextEncoding } from '../../api/contract.ts';
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import { createLogger } from '../log.ts';
import { decodeSample, detectEncoding } from './detect-encoding.ts';
import { rejectBinarySample, rejectDoubleEncoding } from './detect-damage.ts';
import { detectLayout } from './detect-layout.ts';
import { findHeaderRow } from './find-header.ts';
import { createRowConverter } from './formats/index.ts';
import { rejectNonTextContainers, sniffContainer } from './sniff-container.ts';
import { streamBatches } from './stream-batches.ts';
import type { DetectedLayout, OrderExportReader } from './types.ts';

const log = createLogger('ingest');

export const DEFAULT_BATCH_SIZE = 5000;

const UNICODE_ENCODINGS: ReadonlySet<TextEncoding> = new Set(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be']);

export async function openOrderExport(
  filePath: string,
  options: { signal?: AbortSignal; batchSize?: number } = {},
): Promise<OrderExportReader> {
  const file = basename(filePath);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  throwIfCancelled(options.signal);

  const sniffed = await sniffContainer(filePath);
  rejectNonTextContainers(sniffed.sample, file);
  const encoding = detectEncoding(sniffed.sample, sniffed.sampleIsComplete);
  rejectBinarySample(sniffed.sample, encoding, file);

  const sampleText = decodeSample(sniffed.sample, encoding, sniffed.sampleIsComplete);
  if (sniffed.sampleIsComplete && sampleText.replace(/\uFEFF/g, '').trim() === '') {
    throw new ShopRecError('file.empty', { file });
  }
  const headerRow = findHeaderRow(sampleText, sniffed.sampleIsComplete, file);
  if (UNICODE_ENCODINGS.has(encoding)) rejectDoubleEncoding(headerRow.headerText, sampleText, file);

  const match = detectLayout(headerRow.header, file);
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

  return {
    layout,
    fileBytes: sniffed.fileBytes,
    batches: () =>
      streamBatches({
        filePath,
        container: sniffed.container,
        encoding,
        layout,
        converter,
        batchSize,
        signal: options.signal,
      }),
  };
}
