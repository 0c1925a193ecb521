import path from 'node:path';

import type { FilePreview } from '../../api/contract.ts';
import { UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { renderTable } from '../render-table.ts';

export const previewCommand: Command = {
  name: 'preview',
  synopsis: 'shoprec preview FILE [options]',
  summaryKey: 'command.preview',
  options: {},
  allowPositionals: true,
  run: runPreview,
};

const SHOWN_ROWS = 5;
const MAX_CELL_WIDTH = 24;

async function runPreview(context: CommandContext): Promise<number> {
  const [file, ...extra] = context.positionals;
  if (file === undefined) throw new UsageError('usage.missingFiles');
  if (extra[0] !== undefined) throw new UsageError('usage.unexpectedArgument', { value: extra[0] });

  // The workspace supplies the mappings stored for earlier files; previewing writes nothing.
  const dir = workspaceFolder(context.values, context.env);
  const preview = await withWorkspace(dir, { create: true }, (workspace) => workspace.previewFile(path.resolve(file)));
  printPreview(context, preview);
  context.out.result(preview);
  return EXIT_OK;
}

function printPreview(context: CommandContext, preview: FilePreview): void {
  const { locale, out } = context;
  let delimiter = preview.delimiter;
  if (delimiter === '\t') delimiter = 'TAB';
  if (delimiter === '') delimiter = '-';
  // Format names are identifiers, as in import reports and --json; the words around them are translated.
  const format = preview.format === 'unrecognised' ? cliText(locale, 'preview.unrecognised') : preview.format;
  const kind = cliText(locale, `preview.kind.${preview.kind}`);
  out.text(cliText(locale, 'preview.summary', { file: preview.fileName, format, kind, encoding: preview.encoding, delimiter }));

  out.text(cliText(locale, 'preview.mapping', { source: cliText(locale, `preview.source.${preview.mappingSource}`) }));
  const mapped = Object.entries(preview.suggestedMapping);
  for (const [field, column] of mapped) out.text(`  ${field} = ${column}`);
  if (mapped.length === 0) out.text(`  ${cliText(locale, 'preview.nothingMapped')}`);
  if (preview.missingFields.length > 0) out.text(cliText(locale, 'preview.missing', { fields: preview.missingFields.join(', ') }));

  out.text(cliText(locale, 'preview.sample'));
  const columns = preview.header.map((header) => ({ header, maxWidth: MAX_CELL_WIDTH }));
  out.text(renderTable(columns, preview.sampleRows.slice(0, SHOWN_ROWS)));
}
