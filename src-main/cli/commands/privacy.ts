import { stringOption, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { workspaceFolder } from '../common-options.ts';
import { EXIT_OK } from '../error-report.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';

export const privacyCommand: Command = {
  name: 'privacy',
  synopsis: 'shoprec privacy [--pseudonymise on|off] [options]',
  summaryKey: 'command.privacy',
  options: {
    pseudonymise: { type: 'string', valueName: 'on|off', helpKey: 'option.pseudonymise' },
  },
  allowPositionals: false,
  run: runPrivacy,
};

/** Shows the privacy setting of a workspace, or turns customer pseudonymisation on or off. */
async function runPrivacy(context: CommandContext): Promise<number> {
  const { locale, out } = context;
  const requested = stringOption(context.values, 'pseudonymise');
  if (requested !== undefined && requested !== 'on' && requested !== 'off') {
    throw new UsageError('usage.invalidSwitch', { option: '--pseudonymise', value: requested });
  }

  const dir = workspaceFolder(context.values, context.env);
  const enabled = await withWorkspace(dir, { create: requested !== undefined }, async (workspace) => {
    if (requested !== undefined) workspace.setPseudonymiseCustomers(requested === 'on');
    return workspace.knowledgeSummary().pseudonymiseCustomers;
  });

  out.text(cliText(locale, enabled ? 'privacy.pseudonymising' : 'privacy.plainIds'));
  out.result({ pseudonymiseCustomers: enabled });
  return EXIT_OK;
}
