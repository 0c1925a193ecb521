import type { ExportFormat } from '../../api/contract.ts';
import type { RecordedPair } from '../export/formats/types.ts';
import type { Db } from '../store/database.ts';
import { refreshOutcome } from './refresh-outcomes.ts';

export interface ExportRecord {
  format: ExportFormat;
  path: string;
  runId: number;
  pairs: readonly RecordedPair[];
}

/**
 * Stores an export and every pair it recommended, with the workspace's last order time as the
 * data watermark, and measures it once. Returns the export's id.
 */
export function recordExport(db: Db, record: ExportRecord): number {
  const insertExport = db.prepare(
    `INSERT INTO exports (format, path, created_at, run_id, data_watermark)
     VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(occurred_at), 0) FROM events WHERE kind = 'purchase'))`,
  );
  const insertPair = db.prepare(
    'INSERT INTO export_recommendations (export_id, customer_id, anchor_item_id, item_id, rank) VALUES (?, ?, ?, ?, ?)',
  );

  const store = db.transaction(() => {
    const exportId = Number(insertExport.run(record.format, record.path, new Date().toISOString(), record.runId).lastInsertRowid);
    for (const pair of record.pairs) insertPair.run(exportId, pair.customerId, pair.anchorItemId, pair.itemId, pair.rank);
    refreshOutcome(db, exportId);
    return exportId;
  });
  return store();
}
