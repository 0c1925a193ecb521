/**
 * The one contract between the engine and every host. Only plain, JSON-serialisable data
 * crosses it: no class instances, database rows or typed arrays. Main process, preload,
 * browser-mode server and renderer all import these types; `validators.ts` checks every
 * request where it arrives.
 */
import type { ErrorData } from './errors.ts';

/** Order export layouts the importer recognises; `generic` means columns were matched by name. */
export type OrderFormat =
  | 'online-retail'
  | 'online-retail-ii'
  | 'shopify-orders'
  | 'woocommerce-analytics'
  | 'woocommerce-order-export'
  | 'amazon-all-orders'
  | 'etsy-order-items'
  | 'ebay-orders'
  | 'shopee-orders'
  | 'lazada-orders'
  | 'taobao-orders'
  | 'taobao-order-report'
  | 'jd-orders'
  | 'pinduoduo-orders'
  | 'douyin-orders'
  | 'youzan-order-items'
  | 'generic';

/** Traffic and product-performance reports: per-item sessions, views, carts and sales. */
export type TrafficFormat =
  | 'shopify-analytics'
  | 'amazon-sales-traffic'
  | 'taobao-product-performance'
  | 'ga4-items';

export type SourceFormat = OrderFormat | TrafficFormat;

/** Kind of rows an import stored: order lines (events) or traffic rows. */
export type ImportKind = 'orders' | 'traffic';

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

/** Every canonical field, in the order the column-mapping view lists them. */
export const CANONICAL_FIELDS: readonly CanonicalField[] = [
  'orderId', 'sku', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt',
  'customerId', 'customerName', 'country', 'currency', 'status',
];

/** Source column (by header name) that feeds each canonical field. */
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
  /**
   * Of `orders`, those without a purchase line: cancelled invoices and orders of returns only.
   * Absent in summaries of imports stored before it was counted.
   */
  returnOnlyOrders?: number;
}

export interface ImportSummary extends ImportCounts {
  /** `traffic` for a traffic report; its rows are counted in `trafficRows`, not `lineItems`. */
  kind: ImportKind;
  /** Traffic rows stored (item and day); 0 for order exports. */
  trafficRows: number;
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

export type ModelName = 'popularity' | 'item-knn' | 'ease' | 'als' | 'sequential';

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
  /** Reason the serving model was chosen, as a catalogue key with parameters. */
  choice: { key: string; params: Record<string, string | number> } | null;
  split: SplitDescription | null;
  durationMs: number | null;
  /** The compute backend the run trained on (`labelKey` under `backend.`); null before it chose one. */
  backend: { name: string; labelKey: string } | null;
  /** Candidates left out of the run, each with a catalogue key under `skip.` and its parameters. */
  skipped: { model: ModelName; key: string; params: Record<string, string | number> }[];
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
  /** The model version that serves recommendations and exports now; null before the first completed run. */
  serving: ServingStatus | null;
}

/**
 * Export layouts: the generic review files (`customers`, `items`), product link files for shop
 * platforms, per-customer lists for e-mail tools, and a worksheet for manual entry on Chinese
 * platforms that have no related-products import.
 */
export const EXPORT_FORMATS = [
  'customers',
  'items',
  'woocommerce-products',
  'shopify-products',
  'magento-links',
  'prestashop-accessories',
  'email-klaviyo',
  'email-mailchimp',
  'review-worksheet-zh',
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `gbk` is for older Excel versions in Chinese, which read a CSV in the system code page. */
export const EXPORT_ENCODINGS = ['utf-8', 'utf-8-bom', 'gbk'] as const;

export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

export interface ExportSummary {
  format: ExportFormat;
  path: string;
  /** Data rows written, header excluded. */
  rows: number;
  bytes: number;
  encoding: ExportEncoding;
  /** Id of the stored record of what was recommended to whom, for measuring outcomes; null for a preview. */
  exportId: number | null;
  /**
   * Customers left out because the format needs something they lack (an e-mail address), or
   * because an earlier customer has the same address in other letter case.
   */
  skippedCustomers: number;
}

/**
 * What happened after one export, measured from orders imported later. The window starts at
 * the export's data watermark (the last order date it knew about) and lasts `windowDays`.
 *
 * Per-customer exports: a trial is one recommended (customer, item) pair and a hit is a pair
 * the customer bought in the window. The base rate is the share of the catalogue items that
 * were not recommended to a customer which that customer bought in the window, pooled over the
 * exported customers: the purchase rate of a random item shown to the same people.
 *
 * Per-item exports: a trial is one order in the window that contains an anchor product,
 * counted once per item recommended for that anchor, and a hit is such an order that also
 * contains the recommended item. The base rate is what the hits would be if the recommended
 * item were in orders independently of the anchor (its share of all orders in the window).
 */
export interface ExportOutcome {
  exportId: number;
  format: ExportFormat;
  kind: 'customer' | 'item';
  path: string;
  createdAt: string;
  runId: number | null;
  /** Last order date in the workspace when the export was written (ISO 8601). */
  dataWatermark: string;
  windowDays: number;
  windowEnd: string;
  /** Last order date in the workspace now; null when it has no orders after the watermark. */
  observedUntil: string | null;
  /** True once orders up to the end of the window have been imported. */
  windowComplete: boolean;
  /** Customers (per-customer exports) or anchor products (per-item exports) in the file. */
  subjects: number;
  recommendedPairs: number;
  /** Pairs bought (per customer) or bought in one order together (per item) in the window. */
  convertedPairs: number;
  trials: number;
  hits: number;
  /** hits / trials; null until an order after the watermark has been imported. */
  purchaseRate: number | null;
  baseRate: number | null;
  /** purchaseRate / baseRate; null when either is null or the base rate is 0. */
  lift: number | null;
  /**
   * Clicks per impression in the window of the recommended items and of the whole catalogue,
   * from imported traffic reports; null when no traffic data covers the window.
   */
  clickThrough: { recommended: number | null; catalogue: number | null } | null;
  computedAt: string;
}

/** The first rows of an export, read back from the file the export wrote. */
export interface ExportPreview {
  format: ExportFormat;
  header: string[];
  rows: string[][];
}

export type SalesBucket = 'day' | 'week' | 'month';

export interface SalesPoint {
  /** First day of the bucket, `YYYY-MM-DD` (UTC); weeks start on Monday. */
  start: string;
  /** Distinct orders with at least one purchase line in the bucket. */
  orders: number;
  /** Value of purchase lines minus value of returned lines, quantity times unit price. */
  revenue: number;
  /** Value of returned lines, already subtracted from `revenue`. */
  returned: number;
}

/** Sales of the products priced in one currency; amounts in different currencies are never added up. */
export interface SalesSeries {
  /** ISO 4217 code, or null for products whose currency no import named. */
  currency: string | null;
  /** Purchase and return lines in this currency. */
  lines: number;
  points: SalesPoint[];
}

export interface SalesOverTime {
  bucket: SalesBucket;
  /** Currency of the main series (the one with most lines), or null when it is unknown. */
  currency: string | null;
  /** Points of the main series. */
  points: SalesPoint[];
  /** One series per currency, most lines first. */
  series: SalesSeries[];
}

/** The compute backend training uses on this machine, as catalogue keys for the merchant. */
export interface ComputeBackendView {
  name: string;
  /** A message key under `backend.`, such as `backend.wasm`. */
  labelKey: string;
  /** Better backends that were not used, each with a `backend.skip.` key and its detail. */
  skipped: { name: string; labelKey: string; reason: string; detail: string }[];
}

/** Result of `previewFile`: the layout and first rows of a file, before anything is imported. */
export interface FilePreview {
  fileName: string;
  /** The recognised layout, or `unrecognised` when the columns need a mapping from the merchant. */
  format: SourceFormat | 'unrecognised';
  kind: ImportKind;
  encoding: TextEncoding;
  /** The CSV delimiter; empty for XLSX workbooks. */
  delimiter: string;
  header: string[];
  /** The first data rows (at most 20) as written, after the header. */
  sampleRows: string[][];
  /** The mapping an import would use now: stored for this header layout, detected, or guessed. */
  suggestedMapping: ColumnMapping;
  /** Origin of `suggestedMapping`. */
  mappingSource: 'platform' | 'stored' | 'detected' | 'guessed';
  /** Fields an order import needs that the suggested mapping lacks. */
  missingFields: CanonicalField[];
}

export type TrafficBucket = 'day' | 'week' | 'month';

export interface TrafficQuery {
  /** Inclusive `YYYY-MM-DD` bounds; open when left out. */
  from?: string;
  to?: string;
  sku?: string;
  bucket: TrafficBucket;
}

/** Traffic of one item (or all items, `sku` null) in one bucket. */
export interface TrafficPoint {
  /** First day of the bucket, `YYYY-MM-DD`; weeks start on Monday. */
  start: string;
  sku: string | null;
  title: string | null;
  impressions: number | null;
  clicks: number | null;
  visitors: number | null;
  pageViews: number | null;
  addToCarts: number | null;
  orders: number | null;
  units: number | null;
  revenue: number | null;
  /** clicks / impressions; null when either is missing or impressions is 0. */
  ctr: number | null;
  /**
   * orders / visitors, or / clicks when no report gave visitors (`purchaseRateBase` says which).
   * Units stand in for orders when a report counts no orders (GA4).
   */
  purchaseRate: number | null;
  purchaseRateBase: 'visitors' | 'clicks' | null;
}

export interface TrafficMetrics {
  bucket: TrafficBucket;
  /** Totals over all items per bucket. */
  totals: TrafficPoint[];
  /** One point per item and bucket. */
  items: TrafficPoint[];
}

/** One trained model version in the registry, with its lineage, data and measured metrics. */
export interface ModelVersionView {
  versionId: number;
  runId: number;
  model: ModelName;
  /** The version this one was fine-tuned or warm-started from, or null when trained from zero. */
  parentVersionId: number | null;
  createdAt: string;
  /** Newest import the version saw (the run's data watermark), and the last order date it covers. */
  dataWatermarkImportId: number;
  dataThrough: string | null;
  params: Record<string, unknown>;
  metrics: ModelMetrics | null;
  /** True for the version its own run chose by NDCG@10. */
  chosenByRun: boolean;
  serving: boolean;
}

export interface ServingPointerView {
  versionId: number;
  since: string;
  reason: 'rollback' | 'rollforward' | 'manual';
}

/**
 * The version that serves and why. After the merchant rolls back or forward, `source` is
 * `pointer` and `latestPick` may name another version: the one the newest completed run chose.
 */
export interface ServingStatus {
  versionId: number;
  runId: number;
  model: ModelName;
  source: 'pointer' | 'latest-run';
  /** The merchant's choice that makes this version serve; null when `source` is `latest-run`. */
  pointer: ServingPointerView | null;
  /** Metrics of the serving version, measured when its run trained it. */
  metrics: ModelMetrics | null;
  /** The version the newest completed run chose by NDCG@10; null when no completed run has a version of its choice. */
  latestPick: { versionId: number; runId: number; model: ModelName } | null;
}

export interface VersionComparison {
  a: ModelVersionView;
  b: ModelVersionView;
  /** b minus a, for each metric both versions have; null when either has no metrics. */
  metricDelta: { hr10: number; ndcg10: number; recall20: number; coverage: number } | null;
  /** Top-10 lists of both versions for a fixed sample of customers. */
  overlap: { customers: number; meanShared: number; identicalLists: number };
}

/** An association that became strong with the latest import. */
export interface AssociationChange {
  sku: string;
  title: string;
  otherSku: string;
  otherTitle: string;
  ordersTogether: number;
  customers: number;
  support: number;
  lift: number;
}

/** Orders containing an item in the latest import's period and in the period of the same length before. */
export interface ItemTrend {
  sku: string;
  title: string;
  orders: number;
  previousOrders: number;
}

export interface MetricsMove {
  runId: number;
  model: ModelName;
  ndcg10: number;
  hr10: number;
  previousRunId: number | null;
  previousModel: ModelName | null;
  previousNdcg10: number | null;
  previousHr10: number | null;
}

/** Changes after one import or one training run. */
export interface ChangeReport {
  reportId: number;
  createdAt: string;
  trigger: 'import' | 'training';
  importId: number | null;
  runId: number | null;
  /** Import reports: the period compared, ISO dates, or null when the import had no dated line. */
  period: { from: string; to: string; previousFrom: string } | null;
  newAssociations: AssociationChange[];
  rising: ItemTrend[];
  falling: ItemTrend[];
  metrics: MetricsMove | null;
}

export interface KnowledgeSummary {
  versions: number;
  serving: { versionId: number; runId: number; model: ModelName; source: 'pointer' | 'latest-run' } | null;
  pointer: ServingPointerView | null;
  baskets: number;
  associationRules: number;
  profiles: number;
  similarItems: number;
  /** Column mappings merchants confirmed, when the workspace stores them. */
  confirmedMappings: number;
  importsApplied: number;
  pseudonymiseCustomers: boolean;
  latestChange: ChangeReport | null;
}

export interface KnowledgePackManifest {
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  sourceWorkspaceId: string;
  schemaVersion: number;
  includesCustomers: boolean;
  /** Rows per table copied into the pack. */
  counts: Record<string, number>;
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
  /**
   * For an import: the reference the host gave the file (its path in Electron, an upload id in
   * browser mode), so the window can preview it and import it again with a column mapping.
   */
  source?: string;
}

/** Result of a request across the boundary: never a thrown exception. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
