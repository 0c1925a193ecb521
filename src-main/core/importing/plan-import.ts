/**
 * Decides how a file is imported before its rows are read: as a traffic report, as an order
 * export with a recognised layout, or as an order export with a column mapping (the merchant's,
 * given now or stored for this header layout). After a successful import with a mapping the
 * merchant gave, that mapping is stored for the next file with the same header layout.
 */
import type { ColumnMapping, ImportSummary } from '../../api/contract.ts';
import { recogniseLayout } from '../ingest/detect-layout.ts';
import { mappedColumns, resolveExplicitMapping } from '../ingest/explicit-mapping.ts';
import { inspectFile, type InspectedFile } from '../ingest/inspect-file.ts';
import type { Db } from '../store/database.ts';
import { findStoredMapping, noteMappingUsed, saveMapping } from './column-mappings.ts';

export interface ImportPlan {
  kind: 'orders' | 'traffic';
  /** The traffic report format, for `kind` traffic. */
  trafficFormat: string | null;
  /** The mapping to apply, or undefined to detect the layout. */
  mapping: ColumnMapping | undefined;
  mappingSource: 'given' | 'stored' | null;
  inspected: InspectedFile;
}

export async function planImport(db: Db, filePath: string, fileName: string, mapping?: ColumnMapping): Promise<ImportPlan> {
  const inspected = await inspectFile(filePath, { requiredNames: mappedColumns(mapping) });
  const header = inspected.header;
  if (mapping !== undefined) {
    const resolved = resolveExplicitMapping(mapping, header, fileName);
    return { kind: 'orders', trafficFormat: null, mapping: resolved, mappingSource: 'given', inspected };
  }

  const known = recogniseLayout(header);
  if (known?.kind === 'traffic') return { kind: 'traffic', trafficFormat: known.format, mapping: undefined, mappingSource: null, inspected };
  if (known) return { kind: 'orders', trafficFormat: null, mapping: undefined, mappingSource: null, inspected };

  const stored = findStoredMapping(db, header);
  return { kind: 'orders', trafficFormat: null, mapping: stored ?? undefined, mappingSource: stored ? 'stored' : null, inspected };
}

/** Stores a mapping the merchant gave, or counts the use of a stored one, after a committed import. */
export function rememberMapping(db: Db, plan: ImportPlan, summary: ImportSummary): void {
  if (summary.alreadyImported || plan.mapping === undefined) return;
  if (plan.mappingSource === 'given') saveMapping(db, plan.inspected.header, plan.mapping);
  else if (plan.mappingSource === 'stored') noteMappingUsed(db, plan.inspected.header);
}
