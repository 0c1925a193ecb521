import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatDate, formatMetric } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { renderTable } from '../render-table.ts';
import { modelLabel } from '../training-report.ts';

export const modelsCommand: Command = {
  name: 'models',
  synopsis: 'shoprec models [options]',
  summaryKey: 'command.models',
  options: {},
  allowPositionals: false,
  run: runModels,
};

async function runModels(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const dir = workspaceFolder(context.values, context.env);
  const versions = await withWorkspace(dir, { create: false }, async (workspace) => workspace.listModelVersions());

  out.result({ versions });
  if (versions.length === 0) {
    out.text(cliText(locale, 'models.none'));
    return EXIT_OK;
  }

  const table = renderTable(
    [
      { header: cliText(locale, 'table.version'), align: 'right' },
      { header: cliText(locale, 'table.run'), align: 'right' },
      { header: cliText(locale, 'table.model') },
      { header: cliText(locale, 'table.parent'), align: 'right' },
      { header: cliText(locale, 'table.dataUntil') },
      { header: cliText(locale, 'table.ndcg10'), align: 'right' },
      { header: cliText(locale, 'table.hr10'), align: 'right' },
      { header: cliText(locale, 'table.serving') },
    ],
    versions.map((version) => [
      `#${version.versionId}`,
      `#${version.runId}`,
      modelLabel(locale, version.model),
      version.parentVersionId === null ? '' : `#${version.parentVersionId}`,
      formatDate(version.dataThrough),
      version.metrics ? formatMetric(locale, version.metrics.ndcg10) : '',
      version.metrics ? formatMetric(locale, version.metrics.hr10) : '',
      version.serving ? cliText(locale, 'models.servingMark') : '',
    ]),
  );
  out.text(table);
  return EXIT_OK;
}
