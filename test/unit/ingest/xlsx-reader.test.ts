import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { formatMessage } from '../../../src-main/api/messages/index.ts';
import { openOrderExport } from '../../../src-main/core/ingest/open-order-export.ts';
import { columnIndex, serialToText } from '../../../src-main/core/ingest/xlsx/sheet-rows.ts';
import { isDateFormatCode } from '../../../src-main/core/ingest/xlsx/workbook-parts.ts';
import { errorOf, fixture } from './read-export.ts';

const PLATFORMS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/platforms');

describe('xlsx reader', () => {
  it('refuses a workbook that unpacks too far', async () => {
    const error = await errorOf(openOrderExport(path.join(PLATFORMS, 'zip-bomb.xlsx')));
    expect(error.code).toBe('file.workbookTooLarge');
    expect(String(error.params.detail)).toContain('xl/worksheets/padding.xml');
  });

  it('rejects a truncated zip as an invalid workbook', async () => {
    const error = await errorOf(openOrderExport(fixture('workbook.csv')));
    expect(error.code).toBe('file.workbookInvalid');
  });

  it('asks for xlsx or csv for a legacy xls', async () => {
    const error = await errorOf(openOrderExport(fixture('legacy-workbook.xls')));
    expect(error.code).toBe('file.spreadsheetNotSupported');
    expect(formatMessage('en', 'error.file.spreadsheetNotSupported', { file: 'a.xls' })).toContain('.xlsx');
    expect(formatMessage('zh-CN', 'error.file.spreadsheetNotSupported', { file: 'a.xls' })).toContain('.xlsx');
  });

  it('keeps 18-digit IDs written as text', async () => {
    const reader = await openOrderExport(path.join(PLATFORMS, 'taobao-orders.xlsx'));
    const refs: string[] = [];
    for await (const batch of reader.batches()) refs.push(...batch.lines.map((line) => line.orderRef));
    expect(refs).toEqual(['3901234567890123455', '3901234567890123455', '3901234567890123458']);
    expect(reader.layout.delimiter).toBe('');
  });

  it.each([
    ['yyyy"年"m"月"d"日"', true],
    ['m/d/yyyy h:mm', true],
    ['[$-804]yyyy/m/d', true],
    ['0.00%', false],
    ['#,##0 "元"', false],
    ['General', false],
  ])('classifies format %s as date: %s', (code, isDate) => {
    expect(isDateFormatCode(code)).toBe(isDate);
  });

  it('converts date serials to wall-clock text', () => {
    // Checked with Python: datetime(1899, 12, 30) + timedelta(days=45717.84103009259).
    expect(serialToText(45717.84103009259, false)).toBe('2025-03-01 20:11:05');
    expect(serialToText(45718, false)).toBe('2025-03-02');
    // The 1904 system counts 1462 days fewer for the same day.
    expect(serialToText(45718 - 1462, true)).toBe('2025-03-02');
  });

  it('reads column letters', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AA10')).toBe(26);
    expect(columnIndex('BC12')).toBe(54);
  });
});
