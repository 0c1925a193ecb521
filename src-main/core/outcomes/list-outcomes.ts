import type { ExportFormat, ExportOutcome } from '../../api/contract.ts';
import { FORMAT_WRITERS } from '../export/formats/index.ts';
import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';

interface OutcomeRow {
  exportId: number;
  format: ExportFormat;
  path: string;
  createdAt: string;
  runId: number | null;
  watermark: number;
  windowDays: number;
  observedUntil: number | null;
  subjects: number;
  recommendedPairs: number;
  convertedPairs: number;
  trials: number;
  hits: number;
  baseRate: number | null;
  ctrRecommended: number | null;
  ctrCatalogue: number | null;
  computedAt: string;
}

/** Returns the stored outcome of every export, newest export first. */
export function listOutcomes(db: Db): ExportOutcome[] {
  const rows = db
    .prepare(
      `SELECT x.id AS exportId, x.format, x.path, x.created_at AS createdAt, x.run_id AS runId, x.data_watermark AS watermark,
              o.window_days AS windowDays, o.observed_until AS observedUntil, o.subjects, o.recommended_pairs AS recommendedPairs,
              o.converted_pairs AS convertedPairs, o.trials, o.hits, o.base_rate AS baseRate,
              o.ctr_recommended AS ctrRecommended, o.ctr_catalogue AS ctrCatalogue, o.computed_at AS computedAt
       FROM exports x JOIN export_outcomes o ON o.export_id = x.id
       ORDER BY x.id DESC`,
    )
    .all() as OutcomeRow[];
  return rows.map(toOutcome);
}

function toOutcome(row: OutcomeRow): ExportOutcome {
  const windowEnd = row.watermark + row.windowDays * SECONDS_PER_DAY;
  // Before any later order is imported a zero would read as "nobody bought", so rates stay null.
  const measured = row.observedUntil !== null && row.trials > 0;
  const purchaseRate = measured ? row.hits / row.trials : null;
  const baseRate = measured ? row.baseRate : null;
  const hasTraffic = row.ctrRecommended !== null || row.ctrCatalogue !== null;

  return {
    exportId: row.exportId,
    format: row.format,
    kind: FORMAT_WRITERS[row.format]?.kind ?? 'customer',
    path: row.path,
    createdAt: row.createdAt,
    runId: row.runId,
    dataWatermark: isoTime(row.watermark),
    windowDays: row.windowDays,
    windowEnd: isoTime(windowEnd),
    observedUntil: row.observedUntil === null ? null : isoTime(row.observedUntil),
    windowComplete: row.observedUntil !== null && row.observedUntil >= windowEnd,
    subjects: row.subjects,
    recommendedPairs: row.recommendedPairs,
    convertedPairs: row.convertedPairs,
    trials: row.trials,
    hits: row.hits,
    purchaseRate,
    baseRate,
    lift: purchaseRate !== null && baseRate ? purchaseRate / baseRate : null,
    clickThrough: hasTraffic ? { recommended: row.ctrRecommended, catalogue: row.ctrCatalogue } : null,
    computedAt: row.computedAt,
  };
}

function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
