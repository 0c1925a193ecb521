/**
 * Column mappings the merchant confirmed, remembered per header layout. The signature is the
 * set of normalised header names (sorted, so a reordered export keeps its mapping; case,
 * spaces, underscores and hyphens do not count), hashed to a fixed-length key.
 */
import { createHash } from 'node:crypto';
import type { ColumnMapping } from '../../api/contract.ts';
import { normaliseHeader } from '../ingest/header-synonyms.ts';
import type { Db } from '../store/database.ts';

export function headerSignature(header: readonly string[]): string {
  const names = [...new Set(header.map((cell) => normaliseHeader(cell.trim())).filter((name) => name !== ''))].sort();
  return createHash('sha256').update(names.join('\u001f')).digest('hex');
}

/** Returns the mapping stored for this header layout, or null. */
export function findStoredMapping(db: Db, header: readonly string[]): ColumnMapping | null {
  const row = db
    .prepare('SELECT mapping_json FROM column_mappings WHERE header_signature = ?')
    .get(headerSignature(header)) as { mapping_json: string } | undefined;
  return row ? (JSON.parse(row.mapping_json) as ColumnMapping) : null;
}

/** Stores (or replaces) the mapping for this header layout. */
export function saveMapping(db: Db, header: readonly string[], mapping: ColumnMapping): void {
  db.prepare(
    `INSERT INTO column_mappings (header_signature, header_json, mapping_json, confirmed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (header_signature) DO UPDATE SET
       header_json = excluded.header_json, mapping_json = excluded.mapping_json, confirmed_at = excluded.confirmed_at`,
  ).run(headerSignature(header), JSON.stringify(header), JSON.stringify(mapping), new Date().toISOString());
}

/** Counts an import that applied the stored mapping without the merchant giving it again. */
export function noteMappingUsed(db: Db, header: readonly string[]): void {
  db.prepare('UPDATE column_mappings SET used_count = used_count + 1 WHERE header_signature = ?').run(headerSignature(header));
}
