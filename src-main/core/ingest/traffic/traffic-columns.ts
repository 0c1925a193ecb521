import type { ColumnMapping } from '../../../api/contract.ts';
import { normaliseHeader } from '../header-synonyms.ts';
import type { TrafficProfile } from './profiles.ts';

/** Returns the header cell of the first of `names` that the header has. */
export function findHeaderCell(header: readonly string[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const wanted = normaliseHeader(name);
    const written = header.find((cell) => normaliseHeader(cell) === wanted);
    if (written !== undefined) return written;
  }
  return undefined;
}

/** The mapping shown for a traffic report: its item, title and day columns. */
export function trafficMapping(profile: TrafficProfile, header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const sku = findHeaderCell(header, [...profile.itemKeys, ...(profile.landingPath ?? [])]);
  const title = findHeaderCell(header, profile.title);
  const day = findHeaderCell(header, profile.day);
  if (sku !== undefined) mapping.sku = sku;
  if (title !== undefined) mapping.title = title;
  if (day !== undefined) mapping.orderedAt = day;
  return mapping;
}
