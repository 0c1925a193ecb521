import path from 'node:path';

import type { ColumnMapping, FilePreview } from '../../api/contract.ts';
import { guessMapping, recogniseLayout } from '../ingest/detect-layout.ts';
import { missingFields } from '../ingest/explicit-mapping.ts';
import { inspectFile } from '../ingest/inspect-file.ts';
import type { Db } from '../store/database.ts';
import { findStoredMapping } from './column-mappings.ts';

export const PREVIEW_ROWS = 20;

/**
 * Reads the start of a file and returns what an import would do with it, without writing
 * anything: the recognised layout, or a mapping (stored for this header layout, or guessed
 * from the synonym table) for the merchant to confirm, and the required fields it still lacks.
 */
export async function previewFile(db: Db, filePath: string, displayName?: string): Promise<FilePreview> {
  const inspected = await inspectFile(filePath);
  const header = inspected.header;
  const base = {
    fileName: displayName ?? path.basename(filePath),
    encoding: inspected.encoding,
    delimiter: inspected.delimiter,
    header,
    sampleRows: inspected.sampleRows.slice(0, PREVIEW_ROWS),
  };

  const known = recogniseLayout(header);
  if (known) {
    // A recognised layout's own reader knows where each field is, even those outside the mapping.
    return { ...base, format: known.format, kind: known.kind, suggestedMapping: known.mapping, mappingSource: 'platform', missingFields: [] };
  }

  const stored = findStoredMapping(db, header);
  if (stored) return { ...base, format: 'generic', kind: 'orders', suggestedMapping: stored, mappingSource: 'stored', missingFields: missingFields(stored) };

  const guessed: ColumnMapping = guessMapping(header);
  const missing = missingFields(guessed);
  return {
    ...base,
    format: missing.length === 0 ? 'generic' : 'unrecognised',
    kind: 'orders',
    suggestedMapping: guessed,
    mappingSource: missing.length === 0 ? 'detected' : 'guessed',
    missingFields: missing,
  };
}
