/**
 * Browser mode, started by `npm start` when no Electron binary is installed: opens the default
 * workspace, fills it with the bundled sample shop on first run, and serves the window over
 * HTTP on 127.0.0.1. Console output goes through `print`, which the launcher script owns.
 */
import type { JobView } from '../api/contract.ts';
import { formatMessage, phaseLabel } from '../api/messages/index.ts';
import { sampleShopFiles } from '../core/importing/sample-shop.ts';
import type { JobSpec } from '../jobs/job-messages.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { startServer, type RunningServer } from './http-server.ts';

export interface BrowserModeOptions {
  workspaceDir: string;
  rendererDir: string;
  print: (line: string) => void;
}

/** Prints one line per phase and every 10 percent of progress, so a log stays readable. */
function progressPrinter(label: string, print: (line: string) => void): (job: JobView) => void {
  let lastLine = '';
  return (job) => {
    const progress = job.progress;
    if (!progress) return;
    const tenths = progress.total > 0 ? Math.floor((progress.done / progress.total) * 10) * 10 : null;
    const line = `  ${label}: ${phaseLabel('en', progress.phase) ?? progress.phase}${tenths === null ? '' : ` ${tenths}%`}`;
    if (line !== lastLine) print(line);
    lastLine = line;
  };
}

async function runAndReport(jobs: JobRunner, spec: JobSpec, label: string, print: (line: string) => void): Promise<JobView> {
  const queued = jobs.submit(spec, label);
  const report = progressPrinter(label, print);
  const stop = jobs.onUpdate((job) => {
    if (job.jobId === queued.jobId) report(job);
  });
  const done = await jobs.waitFor(queued.jobId);
  stop();
  if (done.state !== 'succeeded' && done.error) print(`  ${label}: ${formatMessage('en', `error.${done.error.code}`, done.error.params)}`);
  return done;
}

/** Imports and trains the sample shop when the workspace has no imports yet. */
async function fillEmptyWorkspace(server: RunningServer, print: (line: string) => void): Promise<void> {
  if (server.workspace.listImports().length > 0) return;
  const files = sampleShopFiles();
  if (files.length === 0) {
    print('The workspace is empty and no sample shop is installed; drop your own order exports into the page.');
    return;
  }

  print(`First run: importing the sample shop (${files.length} monthly files) and training on it.`);
  for (const file of files) {
    const name = file.split(/[\\/]/).pop() ?? file;
    await runAndReport(server.jobs, { kind: 'import', path: file, displayName: name }, name, print);
  }
  const trained = await runAndReport(server.jobs, { kind: 'train' }, 'training', print);
  if (trained.state === 'succeeded') print('Sample shop imported and trained.');
}

export interface BrowserMode {
  server: RunningServer;
  /** Settles when the first-run import and training of the sample shop end (at once when none was needed). */
  firstRun: Promise<void>;
}

/**
 * Starts the server and returns at once, so the page address can be printed before the sample
 * shop is imported: the page shows the queued import and training jobs with their progress.
 */
export async function runBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const server = await startServer({ workspaceDir: options.workspaceDir, rendererDir: options.rendererDir });
  options.print(`Workspace: ${options.workspaceDir}`);
  const firstRun = fillEmptyWorkspace(server, options.print);
  return { server, firstRun };
}
