import { stringOption, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { EXIT_OK } from '../error-report.ts';
import { formatCount } from '../format.ts';
import { cliText } from '../messages/index.ts';
import { renderTable } from '../render-table.ts';

/** `shoprec model add DIR` installs a sentence model folder; `shoprec model list` shows them. */
export const modelCommand: Command = {
  name: 'model',
  synopsis: 'shoprec model add DIR [--name NAME] | shoprec model list',
  summaryKey: 'command.model',
  options: {
    name: { type: 'string', valueName: 'NAME', helpKey: 'option.modelName' },
  },
  allowPositionals: true,
  run: runModel,
};

async function runModel(context: CommandContext): Promise<number> {
  const [action, dir, ...rest] = context.positionals;
  if (rest.length > 0) throw new UsageError('usage.unexpectedArgument', { value: rest[0]! });
  if (action === 'add' && dir !== undefined) return addModel(context, dir);
  if (action === 'list' && dir === undefined) return listModels(context);
  throw new UsageError('usage.modelAction', {});
}

async function addModel(context: CommandContext, dir: string): Promise<number> {
  const { addModelFolder } = await import('../../core/text/model-folder.ts');
  const name = stringOption(context.values, 'name');
  const installed = await addModelFolder(dir, name === undefined ? {} : { name });
  context.out.text(cliText(context.locale, 'model.added', { name: installed.name, path: installed.dir }));
  context.out.result({ model: installed });
  return EXIT_OK;
}

async function listModels(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const { listInstalledModels } = await import('../../core/text/model-folder.ts');
  const models = listInstalledModels();
  out.result({ models });
  if (models.length === 0) {
    out.text(cliText(locale, 'model.none'));
    return EXIT_OK;
  }
  out.text(
    renderTable(
      [
        { header: cliText(locale, 'table.name') },
        { header: cliText(locale, 'table.source') },
        { header: cliText(locale, 'table.sizeMb'), align: 'right' },
        { header: cliText(locale, 'table.path') },
      ],
      models.map((m) => [
        m.name,
        cliText(locale, m.source === 'user' ? 'model.sourceUser' : 'model.sourceBundled'),
        formatCount(locale, Math.round(m.sizeBytes / 1e6)),
        m.dir,
      ]),
    ),
  );
  return EXIT_OK;
}
