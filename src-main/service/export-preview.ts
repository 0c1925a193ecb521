/**
 * The export preview: runs the real export into a temporary file, reads back the header and the
 * first rows, and deletes the file, so the preview shows exactly what Save would write.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { ExportFormat, ExportPreview, Reply } from '../api/contract.ts';
import type { Locale } from '../api/messages/index.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { runExport } from './api-handlers.ts';

export const DEFAULT_PREVIEW_ROWS = 20;

export async function previewExport(
  jobs: JobRunner,
  format: ExportFormat,
  locale: Locale,
  limit = DEFAULT_PREVIEW_ROWS,
): Promise<Reply<ExportPreview>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shoprec-preview-'));
  try {
    const exported = await runExport(jobs, format, path.join(dir, `${format}.csv`), locale);
    if (!exported.ok) return exported;

    const records = parseCsvRecords(await readFile(exported.value.path, 'utf8'), limit + 1);
    return { ok: true, value: { format, header: records[0] ?? [], rows: records.slice(1) } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Splits RFC 4180 text into at most `maxRecords` records: quoted cells may contain commas,
 * doubled quotes and line breaks. A leading UTF-8 byte order mark is dropped.
 */
export function parseCsvRecords(text: string, maxRecords: number): string[][] {
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
    else if (character === ',') {
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
