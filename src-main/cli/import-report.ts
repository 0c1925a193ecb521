import type { ImportSummary, RejectedRowView } from '../api/contract.ts';
import type { Locale } from '../api/messages/index.ts';
import { formatCount, formatSeconds } from './format.ts';
import { cliText, engineText } from './messages/index.ts';
import type { Output } from './output.ts';

/** Rejected rows shown after each import; `shoprec rejected` lists the rest. */
export const REJECTED_PREVIEW_ROWS = 5;

/** Builds the `--json` form of one import: the file as given on the command line plus the summary. */
export function importJson(file: string, summary: ImportSummary): Record<string, unknown> {
  return { file, ...summary };
}

/**
 * A knowledge update that adds at least this many ms to an import is named in the heading, so
 * that the time printed matches the time the merchant waited.
 */
const SHOWN_KNOWLEDGE_MS = 1000;

/**
 * Prints what was detected and counted in one file, and its first rejected rows. `totalMs` is
 * the whole step as the merchant waited for it: the import and the knowledge update after it.
 */
export function printImport(out: Output, locale: Locale, summary: ImportSummary, rejectedPreview: RejectedRowView[], totalMs?: number): void {
  if (summary.alreadyImported) {
    out.text(cliText(locale, 'import.alreadyImported', { file: summary.fileName, importId: summary.existingImportId ?? '?' }));
    return;
  }

  const heading = {
    file: summary.fileName,
    importId: summary.importId ?? '?',
    seconds: formatSeconds(locale, summary.durationMs),
  };
  if (totalMs !== undefined && totalMs - summary.durationMs >= SHOWN_KNOWLEDGE_MS) {
    out.text(cliText(locale, 'import.headingWithKnowledge', { ...heading, total: formatSeconds(locale, totalMs) }));
  } else {
    out.text(cliText(locale, 'import.heading', heading));
  }
  out.text(
    `  ${cliText(locale, 'import.layout', {
      format: summary.format,
      encoding: summary.encoding,
      delimiter: delimiterLabel(locale, summary.delimiter),
    })}`,
  );
  out.text(
    `  ${cliText(locale, 'import.counts', {
      rows: formatCount(locale, summary.rows),
      lineItems: formatCount(locale, summary.lineItems),
      returns: formatCount(locale, summary.returns),
      duplicates: formatCount(locale, summary.duplicates),
      rejected: formatCount(locale, summary.rejected),
    })}`,
  );
  const entities = {
    orders: formatCount(locale, summary.orders),
    customers: formatCount(locale, summary.customers),
    items: formatCount(locale, summary.items),
  };
  // Cancelled invoices count as orders here but not among the shop's orders with purchases.
  const returnOnly = summary.returnOnlyOrders ?? 0;
  const entitiesText =
    returnOnly > 0
      ? cliText(locale, 'import.entitiesWithReturns', { ...entities, returnOnly: formatCount(locale, returnOnly) })
      : cliText(locale, 'import.entities', entities);
  out.text(`  ${entitiesText}`);

  if (rejectedPreview.length > 0) printRejectedPreview(out, locale, summary, rejectedPreview);
}

function printRejectedPreview(out: Output, locale: Locale, summary: ImportSummary, rows: RejectedRowView[]): void {
  out.text(
    `  ${cliText(locale, 'import.rejectedHeading', {
      shown: rows.length,
      total: formatCount(locale, summary.rejected),
      importId: summary.importId ?? '?',
    })}`,
  );
  for (const row of rows) {
    const reason = engineText(locale, row.reason, row.params, 'rejected');
    out.text(`    ${cliText(locale, 'import.rejectedRow', { line: row.lineNumber, reason })}`);
  }
}

function delimiterLabel(locale: Locale, delimiter: string): string {
  return delimiter === '\t' ? cliText(locale, 'import.delimiterTab') : `"${delimiter}"`;
}
