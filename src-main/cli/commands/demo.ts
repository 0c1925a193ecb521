import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import type { ExportSummary, ImportSummary } from '../../api/contract.ts';
import { CancelledError } from '../../core/errors.ts';
import type { Workspace } from '../../core/workspace.ts';
import { integerOption, stringOption, UsageError } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { dataFolder } from '../data-folder.ts';
import { EXIT_FAILURE, EXIT_OK } from '../error-report.ts';
import { formatCount, progressLabel } from '../format.ts';
import { importJson } from '../import-report.ts';
import { cliText } from '../messages/index.ts';
import { withWorkspace } from '../open-workspace.ts';
import { printTrainingRun, trainingRunJson } from '../training-report.ts';

export const demoCommand: Command = {
  name: 'demo',
  synopsis: 'shoprec demo [--workspace DIR] [--months N] [options]',
  summaryKey: 'command.demo',
  options: {
    workspace: {
      type: 'string',
      valueName: 'DIR',
      helpKey: 'option.demoWorkspace',
      helpParams: () => ({ path: dataFolder() }),
    },
    months: { type: 'string', valueName: 'N', helpKey: 'option.months' },
  },
  allowPositionals: false,
  run: runDemo,
};

const EXPORT_FILES = { customers: 'recommendations-customers.csv', items: 'recommendations-items.csv' } as const;

async function runDemo(context: CommandContext): Promise<number> {
  const { values, locale, out } = context;
  const requestedFolder = stringOption(values, 'workspace');
  const dir = requestedFolder ? checkEmptyFolder(path.resolve(requestedFolder)) : newDemoFolder(dataFolder(context.env));

  const { sampleShopFiles } = await import('../../core/importing/sample-shop.ts');
  const allFiles = sampleShopFiles();
  if (allFiles.length === 0) {
    out.message(cliText(locale, 'demo.noSample'));
    out.result({ error: { code: 'demo.noSample', kind: 'bug', params: {}, message: cliText(locale, 'demo.noSample') } });
    return EXIT_FAILURE;
  }
  const months = integerOption(values, 'months', { min: 1, max: allFiles.length }) ?? allFiles.length;
  const files = allFiles.slice(0, months);

  out.text(cliText(locale, 'demo.workspace', { path: dir }));
  try {
    return await fillDemoWorkspace(context, dir, files);
  } catch (error) {
    // The engine's own message says the current step changed nothing; the demo folder keeps
    // the months imported before it, and the merchant should know where they are.
    if (error instanceof CancelledError) out.message(cliText(locale, 'demo.stoppedKept', { path: dir }));
    throw error;
  }
}

async function fillDemoWorkspace(context: CommandContext, dir: string, files: string[]): Promise<number> {
  const { locale, out } = context;
  return withWorkspace(dir, { create: true }, async (workspace) => {
    out.text(cliText(locale, 'demo.importing', { count: files.length }));
    const imports = await importAll(context, workspace, files);
    const totals = importTotals(workspace, imports);
    out.text(cliText(locale, 'demo.totals', formatCounts(context, totals)));
    out.text();

    out.text(cliText(locale, 'demo.training'));
    const run = await workspace.train({
      signal: context.signal,
      onProgress: out.progressReporter((phase) => progressLabel(locale, phase, '')),
    });
    printTrainingRun(out, locale, run);
    out.text();

    const customers = await exportFile(context, workspace, 'customers', path.join(dir, EXPORT_FILES.customers));
    const items = await exportFile(context, workspace, 'items', path.join(dir, EXPORT_FILES.items));
    out.text(cliText(locale, 'demo.files'));
    out.text(`  ${cliText(locale, 'demo.customersFile', { path: customers.path, rows: formatCount(locale, customers.rows) })}`);
    out.text(`  ${cliText(locale, 'demo.itemsFile', { path: items.path, rows: formatCount(locale, items.rows) })}`);

    out.result({
      workspace: dir,
      imports: imports.map((summary, index) => importJson(files[index] ?? summary.fileName, summary)),
      import: totals,
      train: trainingRunJson(run),
      files: { customers: customers.path, items: items.path },
      exports: { customers, items },
    });
    return EXIT_OK;
  });
}

async function importAll(context: CommandContext, workspace: Workspace, files: string[]): Promise<ImportSummary[]> {
  const { locale, out, signal } = context;
  const imports: ImportSummary[] = [];

  for (const file of files) {
    if (signal.aborted) throw new CancelledError();
    const name = path.basename(file);
    const summary = await workspace.importFile(file, {
      signal,
      onProgress: out.progressReporter((phase) => progressLabel(locale, phase, name)),
    });
    imports.push(summary);
    out.text(
      `  ${cliText(locale, 'demo.importedFile', {
        file: summary.fileName,
        lineItems: formatCount(locale, summary.lineItems),
        returns: formatCount(locale, summary.returns),
        duplicates: formatCount(locale, summary.duplicates),
        rejected: formatCount(locale, summary.rejected),
      })}`,
    );
  }
  return imports;
}

interface ImportTotals {
  rows: number;
  lineItems: number;
  rejected: number;
  returns: number;
  duplicates: number;
  orders: number;
  customers: number;
  items: number;
}

/**
 * Sums the per-file counts that add up across files. Orders, customers and products recur from
 * month to month, so their totals are the distinct counts of the (new) workspace instead.
 */
function importTotals(workspace: Workspace, imports: ImportSummary[]): ImportTotals {
  const sum = (pick: (summary: ImportSummary) => number): number => imports.reduce((total, summary) => total + pick(summary), 0);
  const overview = workspace.overview();
  return {
    rows: sum((summary) => summary.rows),
    lineItems: sum((summary) => summary.lineItems),
    rejected: sum((summary) => summary.rejected),
    returns: sum((summary) => summary.returns),
    duplicates: sum((summary) => summary.duplicates),
    orders: overview.orders,
    customers: overview.customers,
    items: overview.items,
  };
}

function formatCounts(context: CommandContext, totals: ImportTotals): Record<string, string> {
  return Object.fromEntries(Object.entries(totals).map(([name, value]) => [name, formatCount(context.locale, value)]));
}

function exportFile(
  context: CommandContext,
  workspace: Workspace,
  format: 'customers' | 'items',
  outPath: string,
): Promise<ExportSummary> {
  const { locale, out, signal } = context;
  return workspace.export(format, outPath, {
    locale,
    signal,
    onProgress: out.progressReporter((phase) => progressLabel(locale, phase, path.basename(outPath))),
  });
}

/** Accepts a folder that does not exist yet or is empty, so the demo never mixes with a real shop. */
function checkEmptyFolder(dir: string): string {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError('usage.workspaceNotFolder', { path: dir });
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return dir;
    throw error;
  }

  if (entries.length > 0) throw new UsageError('usage.workspaceNotEmpty', { path: dir });
  return dir;
}

/** Returns a new `demo-YYYYMMDD-HHMMSS` folder path in `root`, with a suffix if that one is taken. */
function newDemoFolder(root: string): string {
  const now = new Date();
  const two = (value: number): string => String(value).padStart(2, '0');
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;

  for (let attempt = 1; ; attempt += 1) {
    const candidate = path.join(root, attempt === 1 ? `demo-${stamp}` : `demo-${stamp}-${attempt}`);
    try {
      statSync(candidate);
    } catch {
      return candidate;
    }
  }
}
