/**
 * Streams an export's batches from a parse worker thread (parse-worker.ts), so that the thread
 * that stores them spends its time in SQLite. When no worker can start (a bundle without the
 * worker file, a host that forbids threads), the same batches are parsed in this thread instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { TextEncoding } from '../../api/contract.ts';
import { CancelledError, ShopRecError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { unpackBatch } from './batch-transfer.ts';
import { bundledWorker, discardBundle } from './parse-worker-bundle.ts';
import type { FromParseWorker, ParseWorkerSetup, ToParseWorker } from './parse-worker-messages.ts';
import type { ParsedBatch } from './types.ts';

const log = createLogger('ingest');

type Event = FromParseWorker | { type: 'crash'; detail: string } | { type: 'cancelled' };

interface ParseWorkerEntry {
  script: URL;
  typescriptModule: URL | null;
  /** Whether `script` is a bundle from parse-worker-bundle.ts's cache, made again if it fails to start. */
  cachedBundle: boolean;
}

/**
 * From sources (tsx, vitest) a worker cannot load a .ts entry by itself: it runs from a bundle
 * made on first use (parse-worker-bundle.ts), or else through the jobs' tsx-worker.mjs shim.
 * In a packaged build, parse-worker.js is an entry of its own in the output folder, next to this
 * module's bundle or one folder up when this module landed in a shared chunk.
 */
function parseWorkerEntry(moduleUrl: string = import.meta.url): ParseWorkerEntry | null {
  // File names in variables, not literals, so that Vite leaves these URLs alone.
  if (moduleUrl.endsWith('.ts')) {
    const shim = '../../jobs/tsx-worker.mjs';
    const workerFile = './parse-worker.ts';
    const worker = new URL(workerFile, moduleUrl);
    const bundle = bundledWorker(worker);
    if (bundle !== null) return { script: bundle, typescriptModule: null, cachedBundle: true };
    return { script: new URL(shim, moduleUrl), typescriptModule: worker, cachedBundle: false };
  }
  for (const bundled of ['./parse-worker.js', '../parse-worker.js']) {
    const script = new URL(bundled, moduleUrl);
    if (existsSync(fileURLToPath(script))) return { script, typescriptModule: null, cachedBundle: false };
  }
  return null;
}

/** A parse worker that started parsing at once; its batches wait for `batches()`. */
export interface ParseWorkerHandle {
  batches(inThread: () => AsyncIterable<ParsedBatch>, signal?: AbortSignal): AsyncGenerator<ParsedBatch>;
  /** Ends the worker; safe to call again and after the batches were read. */
  close(): void;
}

/**
 * Starts parsing `filePath` in a worker now, so that the worker's start-up overlaps whatever
 * the caller does before it reads the batches. Returns null when no worker can start.
 */
export function startParseWorker(filePath: string, batchSize: number, encoding?: TextEncoding): ParseWorkerHandle | null {
  const entry = parseWorkerEntry();
  if (entry === null) return null;
  const typescriptModule = entry.typescriptModule?.href ?? null;
  const worker = startWorker(entry, { filePath, batchSize, encoding: encoding ?? null, typescriptModule });
  if (worker === null) return null;

  const events = new EventQueue();
  worker.on('message', (message: FromParseWorker) => events.push(message));
  worker.on('error', (error: Error) => events.push({ type: 'crash', detail: error.message }));
  worker.on('exit', (code) => events.push({ type: 'crash', detail: `the parse worker stopped with exit code ${code}` }));
  const close = (): void => void worker.terminate();
  const onEarlyFailure = entry.cachedBundle ? (): void => discardBundle(entry.script) : (): void => {};
  return { batches: (inThread, signal) => receiveBatches(worker, events, inThread, signal, onEarlyFailure), close };
}

/**
 * Yields the worker's batches, or those of `inThread` when the worker fails before its first
 * batch (and then calls `onEarlyFailure`). Errors the worker meets while parsing arrive as the
 * same ShopRecErrors the in-thread parser throws. Cancellation and an early stop end the worker.
 */
async function* receiveBatches(
  worker: Worker,
  events: EventQueue,
  inThread: () => AsyncIterable<ParsedBatch>,
  signal: AbortSignal | undefined,
  onEarlyFailure: () => void,
): AsyncGenerator<ParsedBatch> {
  const onAbort = (): void => events.push({ type: 'cancelled' });
  signal?.addEventListener('abort', onAbort);
  let received = 0;

  try {
    for (;;) {
      const event = await events.next();
      if (event.type === 'batch') {
        received += 1;
        yield unpackBatch(event.batch);
        worker.postMessage({ type: 'more' } satisfies ToParseWorker);
      } else if (event.type === 'done') {
        return;
      } else if (event.type === 'error') {
        throw new ShopRecError(event.error.code, event.error.params, { kind: event.error.kind });
      } else if (event.type === 'cancelled') {
        throw new CancelledError();
      } else if (received === 0) {
        log.warn('parse worker failed, parsing in this thread', { detail: event.detail });
        onEarlyFailure();
        yield* inThread();
        return;
      } else {
        throw new ShopRecError('internal', { detail: event.detail }, { kind: 'bug' });
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    void worker.terminate();
  }
}

function startWorker(entry: ParseWorkerEntry, setup: ParseWorkerSetup): Worker | null {
  // A bundle is plain JavaScript, so it starts without a TypeScript loader the process was given.
  const execArgv = entry.typescriptModule === null ? withoutTsxLoader(process.execArgv) : null;
  if (execArgv !== null && execArgv.length < process.execArgv.length) {
    try {
      return new Worker(entry.script, { workerData: setup, execArgv });
    } catch (error) {
      // Flags for V8 or the whole process (--max-old-space-size) are valid only when inherited.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return failedToStart(error);
    }
  }
  try {
    return new Worker(entry.script, { workerData: setup });
  } catch (error) {
    return failedToStart(error);
  }
}

function failedToStart(error: unknown): null {
  log.warn('parse worker failed to start, parsing in this thread', { detail: String(error) });
  return null;
}

/** Flags that load a module before the entry, the next argument or after `=` naming it. */
const PRELOAD_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/**
 * Returns the Node flags without those that preload tsx. A worker inherits the process's flags,
 * and `node --import tsx` (the benchmarks, developers' scripts) made each parse worker load
 * tsx's module hooks too: its first batch came after 144 to 163 ms instead of 116 to 129 ms.
 */
export function withoutTsxLoader(flags: readonly string[]): string[] {
  const remaining: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    if (PRELOAD_FLAGS.has(flag) && isTsx(flags[i + 1])) {
      i++;
      continue;
    }
    const equals = flag.indexOf('=');
    if (equals > 0 && PRELOAD_FLAGS.has(flag.slice(0, equals)) && isTsx(flag.slice(equals + 1))) continue;
    remaining.push(flag);
  }
  return remaining;
}

/** Tells whether a module specifier names the tsx package or a file inside its installed folder. */
function isTsx(specifier: string | undefined): boolean {
  return specifier !== undefined && /^tsx(?:$|\/)|[/\\]node_modules[/\\]tsx[/\\]/.test(specifier);
}

/** Worker events in arrival order, awaited one at a time. */
class EventQueue {
  private readonly events: Event[] = [];
  private waiting: ((event: Event) => void) | null = null;

  push(event: Event): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(event);
    } else {
      this.events.push(event);
    }
  }

  next(): Promise<Event> {
    const event = this.events.shift();
    if (event !== undefined) return Promise.resolve(event);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
