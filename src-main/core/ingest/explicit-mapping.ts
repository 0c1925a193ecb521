/**
 * Column mappings chosen by the merchant for layouts the importer does not recognise. A mapping
 * names header cells per canonical field; it is checked against the file's header before
 * anything is read, and the generic converter then applies it.
 */
import type { CanonicalField, ColumnMapping } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { normaliseHeader } from './header-synonyms.ts';

/** Fields every stored line needs; `orderId` may be left out when a customer column is mapped. */
export const REQUIRED_FIELDS: readonly CanonicalField[] = ['orderId', 'sku', 'orderedAt'];

const CANONICAL_FIELDS: ReadonlySet<string> = new Set([
  'orderId', 'sku', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt',
  'customerId', 'customerName', 'country', 'currency', 'status',
]);

/** Lists the required fields a mapping lacks: an item (sku or title), an order date, and an order number or customer. */
export function missingFields(mapping: ColumnMapping): CanonicalField[] {
  const missing: CanonicalField[] = [];
  if (mapping.orderId === undefined && mapping.customerId === undefined) missing.push('orderId');
  if (mapping.sku === undefined && mapping.title === undefined) missing.push('sku');
  if (mapping.orderedAt === undefined) missing.push('orderedAt');
  return missing;
}

/**
 * Checks a mapping against a header and returns it with each column as the header writes it.
 * Throws 'mapping.invalid' for an unknown or missing required field and 'mapping.columnNotFound'
 * for a column the header lacks.
 */
export function resolveExplicitMapping(mapping: ColumnMapping, header: readonly string[], file: string): ColumnMapping {
  const resolved: ColumnMapping = {};
  for (const [field, column] of Object.entries(mapping)) {
    if (!CANONICAL_FIELDS.has(field)) throw new ShopRecError('mapping.invalid', { field });
    if (column === undefined || column.trim() === '') continue;
    const wanted = normaliseHeader(column.trim());
    const written = header.find((cell) => normaliseHeader(cell.trim()) === wanted);
    if (written === undefined) {
      throw new ShopRecError('mapping.columnNotFound', { file, field, column, columns: header.join(', ') });
    }
    resolved[field as CanonicalField] = written;
  }

  const missing = missingFields(resolved)[0];
  if (missing !== undefined) throw new ShopRecError('mapping.invalid', { field: missing });
  return resolved;
}

/** Returns the header names a mapping uses, for finding the header row of an unknown layout. */
export function mappedColumns(mapping: ColumnMapping | undefined): string[] | undefined {
  if (mapping === undefined) return undefined;
  return Object.values(mapping).filter((column): column is string => typeof column === 'string' && column.trim() !== '');
}
