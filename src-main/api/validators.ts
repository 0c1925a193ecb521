/**
 * Runtime checks of every request that crosses into a host (IPC from the window, HTTP from the
 * browser). Input is untrusted: anything that is not exactly the shape in api-surface.ts is
 * rejected with `request.invalid` and a `detail` naming the field, before any handler runs.
 * Unknown fields are rejected too, so a misspelt option fails loudly instead of being ignored.
 */
import { OPERATION_NAMES, type OperationName, type RequestOf } from './api-surface.ts';
import {
  CANONICAL_FIELDS,
  EXPORT_ENCODINGS,
  EXPORT_FORMATS,
  type ColumnMapping,
  type ModelName,
  type Reply,
  type SalesBucket,
  type TrafficBucket,
} from './contract.ts';
import type { ErrorData } from './errors.ts';
import { isLocale, type Locale } from './messages/index.ts';

/** Models a training request may name; the Training view offers the same list. */
export const MODEL_NAMES: readonly ModelName[] = ['popularity', 'item-knn', 'ease', 'als', 'sequential'];
const SALES_BUCKETS: readonly SalesBucket[] = ['day', 'week', 'month'];
const TRAFFIC_BUCKETS: readonly TrafficBucket[] = ['day', 'week', 'month'];
const MAX_PREVIEW_ROWS = 100;

/** Maximum length of a search text, customer id, SKU, job id or path, in UTF-16 code units. */
const MAX_TEXT_LENGTH = 4096;
const MAX_LIST_LIMIT = 1000;

type Fields = Record<string, unknown>;
type Check<T> = (fields: Fields) => T;

class InvalidRequest extends Error {}

function fail(detail: string): never {
  throw new InvalidRequest(detail);
}

function objectOf(body: unknown, allowed: readonly string[]): Fields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('the request body must be a JSON object');
  const fields = body as Fields;
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) fail(`unknown field "${key}"`);
  }
  return fields;
}

function text(fields: Fields, name: string, options: { allowEmpty?: boolean } = {}): string {
  const value = fields[name];
  if (typeof value !== 'string') fail(`"${name}" must be a string`);
  if (!options.allowEmpty && value.trim() === '') fail(`"${name}" must not be empty`);
  if (value.length > MAX_TEXT_LENGTH) fail(`"${name}" is longer than ${MAX_TEXT_LENGTH} characters`);
  if (value.includes('\0')) fail(`"${name}" contains a NUL character`);
  return value;
}

function integer(fields: Fields, name: string, min: number, max: number): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`"${name}" must be an integer`);
  if (value < min || value > max) fail(`"${name}" must be between ${min} and ${max}`);
  return value;
}

function boolean(fields: Fields, name: string): boolean {
  const value = fields[name];
  if (typeof value !== 'boolean') fail(`"${name}" must be true or false`);
  return value;
}

function optionalInteger(fields: Fields, name: string, min: number, max: number): number | undefined {
  return fields[name] === undefined ? undefined : integer(fields, name, min, max);
}

function oneOf<T extends string>(fields: Fields, name: string, choices: readonly T[]): T {
  const value = fields[name];
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail(`"${name}" must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

function optionalModels(fields: Fields): ModelName[] | undefined {
  const value = fields.models;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) fail('"models" must be a non-empty array');
  for (const model of value) {
    if (!(MODEL_NAMES as readonly unknown[]).includes(model)) fail(`"models" must contain only ${MODEL_NAMES.join(', ')}`);
  }
  return [...new Set(value as ModelName[])];
}

function optionalLocale(fields: Fields): Locale | undefined {
  if (fields.locale === undefined) return undefined;
  if (!isLocale(fields.locale)) fail('"locale" must be en or zh-CN');
  return fields.locale;
}

function optionalText(fields: Fields, name: string): string | undefined {
  return fields[name] === undefined ? undefined : text(fields, name);
}

function optionalDay(fields: Fields, name: string): string | undefined {
  const value = optionalText(fields, name);
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) fail(`"${name}" must be a YYYY-MM-DD date`);
  return value;
}

/** A column mapping: canonical field names to header cells; at least one field. */
function mapping(fields: Fields): ColumnMapping {
  const value = fields.mapping;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('"mapping" must be an object');
  const entries = Object.keys(value);
  if (entries.length === 0) fail('"mapping" must name at least one column');
  const columns = value as Fields;
  for (const field of entries) {
    if (!(CANONICAL_FIELDS as readonly string[]).includes(field)) fail(`"mapping" has an unknown field "${field}"`);
    text(columns, field);
  }
  return { ...(columns as ColumnMapping) };
}

function exportSettings(f: Fields) {
  return {
    format: oneOf(f, 'format', EXPORT_FORMATS),
    locale: optionalLocale(f),
    encoding: f.encoding === undefined ? undefined : oneOf(f, 'encoding', EXPORT_ENCODINGS),
    baseUrl: optionalText(f, 'baseUrl'),
  };
}

/** Copies the optional properties that are present, so `{ limit: undefined }` never appears. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

const noParams: Check<Record<string, never>> = () => ({});

const checks: { [K in OperationName]: { fields: readonly string[]; check: Check<RequestOf<K>> } } = {
  overview: { fields: [], check: noParams },
  listImports: { fields: [], check: noParams },
  rejectedRows: {
    fields: ['importId', 'offset', 'limit'],
    check: (f) =>
      compact({
        importId: integer(f, 'importId', 1, Number.MAX_SAFE_INTEGER),
        offset: optionalInteger(f, 'offset', 0, Number.MAX_SAFE_INTEGER),
        limit: optionalInteger(f, 'limit', 1, MAX_LIST_LIMIT),
      }),
  },
  startImport: { fields: ['path'], check: (f) => ({ path: text(f, 'path') }) },
  previewImport: { fields: ['source'], check: (f) => ({ source: text(f, 'source') }) },
  importWithMapping: { fields: ['source', 'mapping'], check: (f) => ({ source: text(f, 'source'), mapping: mapping(f) }) },
  startTraining: { fields: ['models'], check: (f) => compact({ models: optionalModels(f) }) },
  getJob: { fields: ['jobId'], check: (f) => ({ jobId: text(f, 'jobId') }) },
  cancelJob: { fields: ['jobId'], check: (f) => ({ jobId: text(f, 'jobId') }) },
  listJobs: { fields: [], check: noParams },
  trainingRuns: { fields: [], check: noParams },
  recommendForCustomer: {
    fields: ['customerId', 'limit'],
    check: (f) => compact({ customerId: text(f, 'customerId'), limit: optionalInteger(f, 'limit', 1, MAX_LIST_LIMIT) }),
  },
  recommendForItem: {
    fields: ['sku', 'limit'],
    check: (f) => compact({ sku: text(f, 'sku'), limit: optionalInteger(f, 'limit', 1, MAX_LIST_LIMIT) }),
  },
  searchCustomers: {
    fields: ['query', 'limit'],
    check: (f) =>
      compact({ query: text(f, 'query', { allowEmpty: true }), limit: optionalInteger(f, 'limit', 1, MAX_LIST_LIMIT) }),
  },
  searchItems: {
    fields: ['query', 'limit'],
    check: (f) =>
      compact({ query: text(f, 'query', { allowEmpty: true }), limit: optionalInteger(f, 'limit', 1, MAX_LIST_LIMIT) }),
  },
  exportFile: {
    fields: ['format', 'locale', 'encoding', 'baseUrl'],
    check: (f) => compact(exportSettings(f)),
  },
  previewExport: {
    fields: ['format', 'locale', 'encoding', 'baseUrl', 'limit'],
    check: (f) => compact({ ...exportSettings(f), limit: optionalInteger(f, 'limit', 1, MAX_PREVIEW_ROWS) }),
  },
  salesOverTime: { fields: ['bucket'], check: (f) => ({ bucket: oneOf(f, 'bucket', SALES_BUCKETS) }) },
  outcomes: { fields: [], check: noParams },
  trafficMetrics: {
    fields: ['bucket', 'from', 'to', 'sku'],
    check: (f) =>
      compact({ bucket: oneOf(f, 'bucket', TRAFFIC_BUCKETS), from: optionalDay(f, 'from'), to: optionalDay(f, 'to'), sku: optionalText(f, 'sku') }),
  },
  computeBackend: { fields: [], check: noParams },
  knowledgeSummary: { fields: [], check: noParams },
  listModelVersions: { fields: [], check: noParams },
  setServingVersion: { fields: ['versionId'], check: (f) => ({ versionId: integer(f, 'versionId', 1, Number.MAX_SAFE_INTEGER) }) },
  compareVersions: {
    fields: ['a', 'b'],
    check: (f) => ({ a: integer(f, 'a', 1, Number.MAX_SAFE_INTEGER), b: integer(f, 'b', 1, Number.MAX_SAFE_INTEGER) }),
  },
  latestChangeReport: { fields: [], check: noParams },
  setPseudonymiseCustomers: { fields: ['enabled'], check: (f) => ({ enabled: boolean(f, 'enabled') }) },
};

export function invalidRequest(detail: string): ErrorData {
  return { code: 'request.invalid', kind: 'user', params: { detail } };
}

/**
 * Checks `body` against the request shape of `operation` and returns a clean copy holding only
 * the known fields, or `request.invalid` with the reason.
 */
export function validateRequest<K extends OperationName>(operation: K, body: unknown): Reply<RequestOf<K>> {
  if (!(OPERATION_NAMES as readonly string[]).includes(operation)) {
    return { ok: false, error: invalidRequest(`unknown operation "${String(operation)}"`) };
  }
  const { fields, check } = checks[operation];
  try {
    return { ok: true, value: check(objectOf(body ?? {}, fields)) };
  } catch (error) {
    if (error instanceof InvalidRequest) return { ok: false, error: invalidRequest(`${operation}: ${error.message}`) };
    throw error;
  }
}
