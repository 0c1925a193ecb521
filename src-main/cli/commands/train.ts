import type { ModelName } from '../../api/contract.ts';
import { stringOption, UsageError, type OptionValues } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { progressLabel } from '../format.ts';
import { withWorkspace } from '../open-workspace.ts';
import { printTrainingRun, trainingRunJson } from '../training-report.ts';

/** Models this build can train, in the order the table lists them. */
export const MODEL_NAMES: readonly ModelName[] = ['popularity', 'item-knn', 'ease', 'als', 'sequential'];

export const trainCommand: Command = {
  name: 'train',
  synopsis: 'shoprec train [--models popularity,item-knn,ease,als,sequential] [options]',
  summaryKey: 'command.train',
  options: {
    models: {
      type: 'string',
      valueName: 'LIST',
      helpKey: 'option.models',
      helpParams: () => ({ models: MODEL_NAMES.join(', ') }),
    },
  },
  allowPositionals: false,
  run: runTrain,
};

async function runTrain(context: CommandContext): Promise<number> {
  const { locale, out, signal } = context;
  const models = parseModels(context.values);

  const dir = workspaceFolder(context.values, context.env);
  const run = await withWorkspace(dir, { create: false }, (workspace) =>
    workspace.train({
      ...(models ? { models } : {}),
      signal,
      onProgress: out.progressReporter((phase) => progressLabel(locale, phase, '')),
    }),
  );

  printTrainingRun(out, locale, run);
  out.result(trainingRunJson(run));
  return EXIT_OK;
}

/** Parses `--models a,b`; returns undefined when the option is absent, meaning all models. */
export function parseModels(values: OptionValues): ModelName[] | undefined {
  const text = stringOption(values, 'models');
  if (text === undefined) return undefined;

  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.find((name) => !(MODEL_NAMES as readonly string[]).includes(name));
  if (unknown !== undefined || names.length === 0) {
    throw new UsageError('usage.invalidModels', { value: unknown ?? text, models: MODEL_NAMES.join(', ') });
  }
  return [...new Set(names)] as ModelName[];
}
