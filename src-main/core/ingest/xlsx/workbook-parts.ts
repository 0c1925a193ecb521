/**
 * The workbook-level parts a sheet's cells need: which part is the first sheet (workbook.xml
 * and its relationships), the shared string table, and which cell styles are date formats.
 */
import { posix } from 'node:path';
import { ShopRecError } from '../../errors.ts';
import { parseXmlStream, parseXmlText } from './xml-events.ts';
import type { ZipArchive } from './zip-archive.ts';

export interface WorkbookParts {
  sheetPath: string;
  sheetName: string;
  sharedStrings: string[];
  /** Indexes into cellXfs (a cell's `s` attribute) whose number format shows a date or time. */
  dateStyles: ReadonlySet<number>;
  /** Workbooks from old Mac Excel count days from 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

/** Built-in number formats that show dates or times, including the CJK ones (27-36, 50-58). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

export async function readWorkbookParts(archive: ZipArchive): Promise<WorkbookParts> {
  const { sheetPath, sheetName, date1904 } = await findFirstSheet(archive);
  const sharedStrings = archive.has('xl/sharedStrings.xml') ? await readSharedStrings(archive) : [];
  const dateStyles = archive.has('xl/styles.xml') ? readDateStyles(await archive.readText('xl/styles.xml')) : new Set<number>();
  return { sheetPath, sheetName, sharedStrings, dateStyles, date1904 };
}

async function findFirstSheet(archive: ZipArchive): Promise<{ sheetPath: string; sheetName: string; date1904: boolean }> {
  let relationId: string | null = null;
  let sheetName = '';
  let date1904 = false;
  parseXmlText(await archive.readText('xl/workbook.xml'), {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet' || relationId !== null) return;
      relationId = attributes['r:id'] ?? Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1] ?? null;
      sheetName = attributes.name ?? '';
    },
    close() {},
    text() {},
  });
  if (relationId === null) throw new ShopRecError('file.workbookInvalid', { file: archive.file, reason: 'the workbook has no sheet' });

  let target: string | null = null;
  parseXmlText(await archive.readText('xl/_rels/workbook.xml.rels'), {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.Id === relationId) target = attributes.Target ?? null;
    },
    close() {},
    text() {},
  });
  if (target === null) throw new ShopRecError('file.workbookInvalid', { file: archive.file, reason: 'the first sheet has no part' });

  // Targets are relative to xl/, or absolute from the package root when they start with `/`.
  const path = (target as string).startsWith('/') ? (target as string).slice(1) : posix.normalize(posix.join('xl', target));
  return { sheetPath: path, sheetName, date1904 };
}

/** Reads the shared strings; rich text runs (`<r><t>`) are joined, phonetic runs (`<rPh>`) left out. */
async function readSharedStrings(archive: ZipArchive): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phoneticDepth = 0;
  const stream = await archive.openStream('xl/sharedStrings.xml');
  try {
    for await (const _ of parseXmlStream(stream, {
      open(name) {
        if (name === 'si') current = '';
        else if (name === 'rPh') phoneticDepth++;
        else if (name === 't' && phoneticDepth === 0) inText = true;
      },
      close(name) {
        if (name === 'si') strings.push(current);
        else if (name === 'rPh') phoneticDepth--;
        else if (name === 't') inText = false;
      },
      text(text) {
        if (inText) current += text;
      },
    }));
  } catch (error) {
    throw error instanceof ShopRecError ? error : archive.invalid(error);
  }
  return strings;
}

function readDateStyles(stylesXml: string): Set<number> {
  const customFormats = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  parseXmlText(stylesXml, {
    open(name, attributes) {
      if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });

  const dateStyles = new Set<number>();
  formatIds.forEach((id, index) => {
    const code = customFormats.get(id);
    if (code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormatCode(code)) dateStyles.add(index);
  });
  return dateStyles;
}

/** A format code shows a date when, outside quoted text, escapes and [colour] tags, it has d, m, y, h or s. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmyhs年月日]/i.test(bare) && !/^general$/i.test(bare.trim());
}
