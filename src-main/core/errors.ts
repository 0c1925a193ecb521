import type { ErrorCode, ErrorData, ErrorKind, ErrorParams } from '../api/errors.ts';

/**
 * The engine's error: a code and named parameters, rendered into the merchant's language by
 * the host. `kind` keeps merchant mistakes, bugs and cancellations apart.
 */
export class ShopRecError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options: { kind?: ErrorKind; cause?: unknown } = {}) {
    super(`${code} ${JSON.stringify(params)}`, { cause: options.cause });
    this.name = 'ShopRecError';
    this.code = code;
    this.params = params;
    this.kind = options.kind ?? (code === 'cancelled' ? 'cancelled' : code === 'internal' ? 'bug' : 'user');
  }

  toData(): ErrorData {
    return { code: this.code, kind: this.kind, params: { ...this.params } };
  }
}

export class CancelledError extends ShopRecError {
  constructor() {
    super('cancelled', {}, { kind: 'cancelled' });
  }
}

/** Throws CancelledError when the signal has fired; call it between units of long work. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Turns anything thrown into plain error data; unknown errors become `internal` bugs. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ShopRecError) return error.toData();
  if (isAbortError(error)) return new CancelledError().toData();
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', kind: 'bug', params: { detail } };
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
