/**
 * The one contract between the engine and every host. Only plain, JSON-serialisable data
 * crosses it: no class instances, database rows or typed arrays. Main process, preload,
 * browser-mode server and renderer all import these types; `validators.ts` checks every
 * request where it arrives.
 */
import type { ErrorData } from './errors.ts';

/** Export layouts the importer recognises; `generic` means columns were matched by name. */
export type SourceFormat = 'online-retail' | 'online-retail-ii' | 'shopify-orders' | 'generic';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/** Canonical fields an order line is mapped onto. */
export type CanonicalField =
  | 'orderId'
  | 'sku'
  | 'title'
  | 'quantity'
  | 'unitPrice'
  | 'lineAmount'
  | 'orderedAt'
  | 'customerId'
  | 'customerName'
  | 'country'
  | 'currency'
  | 'status';

/** Which source column (by header name) feeds each canonical field. */
export type ColumnMapping = Partial<Record<CanonicalField, string>>;

export interface ImportCounts {
  /** Data rows read from the file, header and blank lines excluded. */
  rows: number;
  /** Purchase lines stored (returns, duplicates and rejected rows excluded). */
  lineItems: number;
  /** Lines stored as returns: cancelled invoices and negative quantities. */
  returns: number;
  /** Rows that could not be used; each is kept with its line number and reason. */
  rejected: number;
  /** Exact duplicates of a line already in this file or in the workspace. */
  duplicates: number;
  /** Stored lines without a customer: they count for item statistics only. */
  anonymousLines: number;
  /** Distinct orders, customers and items seen in this file. */
  orders: number;
  customers: number;
  items: number;
}

export interface ImportSummary extends ImportCounts {
  /** Null when the file had been imported before and nothing was added. */
  importId: number | null;
  /** The earlier import of the same bytes, when `alreadyImported` is true. */
  existingImportId: number | null;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: SourceFormat;
  encoding: TextEncoding;
  delimiter: string;
  mapping: ColumnMapping;
  alreadyImported: boolean;
  /** ISO 8601 timestamps of the first and last stored line, or null when none was stored. */
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  importedAt: string;
  durationMs: number;
}

export interface RejectedRowView {
  importId: number;
  lineNumber: number;
  /** A message key under `rejected.` in the catalogues, such as `rejected.invalidDate`. */
  reason: string;
  params: Record<string, string | number>;
  raw: string;
}

export type ModelName = 'popularity' | 'item-knn';

export interface ModelMetrics {
  model: ModelName;
  hr10: number;
  ndcg10: number;
  recall20: number;
  /** Share of the product catalogue that appears in at least one customer's top 10. */
  coverage: number;
  evaluatedCustomers: number;
}

export interface SplitDescription {
  rule: 'last-purchase-day-per-customer';
  trainEvents: number;
  testEvents: number;
  testCustomers: number;
  catalogItems: number;
}

export interface TrainingRunSummary {
  runId: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  models: ModelMetrics[];
  servingModel: ModelName | null;
  /** Why the serving model was chosen, as a catalogue key with parameters. */
  choice: { key: string; params: Record<string, string | number> } | null;
  split: SplitDescription | null;
  durationMs: number | null;
}

export interface ReasonView {
  /** A message key under `reason.` in the catalogues. */
  key: string;
  params: Record<string, string | number>;
}

export interface RecommendationView {
  rank: number;
  sku: string;
  title: string;
  score: number;
  reason: ReasonView;
}

export interface CustomerRecommendations {
  customerId: string;
  model: ModelName;
  runId: number;
  recentPurchases: { sku: string; title: string; lastBoughtAt: string; quantity: number }[];
  items: RecommendationView[];
}

export interface ItemRecommendations {
  sku: string;
  title: string;
  boughtTogether: RecommendationView[];
}

export interface CustomerSummary {
  customerId: string;
  country: string | null;
  orders: number;
  lastOrderAt: string | null;
}

export interface ItemSummary {
  sku: string;
  title: string;
  customers: number;
  quantity: number;
}

export interface WorkspaceOverview {
  path: string;
  schemaVersion: number;
  imports: number;
  lineItems: number;
  orders: number;
  customers: number;
  items: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  latestRun: TrainingRunSummary | null;
}

export type ExportFormat = 'customers' | 'items';

export interface ExportSummary {
  format: ExportFormat;
  path: string;
  rows: number;
  bytes: number;
}

/** Progress of long work, sent as events while a job runs. */
export interface ProgressEvent {
  jobId: string;
  /** A stable phase name, such as `import.read` or `train.item-knn`. */
  phase: string;
  /** Work done and total in the phase's own unit (bytes, rows, customers); total 0 when unknown. */
  done: number;
  total: number;
}

export type JobKind = 'import' | 'train' | 'export';

export interface JobView {
  jobId: string;
  kind: JobKind;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  label: string;
  progress: ProgressEvent | null;
  error: ErrorData | null;
  result: ImportSummary | TrainingRunSummary | ExportSummary | null;
}

/** Result of a request across the boundary: never a thrown exception. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
