import { integerOption, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { modelLabel } from '../training-report.ts';

export const serveCommand: Command = {
  name: 'serve',
  synopsis: 'shoprec serve --version ID [options]',
  summaryKey: 'command.serve',
  options: {
    version: { type: 'string', valueName: 'ID', helpKey: 'option.version' },
  },
  allowPositionals: false,
  run: runServe,
};

async function runServe(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const versionId = integerOption(context.values, 'version', { min: 1 });
  if (versionId === undefined) throw new UsageError('usage.missingOption', { option: '--version' });

  const dir = workspaceFolder(context.values, context.env);
  const version = await withWorkspace(dir, { create: false }, async (workspace) => workspace.setServingVersion(versionId));

  out.text(cliText(locale, 'serve.done', { version: version.versionId, model: modelLabel(locale, version.model), runId: version.runId }));
  out.result({ version });
  return EXIT_OK;
}
