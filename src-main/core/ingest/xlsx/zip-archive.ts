/**
 * Read-only access to the entries of an XLSX (zip) file through yauzl, with the guards an app
 * that opens files from anywhere needs against zip bombs. Threat model: a crafted workbook
 * whose entries unpack to far more than the file size. yauzl checks while streaming that each
 * entry unpacks to exactly the size its header declares (validateEntrySizes), so the checks
 * below can trust the declared sizes: the sum of all entries is capped, and a large entry with
 * an extreme compression ratio is refused before it is read.
 */
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ShopRecError } from '../../errors.ts';

/** Limit on the sum of all unpacked entries. */
export const MAX_TOTAL_UNPACKED_BYTES = 1024 * 1024 * 1024;
/** Entries above this size must not unpack to more than MAX_COMPRESSION_RATIO times their packed size. */
export const RATIO_CHECK_MIN_BYTES = 8 * 1024 * 1024;
/**
 * Sheet XML of real exports packs about 5 to 30 times; repetitive sheets reach about 100.
 * NOTE: these ratios are estimates from workbooks we generated, not from a survey of exports.
 */
export const MAX_COMPRESSION_RATIO = 200;

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly file: string,
  ) {}

  /** Opens the archive and reads its central directory; throws ShopRecError for bad or unsafe files. */
  static async open(filePath: string): Promise<ZipArchive> {
    const file = basename(filePath);
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, opened) => {
        if (error || !opened) reject(new ShopRecError('file.workbookInvalid', { file, reason: error?.message ?? 'no archive' }, { cause: error }));
        else resolve(opened);
      });
    });

    try {
      const entries = await readDirectory(zip, file);
      checkSizes(entries, file);
      return new ZipArchive(zip, entries, file);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Opens an entry as a byte stream; throws 'file.workbookInvalid' when it is missing. */
  async openStream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new ShopRecError('file.workbookInvalid', { file: this.file, reason: `${name} is missing` });
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) reject(this.invalid(error));
        else resolve(stream);
      });
    });
  }

  /** Reads a whole entry as UTF-8 text, for the small parts (workbook, relationships, styles). */
  async readText(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await this.openStream(name)) chunks.push(chunk as Buffer);
    } catch (error) {
      throw error instanceof ShopRecError ? error : this.invalid(error);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  invalid(error: unknown): ShopRecError {
    const reason = error instanceof Error ? error.message : String(error);
    return new ShopRecError('file.workbookInvalid', { file: this.file, reason }, { cause: error });
  }

  close(): void {
    this.zip.close();
  }
}

function readDirectory(zip: yauzl.ZipFile, file: string): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(new ShopRecError('file.workbookInvalid', { file, reason: error.message }, { cause: error })));
    zip.readEntry();
  });
}

function checkSizes(entries: Map<string, yauzl.Entry>, file: string): void {
  let total = 0;
  for (const entry of entries.values()) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > MAX_COMPRESSION_RATIO) {
      const detail = `${entry.fileName}: ${Math.round(ratio)}:1 > ${MAX_COMPRESSION_RATIO}:1`;
      throw new ShopRecError('file.workbookTooLarge', { file, detail });
    }
  }
  if (total > MAX_TOTAL_UNPACKED_BYTES) {
    const detail = `${formatMiB(total)} > ${formatMiB(MAX_TOTAL_UNPACKED_BYTES)}`;
    throw new ShopRecError('file.workbookTooLarge', { file, detail });
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
