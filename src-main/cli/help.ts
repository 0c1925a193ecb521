import type { Locale } from '../api/messages/index.ts';
import type { OptionSpecs } from './args.ts';
import type { Command } from './command.ts';
import { COMMON_OPTIONS } from './common-options.ts';
import { cliText } from './messages/index.ts';
import { displayWidth } from './render-table.ts';

/** Renders the overview help: what ShopRec does and one line per command. */
export function generalHelp(locale: Locale, commands: readonly Command[]): string {
  const nameWidth = Math.max(...commands.map((command) => command.name.length));
  const lines = [
    cliText(locale, 'help.title'),
    '',
    cliText(locale, 'help.usage'),
    '  shoprec COMMAND [options]',
    '',
    cliText(locale, 'help.commands'),
    ...commands.map((command) => `  ${command.name.padEnd(nameWidth)}  ${cliText(locale, command.summaryKey)}`),
    '',
    cliText(locale, 'help.commandHelp'),
    cliText(locale, 'help.exitCodes'),
  ];
  return lines.join('\n');
}

/** Renders one command's help: what it does, its syntax and what each option sets. */
export function commandHelp(locale: Locale, command: Command): string {
  const lines = [
    cliText(locale, command.summaryKey),
    '',
    cliText(locale, 'help.usage'),
    `  ${command.synopsis}`,
    '',
    cliText(locale, 'help.options'),
    ...optionLines(locale, commandOptions(command)),
    '',
    cliText(locale, 'help.exitCodes'),
  ];
  return lines.join('\n');
}

/** Returns the options a command accepts: its own first, then the common ones it does not replace. */
export function commandOptions(command: Command): OptionSpecs {
  return { ...command.options, ...withoutKeys(COMMON_OPTIONS, Object.keys(command.options)) };
}

function optionLines(locale: Locale, options: OptionSpecs): string[] {
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(options)) {
    const short = spec.short ? `-${spec.short}, ` : '';
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    const description = cliText(locale, spec.helpKey, spec.helpParams?.() ?? {});
    const flag = `  ${short}--${name}${value}`;
    lines.push(displayWidth(flag) < 24 ? `${flag.padEnd(24)}${description}` : `${flag}\n${' '.repeat(24)}${description}`);
  }
  return lines;
}

function withoutKeys(options: OptionSpecs, keys: string[]): OptionSpecs {
  return Object.fromEntries(Object.entries(options).filter(([name]) => !keys.includes(name)));
}
