/**
 * Error codes that cross the boundary between the engine and every host (CLI, HTTP server,
 * Electron IPC, renderer). The engine never sends prose: it sends a code and named parameters,
 * and each host renders them in the merchant's language from the message catalogues.
 */

/** Who has to act: the merchant (user), a maintainer (bug), or nobody (cancelled). */
export type ErrorKind = 'user' | 'bug' | 'cancelled';

export type ErrorParams = Record<string, string | number>;

/** Plain data form of an error, safe to serialise across IPC and HTTP. */
export interface ErrorData {
  code: ErrorCode;
  kind: ErrorKind;
  params: ErrorParams;
}

export const ERROR_CODES = [
  // Files the merchant gives us.
  'file.notFound',
  'file.unreadable',
  'file.empty',
  'file.binary',
  'file.notText',
  'file.spreadsheetNotSupported',
  'file.compressedCorrupt',
  'file.encodingUnknown',
  'file.invalidUtf8',
  'file.doubleEncoded',
  'file.noHeader',
  'file.unrecognisedColumns',
  'file.missingColumn',
  'file.noUsableRows',
  'file.tooLarge',
  'file.workbookInvalid',
  'file.workbookTooLarge',
  'file.trafficDateMissing',
  'mapping.invalid',
  'mapping.columnNotFound',
  // Workspace and storage.
  'workspace.notFound',
  'workspace.locked',
  'workspace.newerVersion',
  'workspace.migrationFailed',
  'workspace.corrupt',
  'workspace.diskFull',
  // Training and recommending.
  'training.notEnoughData',
  'training.noRun',
  'training.invalidParameter',
  'training.incompatibleWeights',
  'backend.unknown',
  'backend.unavailable',
  'recommend.customerNotFound',
  'recommend.itemNotFound',
  'export.unknownFormat',
  'export.writeFailed',
  'export.noEmailCustomers',
  'export.unencodable',
  'export.invalidBaseUrl',
  // Sentence models for product titles.
  'model.folderNotFound',
  'model.invalidFolder',
  'model.invalidFile',
  'model.loadFailed',
  'model.alreadyInstalled',
  // Requests that cross the boundary.
  'request.invalid',
  'request.unauthorised',
  'request.notFound',
  'request.tooLarge',
  'job.busy',
  'job.notFound',
  // Model registry and knowledge packs.
  'knowledge.versionNotFound',
  'knowledge.invalidPack',
  'knowledge.workspaceNotEmpty',
  // Outcomes that are not failures of the merchant.
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    isErrorCode(candidate.code) &&
    (candidate.kind === 'user' || candidate.kind === 'bug' || candidate.kind === 'cancelled') &&
    typeof candidate.params === 'object' &&
    candidate.params !== null
  );
}
