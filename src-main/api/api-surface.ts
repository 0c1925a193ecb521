/**
 * The operations every host offers the window: one name, one request type and one reply type
 * each. The Electron preload exposes one function per operation, the browser-mode server one
 * `POST /api/<operation>` route per operation, and `validators.ts` checks each request where it
 * arrives. Only plain data crosses (see contract.ts).
 */
import type {
  ColumnMapping,
  ComputeBackendView,
  CustomerRecommendations,
  CustomerSummary,
  ExportEncoding,
  ExportFormat,
  ExportOutcome,
  FilePreview,
  ExportPreview,
  ExportSummary,
  ImportSummary,
  ItemRecommendations,
  ItemSummary,
  JobView,
  KnowledgeSummary,
  ModelName,
  ModelVersionView,
  ChangeReport,
  RejectedRowView,
  Reply,
  SalesBucket,
  SalesOverTime,
  TrafficMetrics,
  TrafficQuery,
  TrainingRunSummary,
  VersionComparison,
  WorkspaceOverview,
} from './contract.ts';
import type { Locale } from './messages/index.ts';

/** A request without parameters. */
export type NoParams = Record<string, never>;

/** An export and the settings the merchant may choose for it. */
export interface ExportRequest {
  format: ExportFormat;
  locale?: Locale;
  encoding?: ExportEncoding;
  /** Product page address for the e-mail formats, with optional {sku} and {handle} placeholders. */
  baseUrl?: string;
}

export interface ApiOperations {
  overview: { request: NoParams; reply: WorkspaceOverview };
  listImports: { request: NoParams; reply: ImportSummary[] };
  rejectedRows: { request: { importId: number; offset?: number; limit?: number }; reply: RejectedRowView[] };
  /**
   * Queues the import of a file on this computer. Only the Electron host accepts a path; the
   * browser mode uploads the file body to `POST /api/upload?name=` instead.
   */
  startImport: { request: { path: string }; reply: JobView };
  /**
   * Shows what an import of a file would do: layout, header, first rows and a suggested column
   * mapping. `source` is the `source` of an earlier import job (a path, or an upload id).
   */
  previewImport: { request: { source: string }; reply: FilePreview };
  /** Imports a file again with the merchant's column mapping. The engine stores the mapping for that header layout. */
  importWithMapping: { request: { source: string; mapping: ColumnMapping }; reply: JobView };
  startTraining: { request: { models?: ModelName[] }; reply: JobView };
  getJob: { request: { jobId: string }; reply: JobView };
  cancelJob: { request: { jobId: string }; reply: JobView };
  listJobs: { request: NoParams; reply: JobView[] };
  trainingRuns: { request: NoParams; reply: TrainingRunSummary[] };
  recommendForCustomer: { request: { customerId: string; limit?: number }; reply: CustomerRecommendations };
  recommendForItem: { request: { sku: string; limit?: number }; reply: ItemRecommendations };
  searchCustomers: { request: { query: string; limit?: number }; reply: CustomerSummary[] };
  searchItems: { request: { query: string; limit?: number }; reply: ItemSummary[] };
  /**
   * Writes a recommendation CSV. Electron asks where to save it and replies null when the
   * merchant closes the dialog; the browser mode downloads `GET /api/export/<format>` instead.
   */
  exportFile: { request: ExportRequest; reply: ExportSummary | null };
  /**
   * Runs an export into a temporary file and returns its header and first `limit` rows. The
   * preview is not recorded as an export, so it never counts in the outcomes.
   */
  previewExport: { request: ExportRequest & { limit?: number }; reply: ExportPreview };
  salesOverTime: { request: { bucket: SalesBucket }; reply: SalesOverTime };
  /** Purchase rate, base rate and lift of every recorded export. */
  outcomes: { request: NoParams; reply: ExportOutcome[] };
  trafficMetrics: { request: TrafficQuery; reply: TrafficMetrics };
  /** The compute backend training would use on this machine; selecting it may take a few seconds. */
  computeBackend: { request: NoParams; reply: ComputeBackendView };
  /** Counts of the stored knowledge, the serving version and the latest change report. */
  knowledgeSummary: { request: NoParams; reply: KnowledgeSummary };
  /** Every model version of every completed training run, newest first. */
  listModelVersions: { request: NoParams; reply: ModelVersionView[] };
  /** Makes a version serve recommendations (roll back or forward) until the next completed training run. */
  setServingVersion: { request: { versionId: number }; reply: ModelVersionView };
  /** Compares two versions: metrics side by side (b minus a) and how much their top-10 lists overlap for the same customers. */
  compareVersions: { request: { a: number; b: number }; reply: VersionComparison };
  /** The newest change report after an import or training run, or null before the first one. */
  latestChangeReport: { request: NoParams; reply: ChangeReport | null };
  /**
   * Turns customer pseudonymisation on or off. Turning it on rewrites the stored customer IDs
   * at once and clears the raw text of rejected rows.
   */
  setPseudonymiseCustomers: { request: { enabled: boolean }; reply: KnowledgeSummary };
}

export type OperationName = keyof ApiOperations;
export type RequestOf<K extends OperationName> = ApiOperations[K]['request'];
export type ReplyOf<K extends OperationName> = ApiOperations[K]['reply'];

export const OPERATION_NAMES = [
  'overview',
  'listImports',
  'rejectedRows',
  'startImport',
  'previewImport',
  'importWithMapping',
  'startTraining',
  'getJob',
  'cancelJob',
  'listJobs',
  'trainingRuns',
  'recommendForCustomer',
  'recommendForItem',
  'searchCustomers',
  'searchItems',
  'exportFile',
  'previewExport',
  'salesOverTime',
  'outcomes',
  'trafficMetrics',
  'computeBackend',
  'knowledgeSummary',
  'listModelVersions',
  'setServingVersion',
  'compareVersions',
  'latestChangeReport',
  'setPseudonymiseCustomers',
] as const satisfies readonly OperationName[];

/** Compile-time check that OPERATION_NAMES lists every operation. */
type MissingOperation = Exclude<OperationName, (typeof OPERATION_NAMES)[number]>;
const everyOperationListed: MissingOperation extends never ? true : false = true;
void everyOperationListed;

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATION_NAMES as readonly string[]).includes(value);
}

/** What a host implements: one async function per operation, never throwing. */
export type ApiHandlers = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<Reply<ReplyOf<K>>>;
};

/**
 * The object the Electron preload puts on `window.shoprec`: the operations, plus the import of
 * a dropped or picked `File` (the preload turns it into a path) and a progress subscription.
 */
export type ShopRecBridge = ApiHandlers & {
  importFile(file: File): Promise<Reply<JobView>>;
  /** Registers a listener for job progress and state changes; returns a function that removes it. */
  onJobUpdate(listener: (job: JobView) => void): () => void;
};

/** Header that carries the per-launch token of the browser-mode server. */
export const TOKEN_HEADER = 'X-ShopRec-Token';
