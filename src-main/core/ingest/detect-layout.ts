/**
 * Layout recognition from header names, never from column positions: platforms add, drop and
 * reorder columns between export versions. Known layouts are matched by their full column set;
 * anything else is mapped field by field through the synonym table.
 */
import type { CanonicalField, ColumnMapping, ImportKind, SourceFormat } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { matchesProfile, PLATFORM_PROFILES, platformHeaderNames, profileMapping } from './formats/platforms/index.ts';
import { TRAFFIC_PROFILES, trafficHeaderNames } from './traffic/profiles.ts';
import { trafficMapping } from './traffic/traffic-columns.ts';
import {
  FIELD_SYNONYMS,
  KNOWN_HEADER_NAMES,
  ONLINE_RETAIL_COLUMNS,
  ONLINE_RETAIL_II_COLUMNS,
  SHOPIFY_COLUMNS,
  SHOPIFY_REQUIRED,
  normaliseHeader,
} from './header-synonyms.ts';

export interface LayoutMatch {
  format: SourceFormat;
  kind: ImportKind;
  mapping: ColumnMapping;
}

/** Header names of the platform and traffic layouts, which the synonym table does not list. */
const PROFILE_HEADER_NAMES: ReadonlySet<string> = new Set(
  [...platformHeaderNames(), ...trafficHeaderNames()].map(normaliseHeader),
);

const GENERIC_FIELD_ORDER: readonly CanonicalField[] = [
  'orderId', 'sku', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt',
  'customerId', 'customerName', 'country', 'currency', 'status',
];

/** Number of header names listed in the error, enough to recognise the file. */
export const COLUMNS_IN_ERROR = 6;

/** Counts the cells that are a known header name of any layout. */
export function countKnownHeaderNames(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    const name = normaliseHeader(cell.trim());
    if (KNOWN_HEADER_NAMES.has(name) || PROFILE_HEADER_NAMES.has(name)) count++;
  }
  return count;
}

/** Recognises the layout of a header row; throws ShopRecError when it cannot be imported. */
export function detectLayout(header: readonly string[], file: string): LayoutMatch {
  const known = recogniseLayout(header);
  if (known) return known;

  const mapping = guessMapping(header);
  checkGenericMapping(mapping, header, file);
  return { format: 'generic', kind: 'orders', mapping };
}

/** Returns the known layout (UCI, Shopify, a platform or a traffic report) of a header, or null. */
export function recogniseLayout(header: readonly string[]): LayoutMatch | null {
  const byName = namesOf(header);

  const onlineRetail = mapAll(byName, ONLINE_RETAIL_COLUMNS);
  if (onlineRetail) return { format: 'online-retail', kind: 'orders', mapping: onlineRetail };
  const onlineRetailII = mapAll(byName, ONLINE_RETAIL_II_COLUMNS);
  if (onlineRetailII) return { format: 'online-retail-ii', kind: 'orders', mapping: onlineRetailII };
  const shopify = mapShopify(byName);
  if (shopify) return { format: 'shopify-orders', kind: 'orders', mapping: shopify };

  const names = new Set(byName.keys());
  const platform = PLATFORM_PROFILES.find((profile) => matchesProfile(profile, names));
  if (platform) return { format: platform.format, kind: 'orders', mapping: profileMapping(platform, header) };
  const traffic = TRAFFIC_PROFILES.find((profile) => profile.signature.every((group) => group.some((name) => names.has(normaliseHeader(name)))));
  if (traffic) return { format: traffic.format, kind: 'traffic', mapping: trafficMapping(traffic, header) };
  return null;
}

/** Maps each canonical field onto the header through the synonym table; never throws. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  return mapGeneric(namesOf(header));
}

function namesOf(header: readonly string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const cell of header) {
    const key = normaliseHeader(cell.trim());
    if (key.length > 0 && !byName.has(key)) byName.set(key, cell);
  }
  return byName;
}

function mapAll(byName: Map<string, string>, columns: Partial<Record<CanonicalField, string>>): ColumnMapping | null {
  const mapping: ColumnMapping = {};
  for (const [field, name] of Object.entries(columns) as Array<[CanonicalField, string]>) {
    const written = byName.get(normaliseHeader(name));
    if (written === undefined) return null;
    mapping[field] = written;
  }
  return mapping;
}

function mapShopify(byName: Map<string, string>): ColumnMapping | null {
  const mapping: ColumnMapping = {};
  for (const [field, name] of Object.entries(SHOPIFY_COLUMNS) as Array<[CanonicalField, string]>) {
    const written = byName.get(normaliseHeader(name));
    if (written !== undefined) mapping[field] = written;
  }
  return SHOPIFY_REQUIRED.every((field) => mapping[field] !== undefined) ? mapping : null;
}

function mapGeneric(byName: Map<string, string>): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();

  for (const field of GENERIC_FIELD_ORDER) {
    for (const synonym of FIELD_SYNONYMS[field]) {
      const written = byName.get(normaliseHeader(synonym));
      if (written === undefined || used.has(written)) continue;
      mapping[field] = written;
      used.add(written);
      break;
    }
  }
  return mapping;
}

/** Throws when a generic mapping lacks what every stored line needs. */
export function checkGenericMapping(mapping: ColumnMapping, header: readonly string[], file: string): void {
  const hasOrder = mapping.orderId !== undefined || mapping.orderedAt !== undefined;
  const hasItem = mapping.sku !== undefined || mapping.title !== undefined;
  if (!hasOrder || !hasItem) {
    const columns = header.slice(0, COLUMNS_IN_ERROR).join(', ');
    throw new ShopRecError('file.unrecognisedColumns', { file, columns });
  }

  // Every stored line needs a time, and an order number or a customer to derive one from.
  if (mapping.orderedAt === undefined) {
    throw new ShopRecError('file.missingColumn', { file, column: '下单时间 / order date' });
  }
  if (mapping.orderId === undefined && mapping.customerId === undefined) {
    throw new ShopRecError('file.missingColumn', { file, column: '订单号 / order number' });
  }
}
