import type { ErrorData } from '../api/errors.ts';
import { formatMessage, type Locale } from '../api/messages/index.ts';
import { createLogger } from '../core/log.ts';

const log = createLogger('cli');

/** Exit statuses of `shoprec`; 130 is what shells report for a program ended by SIGINT. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

/** Renders an engine error in the merchant's language. */
export function errorMessage(locale: Locale, error: ErrorData): string {
  return formatMessage(locale, `error.${error.code}`, error.params);
}

/** Builds the `--json` form of an error: the code and parameters for scripts, the message for people. */
export function errorJson(locale: Locale, error: ErrorData): Record<string, unknown> {
  return { code: error.code, kind: error.kind, params: error.params, message: errorMessage(locale, error) };
}

/** Logs the stack of an error that is a bug in ShopRec, so that a report can include it. */
export function logIfBug(error: unknown, data: ErrorData): void {
  if (data.kind !== 'bug') return;
  log.error('command failed', { stack: error instanceof Error ? error.stack : String(error) });
}
