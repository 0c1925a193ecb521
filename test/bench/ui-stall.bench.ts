/**
 * Main-thread stalls of the window while it imports the full UCI Online Retail export
 * (541,909 rows, unpacked once to a temporary 48 MB CSV). The built renderer runs in Debian's
 * Chromium against the real browser-mode server, and the CSV goes in through the page's file input.
 *
 * Two recorders run in the page: a PerformanceObserver for 'longtask' entries (tasks over
 * 50 ms) and a requestAnimationFrame loop that keeps the maximum gap between two frames. They
 * start before the upload and stop when the import job has finished and the page lists the
 * import. The reference is the same page, left idle for as long as the import took, right after.
 *
 * Usage: npm run bench -- ui-stall [--json] [--file PATH.csv[.gz]]
 * Builds out/renderer first when it is older than its sources (the end-to-end suite's set-up).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import type { Page } from 'playwright-core';

import type { JobView } from '../../src-main/api/contract.ts';
import { startServer } from '../../src-main/server/http-server.ts';
import { REPO_ROOT } from '../e2e/app-page.ts';
import { CHROMIUM_MISSING_MESSAGE, chromiumInstalled, launchBrowser } from '../e2e/browser.ts';
import buildRendererIfStale from '../e2e/build-renderer.ts';

const DEFAULT_FILE = path.resolve(REPO_ROOT, '../shared/datasets/online-retail/online_retail.csv.gz');
const IMPORT_TIMEOUT_MS = 15 * 60 * 1000;
const KNOWN_STALL_MS = 200;

interface Options {
  json: boolean;
  file: string;
}

/** What the in-page recorders collected between start and stop. */
interface Stalls {
  longTasks: number;
  maxLongTaskMs: number;
  totalLongTaskMs: number;
  maxFrameGapMs: number;
  frames: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, file: DEFAULT_FILE };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--file') options.file = path.resolve(args[++i] ?? '');
    else {
      process.stderr.write(`Unknown option ${arg}. Usage: npm run bench -- ui-stall [--json] [--file PATH.csv[.gz]]\n`);
      process.exit(2);
    }
  }
  return options;
}

async function unpack(source: string, target: string): Promise<void> {
  if (source.endsWith('.gz')) await pipeline(createReadStream(source), createGunzip(), createWriteStream(target));
  else await pipeline(createReadStream(source), createWriteStream(target));
}

/**
 * In-page source of the recorders, kept as plain JavaScript text: tsx compiles functions in
 * this file with a `__name` helper that does not exist in the page, so page.evaluate gets a
 * string instead of a function. Calling it again discards what the previous recorder collected.
 */
const START_RECORDING = `(() => {
  const previous = window.stallRecorder;
  if (previous) {
    previous.stopped = true;
    previous.observer.disconnect();
  }
  const recorder = { longTasks: 0, maxLongTaskMs: 0, totalLongTaskMs: 0, maxFrameGapMs: 0, frames: 0, stopped: false, lastFrame: null };
  recorder.observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      recorder.longTasks += 1;
      recorder.totalLongTaskMs += entry.duration;
      recorder.maxLongTaskMs = Math.max(recorder.maxLongTaskMs, entry.duration);
    }
  });
  recorder.observer.observe({ type: 'longtask' });
  function onFrame(time) {
    if (recorder.stopped) return;
    if (recorder.lastFrame !== null) recorder.maxFrameGapMs = Math.max(recorder.maxFrameGapMs, time - recorder.lastFrame);
    recorder.lastFrame = time;
    recorder.frames += 1;
    requestAnimationFrame(onFrame);
  }
  requestAnimationFrame(onFrame);
  window.stallRecorder = recorder;
})()`;

// Long-task entries reach the observer in a later task, so one timer turn lets the last ones in.
const STOP_RECORDING = `new Promise((resolve) => setTimeout(resolve, 100)).then(() => {
  const recorder = window.stallRecorder;
  recorder.stopped = true;
  recorder.observer.disconnect();
  const { longTasks, maxLongTaskMs, totalLongTaskMs, maxFrameGapMs, frames } = recorder;
  return { longTasks, maxLongTaskMs, totalLongTaskMs, maxFrameGapMs, frames };
})`;

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(START_RECORDING);
}

async function stopRecording(page: Page): Promise<Stalls> {
  return (await page.evaluate(STOP_RECORDING)) as Stalls;
}

/**
 * Blocks the page's main thread for `ms` inside a timer task and records it. A run whose
 * recorders see no stall is only meaningful if they do see this one.
 */
async function recordKnownStall(page: Page, ms: number): Promise<Stalls> {
  await startRecording(page);
  await page.evaluate(`new Promise((resolve) => setTimeout(() => {
    const until = performance.now() + ${ms};
    while (performance.now() < until);
    setTimeout(resolve, 200);
  }, 100))`);
  return stopRecording(page);
}

async function waitForImportJob(jobs: () => JobView[], label: string): Promise<JobView> {
  const deadline = Date.now() + IMPORT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const job = jobs().find((candidate) => candidate.kind === 'import' && candidate.label === label);
    if (job && job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the import of ${label} timed out after ${IMPORT_TIMEOUT_MS / 60_000} minutes`);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function printReport(report: ReturnType<typeof buildReport> & { knownStall: Stalls }): void {
  const { importing, idle } = report;
  process.stdout.write(
    [
      `${report.file}, unpacked to CSV: ${report.rows} rows imported through the file input in ${report.importSeconds.toFixed(2)} s`,
      `                    importing   idle (${report.importSeconds.toFixed(0)} s)   ratio`,
      `max frame gap       ${importing.maxFrameGapMs.toFixed(0).padStart(6)} ms  ${idle.maxFrameGapMs.toFixed(0).padStart(6)} ms   ${report.frameGapRatio}`,
      `longest long task   ${importing.maxLongTaskMs.toFixed(0).padStart(6)} ms  ${idle.maxLongTaskMs.toFixed(0).padStart(6)} ms`,
      `long tasks          ${String(importing.longTasks).padStart(6)}     ${String(idle.longTasks).padStart(6)}`,
      `long-task total     ${importing.totalLongTaskMs.toFixed(0).padStart(6)} ms  ${idle.totalLongTaskMs.toFixed(0).padStart(6)} ms`,
      `frames              ${String(importing.frames).padStart(6)}     ${String(idle.frames).padStart(6)}`,
      `check: a ${KNOWN_STALL_MS} ms busy loop before the import read as a ${report.knownStall.maxLongTaskMs.toFixed(0)} ms long task and a ${report.knownStall.maxFrameGapMs.toFixed(0)} ms frame gap`,
      `load average 1/5/15 min on ${report.cpus} CPUs  before ${report.loadAverage.before.join(' ')}  after ${report.loadAverage.after.join(' ')}`,
    ].join('\n') + '\n',
  );
}

function buildReport(file: string, job: JobView, importSeconds: number, importing: Stalls, idle: Stalls, loadBefore: number[]) {
  const rows = job.result && 'rows' in job.result ? job.result.rows : null;
  const rounded = (stalls: Stalls): Stalls => ({
    ...stalls,
    maxLongTaskMs: round(stalls.maxLongTaskMs, 1),
    totalLongTaskMs: round(stalls.totalLongTaskMs, 1),
    maxFrameGapMs: round(stalls.maxFrameGapMs, 1),
  });
  return {
    file: path.basename(file),
    rows,
    importSeconds: round(importSeconds, 2),
    importing: rounded(importing),
    idle: rounded(idle),
    frameGapRatio: idle.maxFrameGapMs > 0 ? round(importing.maxFrameGapMs / idle.maxFrameGapMs, 1) : null,
    cpus: os.cpus().length,
    loadAverage: { before: loadBefore, after: os.loadavg().map((value) => round(value, 2)) },
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!chromiumInstalled()) throw new Error(CHROMIUM_MISSING_MESSAGE);
  buildRendererIfStale();

  const loadBefore = os.loadavg().map((value) => round(value, 2));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-bench-ui-stall-'));
  const csv = path.join(dir, 'online_retail.csv');
  await unpack(options.file, csv);

  const server = await startServer({ workspaceDir: path.join(dir, 'workspace'), rendererDir: path.join(REPO_ROOT, 'out', 'renderer') });
  const browser = await launchBrowser('en-US');
  try {
    const page = await browser.context.newPage();
    await page.goto(server.pageUrl);
    await page.waitForSelector('nav button[data-view="import"]');

    const known = await recordKnownStall(page, KNOWN_STALL_MS);
    // rAF times are frame start times, so the gap can fall short of the stall by up to two frames.
    if (known.maxLongTaskMs < KNOWN_STALL_MS || known.maxFrameGapMs < KNOWN_STALL_MS - 40) {
      throw new Error(`the recorders missed a ${KNOWN_STALL_MS} ms stall: ${JSON.stringify(known)}`);
    }

    await startRecording(page);
    const started = performance.now();
    await page.setInputFiles('input[data-input="import"]', csv);
    const job = await waitForImportJob(() => server.jobs.list(), path.basename(csv));
    if (job.state !== 'succeeded') throw new Error(`the import ended ${job.state}: ${JSON.stringify(job.error)}`);
    await page.waitForFunction(() => document.querySelectorAll('table.imports tbody tr').length === 1, null, { timeout: 60_000 });
    const importSeconds = (performance.now() - started) / 1000;
    const importing = await stopRecording(page);

    await startRecording(page);
    await page.waitForTimeout(importSeconds * 1000);
    const idle = await stopRecording(page);

    const report = { ...buildReport(options.file, job, importSeconds, importing, idle, loadBefore), knownStall: known };
    if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else printReport(report);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
