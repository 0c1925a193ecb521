import path from 'node:path';

import { EXPORT_ENCODINGS, EXPORT_FORMATS, type ExportEncoding, type ExportFormat } from '../../api/contract.ts';
import { integerOption, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, progressLabel } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';

const MAX_LIMIT = 1000;

export const exportCommand: Command = {
  name: 'export',
  synopsis: 'shoprec export --format NAME --out FILE [--encoding utf-8|utf-8-bom|gbk] [--base-url URL] [--limit N] [options]',
  summaryKey: 'command.export',
  options: {
    format: { type: 'string', valueName: 'NAME', helpKey: 'option.format' },
    out: { type: 'string', valueName: 'FILE', helpKey: 'option.out' },
    encoding: { type: 'string', valueName: 'NAME', helpKey: 'option.encoding' },
    'base-url': { type: 'string', valueName: 'URL', helpKey: 'option.baseUrl' },
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
  const encoding = parseEncoding(stringOption(values, 'encoding'));
  const baseUrl = stringOption(values, 'base-url');

  const dir = workspaceFolder(values, context.env);
  const summary = await withWorkspace(dir, { create: false }, (workspace) =>
    workspace.export(format, outPath, {
      locale,
      ...(limit !== undefined ? { limit } : {}),
      ...(encoding !== undefined ? { encoding } : {}),
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      signal,
      onProgress: out.progressReporter((phase) => progressLabel(locale, phase, path.basename(outPath))),
    }),
  );

  out.text(
    cliText(locale, 'export.written', {
      rows: formatCount(locale, summary.rows),
      path: summary.path,
      bytes: formatCount(locale, summary.bytes),
      encoding: summary.encoding,
    }),
  );
  if (summary.skippedCustomers > 0) {
    out.text(cliText(locale, 'export.skippedCustomers', { count: formatCount(locale, summary.skippedCustomers) }));
  }
  out.result(summary);
  return EXIT_OK;
}

export function parseFormat(value: string): ExportFormat {
  const format = EXPORT_FORMATS.find((candidate) => candidate === value);
  if (!format) throw new UsageError('usage.invalidFormat', { value, formats: EXPORT_FORMATS.join(', ') });
  return format;
}

function parseEncoding(value: string | undefined): ExportEncoding | undefined {
  if (value === undefined) return undefined;
  const encoding = EXPORT_ENCODINGS.find((candidate) => candidate === value.toLowerCase());
  if (!encoding) throw new UsageError('usage.invalidEncoding', { value });
  return encoding;
}
