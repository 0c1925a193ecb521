import type {
  CustomerRecommendations,
  CustomerSummary,
  ExportFormat,
  ExportSummary,
  ImportSummary,
  ItemRecommendations,
  ItemSummary,
  RejectedRowView,
  TrainingRunSummary,
  WorkspaceOverview,
} from '../api/contract.ts';
import type { Locale } from '../api/messages/index.ts';
import { writeExport } from './export/write-export.ts';
import { importOrderFile } from './importing/import-order-file.ts';
import { listImports, listRejectedRows } from './importing/queries.ts';
import type { LongWorkOptions } from './progress.ts';
import { recommendForCustomer, recommendForItem } from './recommend/recommend.ts';
import { searchCustomers, searchItems } from './recommend/search.ts';
import { openDatabase, schemaVersion, type Db } from './store/database.ts';
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

  close(): void {
    if (this.db.open) this.db.close();
  }

  importFile(filePath: string, options: LongWorkOptions & { displayName?: string } = {}): Promise<ImportSummary> {
    return importOrderFile(this.db, filePath, options);
  }

  listImports(): ImportSummary[] {
    return listImports(this.db);
  }

  rejectedRows(importId: number, page: { offset?: number; limit?: number } = {}): RejectedRowView[] {
    return listRejectedRows(this.db, importId, page);
  }

  train(options: TrainingOptions = {}): Promise<TrainingRunSummary> {
    return runTraining(this.db, options);
  }

  trainingRuns(): TrainingRunSummary[] {
    return listTrainingRuns(this.db);
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

  export(
    format: ExportFormat,
    outPath: string,
    options: LongWorkOptions & { locale?: Locale; limit?: number } = {},
  ): Promise<ExportSummary> {
    return writeExport(this.db, format, outPath, options);
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
    };
  }
}

function toIso(unixSeconds: number | null): string | null {
  return unixSeconds === null ? null : new Date(unixSeconds * 1000).toISOString();
}
