import { isLocale, type Locale } from '../api/messages/index.ts';
import { toErrorData } from '../core/errors.ts';
import { setLogLevel } from '../core/log.ts';
import { parseOptions, prescan, splitCommand, UsageError } from './args.ts';
import type { Command } from './command.ts';
import { demoCommand } from './commands/demo.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { importsCommand } from './commands/imports.ts';
import { knowledgeCommand } from './commands/knowledge.ts';
import { modelCommand } from './commands/model.ts';
import { modelsCommand } from './commands/models.ts';
import { packCommand } from './commands/pack.ts';
import { outcomesCommand } from './commands/outcomes.ts';
import { recommendCommand } from './commands/recommend.ts';
import { previewCommand } from './commands/preview.ts';
import { rejectedCommand } from './commands/rejected.ts';
import { privacyCommand } from './commands/privacy.ts';
import { serveCommand } from './commands/serve.ts';
import { trainCommand } from './commands/train.ts';
import { EXIT_CANCELLED, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, errorJson, errorMessage, logIfBug } from './error-report.ts';
import { commandHelp, commandOptions, generalHelp } from './help.ts';
import { detectLocale } from './locale.ts';
import { cliText } from './messages/index.ts';
import { Output, type OutputStreams } from './output.ts';

const COMMANDS: readonly Command[] = [
  demoCommand,
  importCommand,
  previewCommand,
  trainCommand,
  recommendCommand,
  exportCommand,
  importsCommand,
  rejectedCommand,
  outcomesCommand,
  knowledgeCommand,
  modelsCommand,
  modelCommand,
  serveCommand,
  privacyCommand,
  packCommand,
];

/** Every option, of any command, that takes a value: needed to tell values from the command name. */
const VALUE_OPTIONS = [
  ...new Set(
    COMMANDS.flatMap((command) =>
      Object.entries(commandOptions(command))
        .filter(([, spec]) => spec.type === 'string')
        .map(([name]) => name),
    ),
  ),
];

export interface CliEnvironment extends OutputStreams {
  env: NodeJS.ProcessEnv;
}

/** Runs one `shoprec` command line and returns its exit status. */
export async function main(argv: string[], environment: CliEnvironment): Promise<number> {
  // The engine's warnings repeat what the command reports in the user's language, so a terminal
  // user sees only errors unless SHOPREC_LOG_LEVEL requests more.
  if (!environment.env.SHOPREC_LOG_LEVEL) setLogLevel('error');

  const early = prescan(argv);
  let locale = detectLocale(environment.env);
  let out = new Output(environment, { json: early.json, forceProgress: false });
  let command: Command | undefined;

  try {
    if (early.lang !== undefined) {
      if (!isLocale(early.lang)) throw new UsageError('usage.invalidLang', { value: early.lang });
      locale = early.lang;
    }

    const { command: name, rest } = splitCommand(argv, VALUE_OPTIONS);
    if (name === null || name === 'help') return showHelp(out, locale, name, rest);

    command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) throw new UsageError('usage.unknownCommand', { command: name });

    const { values, positionals } = parseOptions(rest, commandOptions(command), command.allowPositionals);
    if (values.help === true) {
      environment.stdout.write(`${commandHelp(locale, command)}\n`);
      return EXIT_OK;
    }

    out = new Output(environment, { json: values.json === true, forceProgress: values.progress === true });
    return await runWithCancel(command, { values, positionals, locale, out, env: environment.env });
  } catch (error) {
    return reportFailure(out, locale, command, error);
  } finally {
    await out.flush();
  }
}

/** `shoprec`, `shoprec --help`, `shoprec help` and `shoprec help COMMAND`. */
function showHelp(out: Output, locale: Locale, name: string | null, rest: string[]): number {
  const topic = name === 'help' ? splitCommand(rest, VALUE_OPTIONS).command : null;
  const helpRequested = name === 'help' || rest.includes('--help') || rest.includes('-h');
  if (!helpRequested) throw new UsageError('usage.missingCommand');

  const command = COMMANDS.find((candidate) => candidate.name === topic);
  if (topic !== null && !command) throw new UsageError('usage.unknownCommand', { command: topic });

  const text = command ? commandHelp(locale, command) : generalHelp(locale, COMMANDS);
  out.text(text);
  return EXIT_OK;
}

/**
 * Runs a command with an AbortSignal that the first Ctrl-C fires, so the engine stops and rolls
 * back its transaction. A second Ctrl-C ends the process at once for work that does not stop.
 */
async function runWithCancel(
  command: Command,
  context: Omit<Parameters<Command['run']>[0], 'signal'>,
): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_CANCELLED);
    controller.abort();
  };

  process.on('SIGINT', onInterrupt);
  try {
    return await command.run({ ...context, signal: controller.signal });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

function reportFailure(out: Output, locale: Locale, command: Command | undefined, error: unknown): number {
  if (error instanceof UsageError) {
    const message = cliText(locale, error.key, error.params);
    out.message(message);
    if (command) {
      out.message(`${cliText(locale, 'help.usage')} ${command.synopsis}`);
      out.message(cliText(locale, 'usage.hint', { command: command.name }));
    } else {
      out.message(generalHelp(locale, COMMANDS));
    }
    if (!out.hasResult) out.result({ error: { code: 'usage', kind: 'usage', params: error.params, message } });
    return EXIT_USAGE;
  }

  const data = toErrorData(error);
  logIfBug(error, data);
  out.message(errorMessage(locale, data));
  if (!out.hasResult) out.result({ error: errorJson(locale, data) });
  return data.kind === 'cancelled' ? EXIT_CANCELLED : EXIT_FAILURE;
}
