/**
 * One logger per process with a named scope per module. The level comes from SHOPREC_LOG_LEVEL
 * (error, warn, info, debug; default warn). Lines go to stderr so that `--json` output on stdout
 * stays machine-readable. E-mail addresses and phone numbers are masked before anything is
 * written, because shop exports are full of them.
 */
const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LEVELS)[number];

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(`${line}\n`);
let threshold = parseLevel(process.env.SHOPREC_LOG_LEVEL);

function parseLevel(value: string | undefined): number {
  const index = LEVELS.indexOf((value ?? 'warn').toLowerCase() as LogLevel);
  return index === -1 ? LEVELS.indexOf('warn') : index;
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const PHONE = /\+?\d[\d\s-]{8,}\d/g;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Masks e-mail addresses and phone-like digit runs in text that is about to be logged.
 * Runs that start like an ISO date (2011-12-09 12:50) are dates, not phone numbers.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, '<email>')
    .replace(PHONE, (match) => (DATE_LIKE.test(match) ? match : '<phone>'));
}

export function setLogLevel(level: LogLevel): void {
  threshold = LEVELS.indexOf(level);
}

/** Redirects log lines, for hosts that keep their own log file and for tests. */
export function setLogSink(next: Sink): void {
  sink = next;
}

export function createLogger(scope: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LEVELS.indexOf(level) > threshold) return;
    const suffix = fields ? ` ${JSON.stringify(fields)}` : '';
    sink(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${maskPersonalData(message + suffix)}`);
  };
  return {
    error: (message, fields) => write('error', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    info: (message, fields) => write('info', message, fields),
    debug: (message, fields) => write('debug', message, fields),
  };
}
