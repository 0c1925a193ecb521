import type { ProgressReporter } from '../core/progress.ts';

export interface OutputStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Minimum time between two progress updates, so a fast loop does not flood the terminal. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Writer of the command line's output. Results go to stdout: text for people, or with `--json` one
 * JSON object and nothing else. Messages about failures and progress go to stderr, and progress
 * only when stderr is a terminal or `--progress` is given.
 */
export class Output {
  readonly json: boolean;
  private readonly streams: OutputStreams;
  private readonly showProgress: boolean;
  private readonly progressInPlace: boolean;
  private lastProgressAt = 0;
  private lastProgressLabel = '';
  private lastProgressLine = '';
  private progressLineOpen = false;
  private resultWritten = false;

  constructor(streams: OutputStreams, options: { json: boolean; forceProgress: boolean }) {
    this.streams = streams;
    this.json = options.json;
    this.progressInPlace = streams.stderr.isTTY === true;
    this.showProgress = options.forceProgress || this.progressInPlace;
  }

  /** Writes a line for people to stdout; in JSON mode it is left out. */
  text(line = ''): void {
    if (this.json) return;
    this.endProgress();
    this.streams.stdout.write(`${line}\n`);
  }

  /** Writes a message about a failure or warning to stderr, in every mode. */
  message(line: string): void {
    this.endProgress();
    this.streams.stderr.write(`${line}\n`);
  }

  /** True once the JSON result has been written; a later failure must not write a second one. */
  get hasResult(): boolean {
    return this.resultWritten;
  }

  /** Writes the one JSON object of a `--json` run; calls after the first are a bug and throw. */
  result(value: unknown): void {
    if (!this.json) return;
    if (this.resultWritten) throw new Error('The JSON result was already written.');
    this.resultWritten = true;
    this.endProgress();
    this.streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Returns a progress reporter that labels each phase with `label(phase)`. */
  progressReporter(label: (phase: string) => string): ProgressReporter {
    return (phase, done, total) => this.progress(label(phase), done, total);
  }

  progress(label: string, done: number, total: number): void {
    if (!this.showProgress) return;

    // A new phase and its end show at once; updates within a phase wait for the interval.
    const now = Date.now();
    const samePhase = label === this.lastProgressLabel;
    const finished = total > 0 && done >= total;
    if (samePhase && !finished && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    this.lastProgressLabel = label;

    const amount = total > 0 ? `${Math.min(100, Math.floor((done / total) * 100))}%` : String(done);
    const line = `${label}  ${amount}`;
    if (line === this.lastProgressLine) return;
    this.lastProgressLine = line;

    if (this.progressInPlace) {
      this.streams.stderr.write(`\r\x1b[K${line}`);
      this.progressLineOpen = true;
    } else {
      this.streams.stderr.write(`${line}\n`);
    }
  }

  /** Clears an in-place progress line so the next text starts on a clean line. */
  endProgress(): void {
    if (!this.progressLineOpen) return;
    this.streams.stderr.write('\r\x1b[K');
    this.progressLineOpen = false;
  }

  /** Resolves once everything written so far has been handed to the operating system. */
  async flush(): Promise<void> {
    this.endProgress();
    await Promise.all([drain(this.streams.stdout), drain(this.streams.stderr)]);
  }
}

function drain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}
