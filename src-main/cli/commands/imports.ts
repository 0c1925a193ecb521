import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, formatDateTime } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { renderTable } from '../render-table.ts';

export const importsCommand: Command = {
  name: 'imports',
  synopsis: 'shoprec imports [options]',
  summaryKey: 'command.imports',
  options: {},
  allowPositionals: false,
  run: runImports,
};

async function runImports(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const dir = workspaceFolder(context.values, context.env);
  const imports = await withWorkspace(dir, { create: false }, async (workspace) => workspace.listImports());

  out.result({ imports });
  if (imports.length === 0) {
    out.text(cliText(locale, 'imports.none'));
    return EXIT_OK;
  }

  const table = renderTable(
    [
      { header: cliText(locale, 'table.import'), align: 'right' },
      { header: cliText(locale, 'table.file'), maxWidth: 40 },
      { header: cliText(locale, 'table.format') },
      { header: cliText(locale, 'table.rows'), align: 'right' },
      { header: cliText(locale, 'table.lineItems'), align: 'right' },
      { header: cliText(locale, 'table.rejected'), align: 'right' },
      { header: cliText(locale, 'table.importedAt') },
    ],
    imports.map((summary) => [
      `#${summary.importId ?? ''}`,
      summary.fileName,
      summary.format,
      formatCount(locale, summary.rows),
      formatCount(locale, summary.lineItems),
      formatCount(locale, summary.rejected),
      formatDateTime(summary.importedAt),
    ]),
  );
  out.text(table);
  return EXIT_OK;
}
