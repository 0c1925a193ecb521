import type { Locale } from '../api/messages/index.ts';
import type { OptionSpecs, OptionValues } from './args.ts';
import type { CliMessageKey } from './messages/index.ts';
import type { Output } from './output.ts';

export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  locale: Locale;
  out: Output;
  /** Fires on Ctrl-C; long engine work stops between units and rolls back what it started. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

/** One `shoprec` command: its options, its help and what it does. Returns the exit status. */
export interface Command {
  name: string;
  /** Syntax line of the help, such as `shoprec import FILE... [options]`. */
  synopsis: string;
  summaryKey: CliMessageKey;
  /** The command's own options; the common ones (workspace, json, lang, progress, help) are added. */
  options: OptionSpecs;
  allowPositionals: boolean;
  run(context: CommandContext): Promise<number>;
}
