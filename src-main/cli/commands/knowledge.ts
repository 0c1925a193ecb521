import type { KnowledgeSummary } from '../../api/contract.ts';
import type { Locale } from '../../api/messages/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount, formatDateTime, formatMetric } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import type { Output } from '../output.ts';
import { modelLabel } from '../training-report.ts';

export const knowledgeCommand: Command = {
  name: 'knowledge',
  synopsis: 'shoprec knowledge [options]',
  summaryKey: 'command.knowledge',
  options: {},
  allowPositionals: false,
  run: runKnowledge,
};

async function runKnowledge(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const dir = workspaceFolder(context.values, context.env);
  const summary = await withWorkspace(dir, { create: false }, async (workspace) => workspace.knowledgeSummary());

  printServing(out, locale, summary);
  out.text(
    cliText(locale, 'knowledge.counts', {
      versions: formatCount(locale, summary.versions),
      baskets: formatCount(locale, summary.baskets),
      rules: formatCount(locale, summary.associationRules),
      profiles: formatCount(locale, summary.profiles),
      similar: formatCount(locale, summary.similarItems),
      mappings: formatCount(locale, summary.confirmedMappings),
    }),
  );
  if (summary.pseudonymiseCustomers) out.text(cliText(locale, 'knowledge.pseudonyms'));
  printLatestChange(out, locale, summary);
  out.result(summary);
  return EXIT_OK;
}

function printServing(out: Output, locale: Locale, summary: KnowledgeSummary): void {
  const serving = summary.serving;
  if (!serving) {
    out.text(cliText(locale, 'knowledge.noServing'));
    return;
  }
  const params = { version: serving.versionId, model: modelLabel(locale, serving.model), runId: serving.runId };
  if (summary.pointer) out.text(cliText(locale, 'knowledge.servingPointer', { ...params, since: formatDateTime(summary.pointer.since) }));
  else out.text(cliText(locale, 'knowledge.servingRun', params));
}

function printLatestChange(out: Output, locale: Locale, summary: KnowledgeSummary): void {
  const change = summary.latestChange;
  if (!change) {
    out.text(cliText(locale, 'knowledge.noChange'));
    return;
  }
  if (change.trigger === 'training' && change.metrics) {
    const previous = change.metrics.previousNdcg10;
    out.text(
      cliText(locale, previous === null ? 'knowledge.firstTraining' : 'knowledge.latestTraining', {
        runId: change.metrics.runId,
        model: modelLabel(locale, change.metrics.model),
        ndcg: formatMetric(locale, change.metrics.ndcg10),
        previous: previous === null ? '' : formatMetric(locale, previous),
      }),
    );
    return;
  }
  out.text(
    cliText(locale, 'knowledge.latestImport', {
      importId: change.importId ?? '',
      from: change.period?.from ?? '',
      to: change.period?.to ?? '',
      associations: change.newAssociations.length,
      rising: change.rising.length,
      falling: change.falling.length,
    }),
  );
  for (const association of change.newAssociations.slice(0, 5)) {
    out.text(
      cliText(locale, 'knowledge.association', {
        title: association.title || association.sku,
        other: association.otherTitle || association.otherSku,
        customers: association.customers,
        lift: formatMetric(locale, association.lift),
      }),
    );
  }
}
