import type { ModelMetrics, TrainingRunSummary } from '../api/contract.ts';
import type { Locale } from '../api/messages/index.ts';
import { formatCount, formatMetric, formatPercent, formatSeconds } from './format.ts';
import { cliText, engineText, type CliMessageKey } from './messages/index.ts';
import type { Output } from './output.ts';
import { renderTable } from './render-table.ts';

/** Builds the `--json` form of a training run, with metrics keyed by model name as scripts look them up. */
export function trainingRunJson(run: TrainingRunSummary): Record<string, unknown> {
  const models: Record<string, Omit<ModelMetrics, 'model'>> = {};
  for (const metrics of run.models) {
    models[metrics.model] = {
      hr10: metrics.hr10,
      ndcg10: metrics.ndcg10,
      recall20: metrics.recall20,
      coverage: metrics.coverage,
      evaluatedCustomers: metrics.evaluatedCustomers,
    };
  }

  return {
    runId: run.runId,
    status: run.status,
    servingModel: run.servingModel,
    choice: run.choice,
    models,
    split: run.split,
    durationMs: run.durationMs,
    backend: run.backend,
    skipped: run.skipped,
  };
}

/** Prints the metrics table of a run, the serving model and why it was chosen. */
export function printTrainingRun(out: Output, locale: Locale, run: TrainingRunSummary): void {
  const table = renderTable(
    [
      { header: cliText(locale, 'table.model') },
      { header: cliText(locale, 'table.hr10'), align: 'right' },
      { header: cliText(locale, 'table.ndcg10'), align: 'right' },
      { header: cliText(locale, 'table.recall20'), align: 'right' },
      { header: cliText(locale, 'table.coverage'), align: 'right' },
      { header: cliText(locale, 'table.evaluatedCustomers'), align: 'right' },
    ],
    run.models.map((metrics) => [
      modelLabel(locale, metrics.model),
      formatMetric(locale, metrics.hr10),
      formatMetric(locale, metrics.ndcg10),
      formatMetric(locale, metrics.recall20),
      formatPercent(locale, metrics.coverage),
      formatCount(locale, metrics.evaluatedCustomers),
    ]),
  );
  out.text(table);
  out.text();

  if (run.split) {
    out.text(
      cliText(locale, 'train.split', {
        testCustomers: formatCount(locale, run.split.testCustomers),
        testEvents: formatCount(locale, run.split.testEvents),
        trainEvents: formatCount(locale, run.split.trainEvents),
        catalogItems: formatCount(locale, run.split.catalogItems),
      }),
    );
  }

  if (run.servingModel) {
    out.text(cliText(locale, 'train.serving', { model: modelLabel(locale, run.servingModel) }));
    if (run.choice) out.text(`  ${engineText(locale, run.choice.key, withModelLabels(locale, run.choice.params), 'choice')}`);
  } else {
    out.text(cliText(locale, 'train.noServing'));
  }

  for (const skip of run.skipped) {
    out.text(cliText(locale, 'train.skipped', { model: modelLabel(locale, skip.model), reason: engineText(locale, skip.key, skip.params) }));
  }
  if (run.backend) out.text(cliText(locale, 'train.backend', { backend: engineText(locale, run.backend.labelKey, {}) }));

  if (run.durationMs !== null) {
    out.text(cliText(locale, 'train.done', { runId: run.runId, seconds: formatSeconds(locale, run.durationMs) }));
  }
}

const LABELLED_MODELS = ['popularity', 'item-knn', 'ease', 'als', 'sequential'] as const;

/** Returns the display name of a model; a model this build does not name is shown by its code. */
/** The engine names models by id in a choice's parameters; the merchant reads their labels. */
function withModelLabels(locale: Locale, params: Record<string, string | number>): Record<string, string | number> {
  const labelled = { ...params };
  for (const name of ['model', 'other']) {
    const value = labelled[name];
    if (typeof value === 'string') labelled[name] = modelLabel(locale, value);
  }
  return labelled;
}

export function modelLabel(locale: Locale, model: string): string {
  const key = `model.${model}`;
  return (LABELLED_MODELS as readonly string[]).includes(model) ? cliText(locale, key as CliMessageKey) : model;
}
