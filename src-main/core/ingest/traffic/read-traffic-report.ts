/**
 * Reads a whole traffic report into memory. Reports hold one row per item (and day), a few
 * thousand rows at most, so they are read in one pass without batching.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ShopRecError } from '../../errors.ts';
import { CsvRecordReader } from '../csv-records.ts';
import { createStreamingDecoder } from '../detect-encoding.ts';
import type { InspectedFile } from '../inspect-file.ts';
import { isBlank } from '../stream-batches.ts';
import { openXlsxSheet } from '../xlsx/open-sheet.ts';
import { trafficProfile } from './profiles.ts';
import { periodFromFileName, periodFromPreamble } from './traffic-period.ts';
import { createTrafficConverter, isTrafficRejection, type TrafficRejection, type TrafficRow } from './traffic-rows.ts';

export interface TrafficReport {
  rows: TrafficRow[];
  rejected: Array<TrafficRejection & { raw: string }>;
  rowsRead: number;
}

/** Reads every data row of an inspected traffic report; `fileName` is the name shown to the merchant. */
export async function readTrafficReport(filePath: string, inspected: InspectedFile, format: string, fileName: string): Promise<TrafficReport> {
  const profile = trafficProfile(format);
  if (profile === undefined) throw new Error(`${format} is not a traffic format`);

  const period = periodFromPreamble(inspected.preamble) ?? periodFromFileName(fileName);
  const converter = createTrafficConverter(profile, inspected.header, inspected.sampleRows, period);
  const report: TrafficReport = { rows: [], rejected: [], rowsRead: 0 };
  let afterHeader = false;
  let missingDate = false;

  for await (const { fields, lineNumber } of records(filePath, inspected)) {
    if (!afterHeader) {
      afterHeader = sameRow(fields, inspected.header);
      continue;
    }
    report.rowsRead++;
    if (isBlank(fields)) continue;
    const result = converter.convert(fields, lineNumber);
    if (!isTrafficRejection(result)) report.rows.push(result);
    else {
      missingDate ||= result.reason === 'missingDate';
      report.rejected.push({ ...result, raw: fields.join(inspected.delimiter || '\t').slice(0, 4096) });
    }
  }

  if (report.rows.length === 0 && missingDate) throw new ShopRecError('file.trafficDateMissing', { file: fileName });
  return report;
}

function sameRow(fields: readonly string[], header: readonly string[]): boolean {
  return header.every((name, index) => (fields[index] ?? '').trim().replace(/^\uFEFF/, '') === name);
}

async function* records(filePath: string, inspected: InspectedFile): AsyncGenerator<{ fields: string[]; lineNumber: number }> {
  if (inspected.container === 'xlsx') {
    const sheet = await openXlsxSheet(filePath);
    try {
      for await (const row of sheet.rows()) yield { fields: row.cells, lineNumber: row.rowNumber };
    } finally {
      sheet.close();
    }
    return;
  }

  const reader = new CsvRecordReader(inspected.delimiter);
  const decoder = createStreamingDecoder(inspected.encoding);
  const file = createReadStream(filePath);
  const input: Readable = inspected.container === 'gzip' ? file.pipe(createGunzip()) : file;
  for await (const chunk of input) {
    reader.push(decoder.write(chunk as Buffer));
    for (let fields = reader.next(); fields !== null; fields = reader.next()) yield { fields, lineNumber: reader.recordLine };
  }
  reader.push(decoder.end());
  reader.end();
  for (let fields = reader.next(); fields !== null; fields = reader.next()) yield { fields, lineNumber: reader.recordLine };
}
