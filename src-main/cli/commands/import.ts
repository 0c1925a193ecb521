import path from 'node:path';

import type { ImportSummary } from '../../api/contract.ts';
import { CancelledError, toErrorData } from '../../core/errors.ts';
import type { Workspace } from '../../core/workspace.ts';
import { stringOption, UsageError } from '../args.ts';
import { MAP_FIELDS, parseMapOption } from '../map-option.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_FAILURE, EXIT_OK, errorJson, errorMessage, logIfBug } from '../error-report.ts';
import { progressLabel } from '../format.ts';
import { importJson, printImport, REJECTED_PREVIEW_ROWS } from '../import-report.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';

export const importCommand: Command = {
  name: 'import',
  synopsis: 'shoprec import FILE... [--map FIELD=COLUMN,...] [options]',
  summaryKey: 'command.import',
  options: {
    map: { type: 'string', valueName: 'FIELD=COLUMN,...', helpKey: 'option.map', helpParams: () => ({ fields: MAP_FIELDS.join(', ') }) },
  },
  allowPositionals: true,
  run: runImport,
};

interface FailedImport {
  file: string;
  error: Record<string, unknown>;
}

async function runImport(context: CommandContext): Promise<number> {
  const files = context.positionals;
  if (files.length === 0) throw new UsageError('usage.missingFiles');
  // Parsed here as well, so that a mistake in --map is reported before the workspace is opened.
  const mapText = stringOption(context.values, 'map');
  if (mapText !== undefined) parseMapOption(mapText);

  const dir = workspaceFolder(context.values, context.env);
  return withWorkspace(dir, { create: true }, async (workspace) => {
    const imported: Record<string, unknown>[] = [];
    const failed: FailedImport[] = [];

    for (const file of files) {
      if (context.signal.aborted) throw new CancelledError();

      // A single file's failure is the command's failure, reported like any other error.
      if (files.length === 1) {
        imported.push(importJson(file, await importOne(context, workspace, file)));
        continue;
      }

      try {
        imported.push(importJson(file, await importOne(context, workspace, file)));
      } catch (error) {
        const data = toErrorData(error);
        if (data.kind === 'cancelled') throw error;
        logIfBug(error, data);
        context.out.message(cliText(context.locale, 'import.failed', { file, message: errorMessage(context.locale, data) }));
        failed.push({ file, error: errorJson(context.locale, data) });
      }
    }

    reportFailures(context, files.length, failed);
    const single = files.length === 1 ? imported[0] : undefined;
    context.out.result({ ...single, imports: imported, failed });
    return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  });
}

async function importOne(context: CommandContext, workspace: Workspace, file: string): Promise<ImportSummary> {
  const { locale, out, signal } = context;
  const name = path.basename(file);

  const mapText = stringOption(context.values, 'map');
  const started = performance.now();
  const summary = await workspace.importFile(path.resolve(file), {
    ...(mapText === undefined ? {} : { mapping: parseMapOption(mapText) }),
    signal,
    onProgress: out.progressReporter((phase) => progressLabel(locale, phase, name)),
  });

  const preview =
    summary.importId !== null && summary.rejected > 0
      ? workspace.rejectedRows(summary.importId, { limit: REJECTED_PREVIEW_ROWS })
      : [];
  printImport(out, locale, summary, preview, performance.now() - started);
  return summary;
}

function reportFailures(context: CommandContext, total: number, failed: FailedImport[]): void {
  if (failed.length === 0) return;
  context.out.message(
    cliText(context.locale, 'import.someFailed', {
      failed: failed.length,
      total,
      files: failed.map((failure) => failure.file).join(', '),
    }),
  );
}
