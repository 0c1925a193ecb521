import type { CanonicalField, ColumnMapping } from '../../../api/contract.ts';
import { normaliseHeader } from '../header-synonyms.ts';

/** Column positions per canonical field, resolved once per file; -1 marks an absent column. */
export type ColumnIndexes = Record<CanonicalField, number>;

const FIELDS: readonly CanonicalField[] = [
  'orderId', 'sku', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt',
  'customerId', 'customerName', 'country', 'currency', 'status',
];

export function resolveColumns(header: readonly string[], mapping: ColumnMapping): ColumnIndexes {
  const indexes = {} as ColumnIndexes;
  for (const field of FIELDS) {
    const name = mapping[field];
    indexes[field] = name === undefined ? -1 : header.indexOf(name);
  }
  return indexes;
}

/** Finds a column that has no canonical field (Shopify's `Cancelled at`) by its normalised name. */
export function findColumn(header: readonly string[], name: string): number {
  const wanted = normaliseHeader(name);
  return header.findIndex((cell) => normaliseHeader(cell.trim()) === wanted);
}

/** Collects up to `limit` non-empty values of one column from sample rows, for per-file detection. */
export function sampleColumn(rows: readonly (readonly string[])[], index: number, limit = 500): string[] {
  const values: string[] = [];
  if (index < 0) return values;
  for (const row of rows) {
    const value = row[index]?.trim();
    if (value) values.push(value);
    if (values.length >= limit) break;
  }
  return values;
}
