import path from 'node:path';

import type { ExportFormat } from '../../api/contract.ts';
import { integerOption, requiredString, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, progressLabel } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';

const EXPORT_FORMATS: readonly ExportFormat[] = ['customers', 'items'];
const MAX_LIMIT = 1000;

export const exportCommand: Command = {
  name: 'export',
  synopsis: 'shoprec export --format customers|items --out FILE [--limit N] [options]',
  summaryKey: 'command.export',
  options: {
    format: { type: 'string', valueName: 'customers|items', helpKey: 'option.format' },
    out: { type: 'string', valueName: 'FILE', helpKey: 'option.out' },
    limit: { type: 'string', valueName: 'N', helpKey: 'option.exportLimit' },
  },
  allowPositionals: false,
  run: runExport,
};

async function runExport(context: CommandContext): Promise<number> {
  const { values, locale, out, signal } = context;
  const format = parseFormat(requiredString(values, 'format'));
  const outPath = path.resolve(requiredString(values, 'out'));
  const limit = integerOption(values, 'limit', { min: 1, max: MAX_LIMIT });

  const dir = workspaceFolder(values, context.env);
  const summary = await withWorkspace(dir, { create: false }, (workspace) =>
    workspace.export(format, outPath, {
      locale,
      ...(limit !== undefined ? { limit } : {}),
      signal,
      onProgress: out.progressReporter((phase) => progressLabel(locale, phase, path.basename(outPath))),
    }),
  );

  out.text(
    cliText(locale, 'export.written', {
      rows: formatCount(locale, summary.rows),
      path: summary.path,
      bytes: formatCount(locale, summary.bytes),
    }),
  );
  out.result(summary);
  return EXIT_OK;
}

export function parseFormat(value: string): ExportFormat {
  const format = EXPORT_FORMATS.find((candidate) => candidate === value);
  if (!format) throw new UsageError('usage.invalidFormat', { value });
  return format;
}
