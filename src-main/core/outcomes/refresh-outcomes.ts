import { FORMAT_WRITERS } from '../export/formats/index.ts';
import type { ExportFormat } from '../../api/contract.ts';
import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';
import { clickThrough } from './click-through.ts';
import { measureCustomerExport, measureItemExport } from './measure.ts';

/** Days after an export's data watermark in which purchases count as its outcome. */
export const OUTCOME_WINDOW_DAYS = 30;

/** Measures one export again from the events now in the workspace and stores the result. */
export function refreshOutcome(db: Db, exportId: number, windowDays = OUTCOME_WINDOW_DAYS): void {
  const record = db.prepare('SELECT format, data_watermark AS watermark FROM exports WHERE id = ?').get(exportId) as
    | { format: ExportFormat; watermark: number }
    | undefined;
  if (!record) return;

  const from = record.watermark;
  const to = from + windowDays * SECONDS_PER_DAY;
  const kind = FORMAT_WRITERS[record.format]?.kind ?? 'customer';
  const counts = kind === 'customer' ? measureCustomerExport(db, exportId, from, to) : measureItemExport(db, exportId, from, to);
  const clicks = clickThrough(db, exportId, from, to);
  const observedUntil = db.prepare(`SELECT MAX(occurred_at) FROM events WHERE kind = 'purchase' AND occurred_at > ?`).pluck().get(from) as
    | number
    | null;

  db.prepare(
    `INSERT OR REPLACE INTO export_outcomes
       (export_id, window_days, observed_until, subjects, recommended_pairs, converted_pairs, trials, hits,
        base_rate, ctr_recommended, ctr_catalogue, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    exportId,
    windowDays,
    observedUntil,
    counts.subjects,
    counts.recommendedPairs,
    counts.convertedPairs,
    counts.trials,
    counts.hits,
    counts.baseRate,
    clicks?.recommended ?? null,
    clicks?.catalogue ?? null,
    new Date().toISOString(),
  );
}

/** Measures every export again; called after each import, inside no transaction of its own. */
export function refreshOutcomes(db: Db, windowDays = OUTCOME_WINDOW_DAYS): void {
  const ids = db.prepare('SELECT id FROM exports ORDER BY id').pluck().all() as number[];
  db.transaction(() => {
    for (const id of ids) refreshOutcome(db, id, windowDays);
  })();
}
