import type { CanonicalField, ColumnMapping } from '../api/contract.ts';
import { UsageError } from './args.ts';

export const MAP_FIELDS: readonly CanonicalField[] = [
  'orderId', 'sku', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt',
  'customerId', 'customerName', 'country', 'currency', 'status',
];

/**
 * Parses `--map orderId=订单编号,sku=商家编码`. Column names may hold spaces and `=` after the
 * first one, but not commas, because the comma separates the pairs.
 */
export function parseMapOption(text: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    const field = pair.slice(0, equals).trim();
    const column = pair.slice(equals + 1).trim();
    if (equals <= 0 || column === '' || !(MAP_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError('usage.invalidMap', { value: pair.trim(), fields: MAP_FIELDS.join(', ') });
    }
    mapping[field as CanonicalField] = column;
  }
  if (Object.keys(mapping).length === 0) throw new UsageError('usage.invalidMap', { value: text, fields: MAP_FIELDS.join(', ') });
  return mapping;
}
