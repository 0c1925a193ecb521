/**
 * The export preview: runs the real export into a temporary file, reads back the header and the
 * first rows, and deletes the file, so the preview shows exactly what Save would write.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { ExportRequest } from '../api/api-surface.ts';
import type { ExportPreview, Reply } from '../api/contract.ts';
import { FORMAT_WRITERS } from '../core/export/formats/index.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { exportJobOptions, runExport } from './api-handlers.ts';

export const DEFAULT_PREVIEW_ROWS = 20;

/**
 * Writes the export in UTF-8 whatever encoding the merchant chose, so it reads back as text,
 * and does not record it, so the outcome measurements never count a preview as an export.
 */
export async function previewExport(jobs: JobRunner, request: ExportRequest, limit = DEFAULT_PREVIEW_ROWS): Promise<Reply<ExportPreview>> {
  const { format } = request;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shoprec-preview-'));
  try {
    const options = exportJobOptions({ ...request, encoding: 'utf-8' }, false);
    const exported = await runExport(jobs, request, path.join(dir, `${format}.csv`), options);
    if (!exported.ok) return exported;

    const text = await readFile(exported.value.path, 'utf8');
    const records = parseCsvRecords(text, limit + 1, FORMAT_WRITERS[format].delimiter);
    return { ok: true, value: { format, header: records[0] ?? [], rows: records.slice(1) } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Splits RFC 4180 text into at most `maxRecords` records: quoted cells may contain the
 * delimiter, doubled quotes and line breaks. A leading UTF-8 byte order mark is dropped.
 */
export function parseCsvRecords(text: string, maxRecords: number, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let index = text.startsWith('\uFEFF') ? 1 : 0;

  const endRecord = (): void => {
    record.push(cell);
    records.push(record);
    record = [];
    cell = '';
  };

  for (; index < text.length && records.length < maxRecords; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === delimiter) {
      record.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      endRecord();
      index++;
    } else if (character === '\n' || character === '\r') endRecord();
    else cell += character;
  }

  if (records.length < maxRecords && (cell !== '' || record.length > 0)) endRecord();
  return records;
}
