/**
 * The description of one shop platform's order export that the shared platform converter
 * reads: which header names identify the layout, which columns feed each field (in order of
 * preference, first non-empty cell wins per row), and the platform's quirks.
 */
import type { CanonicalField, ColumnMapping, OrderFormat } from '../../../../api/contract.ts';
import { normaliseHeader } from '../../header-synonyms.ts';

/** Fields with a list of candidate columns; `productId` is the platform's own product number. */
export type ProfileField = Exclude<CanonicalField, 'customerName'> | 'productId';

/** One product named inside a cell that lists several (WooCommerce `Product(s)`, Taobao `宝贝标题`). */
export interface ListedItem {
  title: string;
  quantity: number;
}

export interface PlatformProfile {
  format: OrderFormat;
  /** Every group must have one column present for a header to be this layout. */
  signature: readonly (readonly string[])[];
  columns: Partial<Record<ProfileField, readonly string[]>>;
  /**
   * Customer key columns, best first: buyer IDs and nicknames before masked names and phones.
   * When only masked values (`张**`, `1******6198`) are present, they are joined, because one
   * masked value alone is shared by many buyers.
   */
  customer?: readonly string[];
  /**
   * Columns of the platform's line ID (sub-order, transaction, order item). The line ID joins the
   * fingerprint, so two equal lines of one order (Lazada lists each unit as an order item) both count.
   */
  lineKey?: readonly string[];
  /** Columns whose text is tested by `returnStatus`. */
  statusColumns?: readonly string[];
  returnStatus?: RegExp;
  /** Order-level fields are filled on an order's first row only, so they carry forward. */
  orderFieldsOnFirstRowOnly?: boolean;
  /** A row with an order number but no item is the order's summary row (eBay multi-item orders). */
  summaryRowWithoutItem?: boolean;
  /** Money in the export is in this currency when no column names one. */
  currency?: string;
  /** Forces the order of numeric dates; detected from the sample when left out. */
  dayFirst?: boolean;
  /** Order numbers that start with the order's date as YYMMDD (拼多多, Shopee). */
  orderIdStartsWithDate?: boolean;
  /** A cell that lists the order's products; the rows then have no item columns. */
  itemList?: { column: string; parse: (text: string, row: ItemListRow) => ListedItem[] | null };
}

/** Returns the cleaned cell of the row an item list is read from, by header name. */
export type ItemListRow = (column: string) => string | null;

/** Returns true when every signature group has a column in the header. */
export function matchesProfile(profile: PlatformProfile, normalisedHeader: ReadonlySet<string>): boolean {
  return profile.signature.every((group) => group.some((name) => normalisedHeader.has(normaliseHeader(name))));
}

/** Builds the mapping shown and stored for a platform file: the first present column of each field. */
export function profileMapping(profile: PlatformProfile, header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const [field, names] of Object.entries(profile.columns) as Array<[ProfileField, readonly string[]]>) {
    if (field === 'productId') continue;
    const written = firstPresent(header, names);
    if (written !== undefined) mapping[field] = written;
  }
  const customer = profile.customer === undefined ? undefined : firstPresent(header, profile.customer);
  if (customer !== undefined) mapping.customerId = customer;
  const status = profile.statusColumns === undefined ? undefined : firstPresent(header, profile.statusColumns);
  if (status !== undefined) mapping.status = status;
  return mapping;
}

function firstPresent(header: readonly string[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const wanted = normaliseHeader(name);
    const written = header.find((cell) => normaliseHeader(cell) === wanted);
    if (written !== undefined) return written;
  }
  return undefined;
}

/** Returns the positions of the named columns that the header has, in the order of `names`. */
export function columnPositions(header: readonly string[], names: readonly string[] | undefined): number[] {
  if (names === undefined) return [];
  const normalised = header.map((cell) => normaliseHeader(cell));
  const positions: number[] = [];
  for (const name of names) {
    const index = normalised.indexOf(normaliseHeader(name));
    if (index >= 0) positions.push(index);
  }
  return positions;
}
