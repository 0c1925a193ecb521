import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Public data sets, kept in shared/datasets next to the repository checkout. */
export const DATASETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets');

export const ZH_TITLES_CSV = path.join(DATASETS, 'zh-ecommerce-titles-ner', 'titles.csv');
export const INSTACART_PRODUCTS_CSV = path.join(DATASETS, 'instacart-first-1000-orders', 'products.csv');

/** Reads a comma-separated file with RFC 4180 quoting into header-keyed records. */
export function readCsv(file: string): Record<string, string>[] {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'));
  const [header, ...body] = rows;
  if (!header) return [];
  return body
    .filter((row) => row.length > 1 || row[0] !== '')
    .map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const character = text[i]!;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Splits a `|`-joined entity column into its distinct values. */
export function entities(column: string | undefined): Set<string> {
  return new Set((column ?? '').split('|').filter((value) => value !== ''));
}

export function sharesAny(a: Set<string>, b: Set<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}
