import { formatMessage } from '../../api/messages/index.ts';
import { chosenServingMessages } from '../../api/serving-messages.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatDate, formatDateTime, formatMetric } from '../format.ts';
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
  const { versions, serving } = await withWorkspace(dir, { create: false }, async (workspace) => ({
    versions: workspace.listModelVersions(),
    serving: workspace.servingStatus(),
  }));

  out.result({ versions, serving });
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

  // A version the merchant chose serves until the next training run, so print that, and name
  // the newest run's own pick when it is another version.
  const chosen = serving ? chosenServingMessages(serving, (model) => modelLabel(locale, model), formatDateTime) : [];
  if (chosen.length > 0) out.text();
  for (const message of chosen) out.text(formatMessage(locale, message.key, message.params));
  return EXIT_OK;
}
