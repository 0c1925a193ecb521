/**
 * File names built from request input: the browser mode's upload keeps the merchant's file
 * name inside a fresh temporary folder, and export downloads and previews name their files
 * after the format. Attack names (folder parts, absolute paths, NUL, Windows device names,
 * names too long for the file system) must never write outside the chosen folder or fail.
 * Export paths otherwise come from the merchant's own choice (the CLI's --out, the save
 * dialog), and no export builds a file name from shop data.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';

import { validateRequest } from '../../src-main/api/validators.ts';
import { receiveUpload, removeUpload, safeFileName } from '../../src-main/server/upload.ts';

const ATTACK_NAMES = [
  '../../etc/passwd', '..\\..\\Windows\\win.ini', '/abs/orders.csv', 'C:\\Users\\x\\orders.csv', '\\\\server\\share\\o.csv',
  'C:', '..', '.', '...', ' .. ', '', 'orders.csv\u0000.exe', 'a/../../b.csv', 'CON', 'con.csv', 'NUL', 'nul.tar.gz', 'COM1.txt',
  'LPT9', 'aux.', 'PRN ', 'orders.csv.', 'orders.csv   ', 'x<>:"|?*.csv', 'line\r\nbreak.csv', `${'订单'.repeat(150)}.csv`,
  `${'😀'.repeat(100)}.csv`, `${'a'.repeat(1000)}.csv`, `${'长'.repeat(70)}😀.csv`, '\u202Evsc.exe', '订单导出.csv',
];

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

const root = mkdtempSync(path.join(os.tmpdir(), 'shoprec-names-'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeRequest(body: string): IncomingMessage {
  const request = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
  request.headers = { 'content-length': String(Buffer.byteLength(body)) };
  return request;
}

function listTree(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

describe('upload file names', () => {
  it.each(ATTACK_NAMES.map((name) => [JSON.stringify(name).slice(0, 60), name]))('safeFileName keeps %s a plain name', (_, name) => {
    const safe = safeFileName(name);
    expect(safe).not.toMatch(/[/\\\0-\x1f\x7f<>:"|?*]/);
    expect(safe).not.toMatch(/^\.+$/);
    expect(safe).not.toMatch(/[. ]$/);
    expect(WINDOWS_DEVICE.test(safe), safe).toBe(false);
    expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(255);
    expect(safe).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(path.dirname(path.join(root, safe))).toBe(root);
  });

  it('keeps the extension of a long name', () => {
    expect(safeFileName(`${'订单'.repeat(150)}.csv`)).toMatch(/^订+单\.csv$|^单(订单)+\.csv$/);
    expect(safeFileName('orders.xlsx')).toBe('orders.xlsx');
    expect(safeFileName('CON.csv')).toBe('_CON.csv');
  });

  it('receiveUpload writes every attack name inside its own folder', async () => {
    const scratch = path.join(root, 'scratch');
    mkdirSync(scratch);
    const outside = listTree(root).filter((entry) => !entry.startsWith('scratch'));
    for (const name of ATTACK_NAMES) {
      const file = await receiveUpload(fakeRequest(`body of ${name}`), scratch, safeFileName(name), 1024 * 1024);
      expect(path.dirname(path.dirname(file))).toBe(scratch);
      expect(readFileSync(file, 'utf8')).toBe(`body of ${name}`);
      await removeUpload(file);
    }
    expect(listTree(scratch)).toEqual([]);
    expect(listTree(root).filter((entry) => !entry.startsWith('scratch'))).toEqual(outside);
  });
});

describe('export file names', () => {
  it.each(['exportFile', 'previewExport'] as const)('%s rejects a format that is a path', (operation) => {
    for (const format of ['../../etc/passwd', '/abs/x', 'items/../../x', 'CON', 'items\u0000', '']) {
      expect(validateRequest(operation, { format }).ok, format).toBe(false);
    }
  });
});
