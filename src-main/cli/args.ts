import { parseArgs, type ParseArgsConfig } from 'node:util';

import type { CliMessageKey } from './messages/index.ts';

/** A mistake in the command line itself: reported with a hint and the usage, exit status 2. */
export class UsageError extends Error {
  readonly key: CliMessageKey;
  readonly params: Record<string, string | number>;

  constructor(key: CliMessageKey, params: Record<string, string | number> = {}) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'UsageError';
    this.key = key;
    this.params = params;
  }
}

/** One option of a command and the text of its help line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder for the value in the help, such as DIR or N. */
  valueName?: string;
  helpKey: CliMessageKey;
  helpParams?: () => Record<string, string | number>;
}

export type OptionSpecs = Record<string, OptionSpec>;
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

/**
 * Finds the command name: the first argument that is neither an option nor an option's value,
 * so that `shoprec --json import a.csv` and `shoprec import a.csv --json` both work.
 * `valueOptions` names every option, of any command, that takes a value.
 */
export function splitCommand(argv: string[], valueOptions: string[]): { command: string | null; rest: string[] } {
  const { tokens } = parseArgs({
    args: argv,
    options: Object.fromEntries(valueOptions.map((name) => [name, { type: 'string' as const }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const first = tokens.find((token) => token.kind === 'positional');
  if (!first) return { command: null, rest: argv };
  return { command: first.value, rest: argv.filter((_, index) => index !== first.index) };
}

/**
 * Reads `--lang` and `--json` before the strict parse, so that even a usage error is reported
 * in the requested language and, with `--json`, as a JSON object.
 */
export function prescan(argv: string[]): { lang: string | undefined; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { lang: { type: 'string' }, json: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  return {
    lang: typeof values.lang === 'string' ? values.lang : undefined,
    json: values.json === true,
  };
}

/** Parses a command's arguments strictly; each mistake becomes a UsageError naming the option. */
export function parseOptions(args: string[], specs: OptionSpecs, allowPositionals: boolean): ParsedArgs {
  const options: ParseArgsConfig['options'] = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}) };
  }

  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw toUsageError(error);
  }
}

/**
 * Maps node:util parseArgs errors onto our messages. Node names the offending argument in the
 * first quoted part of its English message (for example `Unknown option '--foo'`), which is
 * the only place it is given.
 */
function toUsageError(error: unknown): unknown {
  if (!(error instanceof TypeError)) return error;

  const code = (error as { code?: string }).code;
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;

  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError('usage.unknownOption', { option });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError('usage.unexpectedArgument', { value: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('does not take an argument')
        ? new UsageError('usage.unexpectedValue', { option })
        : new UsageError('usage.missingValue', { option });
    default:
      return error;
  }
}

/** Returns the string value of an option, or undefined when it was not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(values: OptionValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new UsageError('usage.missingOption', { option: `--${name}` });
  return value;
}

/** Parses an optional whole-number option within [min, max]; a bad value is a UsageError. */
export function integerOption(
  values: OptionValues,
  name: string,
  bounds: { min: number; max?: number },
): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;

  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < bounds.min) {
    throw new UsageError('usage.invalidNumber', { option: `--${name}`, min: bounds.min, value: text });
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw new UsageError('usage.numberTooLarge', { option: `--${name}`, max: bounds.max, value });
  }
  return value;
}
