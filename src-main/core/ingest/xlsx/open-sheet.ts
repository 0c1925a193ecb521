import { ShopRecError } from '../../errors.ts';
import { readSheetRows, type SheetRow } from './sheet-rows.ts';
import { readWorkbookParts, type WorkbookParts } from './workbook-parts.ts';
import { ZipArchive } from './zip-archive.ts';

/** The first sheet of an XLSX workbook; `rows()` streams it from the start on each call. */
export interface XlsxSheet {
  parts: WorkbookParts;
  rows(): AsyncGenerator<SheetRow>;
  close(): void;
}

export async function openXlsxSheet(filePath: string): Promise<XlsxSheet> {
  const archive = await ZipArchive.open(filePath);
  try {
    const parts = await readWorkbookParts(archive);
    if (!archive.has(parts.sheetPath)) {
      throw new ShopRecError('file.workbookInvalid', { file: archive.file, reason: `${parts.sheetPath} is missing` });
    }
    return {
      parts,
      async *rows() {
        const stream = await archive.openStream(parts.sheetPath);
        try {
          yield* readSheetRows(stream, parts);
        } catch (error) {
          throw error instanceof ShopRecError ? error : archive.invalid(error);
        } finally {
          stream.destroy();
        }
      },
      close: () => archive.close(),
    };
  } catch (error) {
    archive.close();
    throw error;
  }
}
