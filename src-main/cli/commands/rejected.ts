import { ShopRecError } from '../../core/errors.ts';
import { integerOption, requiredString, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_FAILURE, EXIT_OK } from '../error-report.ts';
import { cliText, engineText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { renderTable } from '../render-table.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100_000;

export const rejectedCommand: Command = {
  name: 'rejected',
  synopsis: 'shoprec rejected --import ID [--limit N] [options]',
  summaryKey: 'command.rejected',
  options: {
    import: { type: 'string', valueName: 'ID', helpKey: 'option.import' },
    limit: { type: 'string', valueName: 'N', helpKey: 'option.rejectedLimit', helpParams: () => ({ limit: DEFAULT_LIMIT }) },
  },
  allowPositionals: false,
  run: runRejected,
};

async function runRejected(context: CommandContext): Promise<number> {
  const { values, locale, out } = context;
  const importId = parseImportId(requiredString(values, 'import'));
  const limit = integerOption(values, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT;

  const dir = workspaceFolder(values, context.env);
  const rows = await withWorkspace(dir, { create: false }, async (workspace) => {
    const known = workspace.listImports().some((summary) => summary.importId === importId);
    return known ? workspace.rejectedRows(importId, { limit }) : null;
  });

  if (rows === null) {
    // The shared catalogue has no "import not found" message, so this one is the CLI's own.
    const message = cliText(locale, 'rejected.importNotFound', { importId });
    out.message(message);
    const data = new ShopRecError('request.notFound', { path: `import ${importId}` }).toData();
    out.result({ error: { ...data, message } });
    return EXIT_FAILURE;
  }

  out.result({ importId, rows });
  if (rows.length === 0) {
    out.text(cliText(locale, 'rejected.none', { importId }));
    return EXIT_OK;
  }

  const table = renderTable(
    [
      { header: cliText(locale, 'table.line'), align: 'right' },
      { header: cliText(locale, 'table.rejectReason'), maxWidth: 60 },
      { header: cliText(locale, 'table.raw'), maxWidth: 70 },
    ],
    rows.map((row) => [String(row.lineNumber), engineText(locale, row.reason, row.params, 'rejected'), row.raw]),
  );
  out.text(table);
  return EXIT_OK;
}

function parseImportId(text: string): number {
  const value = /^#?\d+$/.test(text) ? Number(text.replace('#', '')) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError('usage.invalidNumber', { option: '--import', min: 1, value: text });
  }
  return value;
}
