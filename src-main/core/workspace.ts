import type {
  ColumnMapping,
  FilePreview,
  TrafficMetrics,
  TrafficQuery,
  ChangeReport,
  CustomerRecommendations,
  CustomerSummary,
  ExportFormat,
  ExportOutcome,
  ExportSummary,
  ImportSummary,
  ItemRecommendations,
  ItemSummary,
  KnowledgePackManifest,
  KnowledgeSummary,
  ModelVersionView,
  RejectedRowView,
  ServingStatus,
  SalesBucket,
  SalesOverTime,
  TrainingRunSummary,
  VersionComparison,
  WorkspaceOverview,
} from '../api/contract.ts';
import { writeExport, type ExportOptions } from './export/write-export.ts';
import { importOrderFile } from './importing/import-order-file.ts';
import { previewFile } from './importing/preview-file.ts';
import { trafficMetrics } from './traffic/traffic-metrics.ts';
import { salesOverTime } from './insights/sales-over-time.ts';
import { listImports, listRejectedRows } from './importing/queries.ts';
import { updateKnowledgeAfterImport, type KnowledgeUpdate } from './knowledge/after-import.ts';
import { changesSince, latestChangeReport, storeTrainingReport } from './knowledge/change-report.ts';
import { exportKnowledgePack, importKnowledgePack } from './knowledge/knowledge-pack.ts';
import { compareVersions, listModelVersions, setServingVersion } from './knowledge/model-registry.ts';
import { pseudonymisingTransform, setPseudonymiseCustomers } from './knowledge/pseudonymise.ts';
import { servingStatus } from './knowledge/serving-status.ts';
import { knowledgeSummary } from './knowledge/summary.ts';
import { listOutcomes } from './outcomes/list-outcomes.ts';
import { refreshOutcomes } from './outcomes/refresh-outcomes.ts';
import type { LongWorkOptions } from './progress.ts';
import { recommendForCustomer, recommendForItem } from './recommend/recommend.ts';
import { searchCustomers, searchItems } from './recommend/search.ts';
import { openDatabase, schemaVersion, type Db } from './store/database.ts';
import { markInterruptedRuns } from './training/store-run.ts';
import { listTrainingRuns, runTraining, type TrainingOptions } from './training/run-training.ts';

/**
 * One shop's workspace: a folder with one SQLite file. This facade is what every host (CLI,
 * HTTP server, Electron main, worker threads) calls; it holds no state beyond the connection.
 */
export class Workspace {
  readonly dir: string;
  readonly db: Db;

  private constructor(dir: string, db: Db) {
    this.dir = dir;
    this.db = db;
  }

  static open(dir: string, options: { create?: boolean } = {}): Workspace {
    return new Workspace(dir, openDatabase(dir, options));
  }

  /**
   * Records training runs left as running by a process that was killed as failed. Runs of
   * processes that still run are left alone, so a host may call this while another process
   * (the app, the command line) trains the same workspace. Hosts call it at start-up.
   */
  recoverInterruptedRuns(): number {
    return markInterruptedRuns(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Imports an order export or a traffic report, then measures earlier exports again against the
   * new orders. `mapping` names the column of each field for a layout the importer does not
   * recognise; it is stored and applied to later files with the same header layout.
   */
  async importFile(
    filePath: string,
    options: LongWorkOptions & { displayName?: string; mapping?: ColumnMapping } = {},
  ): Promise<ImportSummary> {
    const transformReader = pseudonymisingTransform(this.db);
    const summary = await importOrderFile(this.db, filePath, transformReader ? { ...options, transformReader } : options);
    // Both steps also run for a file that was already imported: a process killed after the
    // import committed but before these steps finished catches up when the merchant retries.
    // Each does nothing when it is already up to date.
    refreshOutcomes(this.db);
    await updateKnowledgeAfterImport(this.db, options);
    return summary;
  }

  /** Shows what an import of the file would do (layout, mapping, first rows) without importing it. */
  previewFile(filePath: string, options: { displayName?: string } = {}): Promise<FilePreview> {
    return previewFile(this.db, filePath, options.displayName);
  }

  /** Impressions, clicks, CTR and purchase rate per bucket and item, from imported traffic reports. */
  trafficMetrics(query: TrafficQuery): TrafficMetrics {
    return trafficMetrics(this.db, query);
  }

  listImports(): ImportSummary[] {
    return listImports(this.db);
  }

  rejectedRows(importId: number, page: { offset?: number; limit?: number } = {}): RejectedRowView[] {
    return listRejectedRows(this.db, importId, page);
  }

  async train(options: TrainingOptions = {}): Promise<TrainingRunSummary> {
    const run = await runTraining(this.db, options);
    storeTrainingReport(this.db, run);
    return run;
  }

  trainingRuns(): TrainingRunSummary[] {
    return listTrainingRuns(this.db);
  }

  /** Folds imports not yet in the knowledge tables into them; `importFile` does this itself. */
  updateKnowledge(options: LongWorkOptions = {}): Promise<KnowledgeUpdate> {
    return updateKnowledgeAfterImport(this.db, options);
  }

  knowledgeSummary(): KnowledgeSummary {
    return knowledgeSummary(this.db);
  }

  listModelVersions(): ModelVersionView[] {
    return listModelVersions(this.db);
  }

  /** Makes a version serve (roll back or forward) until the next completed training run. */
  setServingVersion(versionId: number): ModelVersionView {
    return setServingVersion(this.db, versionId);
  }

  /** Describes the version that serves now, why, and the newest run's own pick; null before the first completed run. */
  servingStatus(): ServingStatus | null {
    return servingStatus(this.db);
  }

  compareVersions(a: number, b: number): VersionComparison {
    return compareVersions(this.db, a, b);
  }

  latestChangeReport(): ChangeReport | null {
    return latestChangeReport(this.db);
  }

  /** Reports written after `sinceIso`, oldest first. */
  changesSince(sinceIso: string): ChangeReport[] {
    return changesSince(this.db, sinceIso);
  }

  exportKnowledgePack(outPath: string, options: { includeCustomers: boolean }): KnowledgePackManifest {
    return exportKnowledgePack(this.db, outPath, options);
  }

  importKnowledgePack(packPath: string): KnowledgePackManifest {
    return importKnowledgePack(this.db, packPath, this.dir);
  }

  /** Replaces customer IDs by keyed pseudonyms from now on, and those already stored at once. */
  setPseudonymiseCustomers(enabled: boolean): void {
    setPseudonymiseCustomers(this.db, enabled);
  }

  recommendForCustomer(customerId: string, options: { limit?: number } = {}): CustomerRecommendations {
    return recommendForCustomer(this.db, customerId, options);
  }

  recommendForItem(sku: string, options: { limit?: number } = {}): ItemRecommendations {
    return recommendForItem(this.db, sku, options);
  }

  searchCustomers(query: string, limit = 20): CustomerSummary[] {
    return searchCustomers(this.db, query, limit);
  }

  searchItems(query: string, limit = 20): ItemSummary[] {
    return searchItems(this.db, query, limit);
  }

  export(format: ExportFormat, outPath: string, options: ExportOptions = {}): Promise<ExportSummary> {
    return writeExport(this.db, format, outPath, options);
  }

  /** Purchase rate, base rate and lift of every export, as of the last import. */
  outcomes(): ExportOutcome[] {
    return listOutcomes(this.db);
  }

  /** Orders and revenue (purchases minus returns) per day, week or month. */
  salesOverTime(bucket: SalesBucket): SalesOverTime {
    return salesOverTime(this.db, bucket);
  }

  overview(): WorkspaceOverview {
    const counts = this.db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM imports) AS imports,
           (SELECT COUNT(*) FROM events WHERE kind = 'purchase') AS lineItems,
           (SELECT COUNT(*) FROM orders WHERE is_cancellation = 0) AS orders,
           (SELECT COUNT(*) FROM customers) AS customers,
           (SELECT COUNT(*) FROM items) AS items,
           (SELECT MIN(occurred_at) FROM events) AS firstOrderAt,
           (SELECT MAX(occurred_at) FROM events) AS lastOrderAt`,
      )
      .get() as {
      imports: number;
      lineItems: number;
      orders: number;
      customers: number;
      items: number;
      firstOrderAt: number | null;
      lastOrderAt: number | null;
    };

    return {
      path: this.dir,
      schemaVersion: schemaVersion(this.db),
      imports: counts.imports,
      lineItems: counts.lineItems,
      orders: counts.orders,
      customers: counts.customers,
      items: counts.items,
      firstOrderAt: toIso(counts.firstOrderAt),
      lastOrderAt: toIso(counts.lastOrderAt),
      latestRun: this.trainingRuns()[0] ?? null,
      serving: this.servingStatus(),
    };
  }
}

function toIso(unixSeconds: number | null): string | null {
  return unixSeconds === null ? null : new Date(unixSeconds * 1000).toISOString();
}
