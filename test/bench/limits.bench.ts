/**
 * Memory bound of a huge import: writes a synthetic UCI-layout export of N rows (default
 * 5,000,000) to a temporary file, imports it into a fresh workspace in a child process
 * (test/bench/import-child.ts) and reports the time and the child's peak RSS next to the file
 * size. Peak RSS that grows in step with N means some state of the import grows with the rows.
 *
 * Usage: npm run bench -- limits [--rows N] [--json]
 * Counts where the import differs from the generator are printed, not fatal: at 5,000,000 rows
 * one distinct line shares its 53-bit fingerprint with another and is counted as a duplicate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ImportSummary } from '../../src-main/api/contract.ts';
import { writeUciExport, type GeneratedCounts } from './uci-generator.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Options {
  rows: number;
  json: boolean;
}

function parseOptions(args: string[]): Options {
  const options: Options = { rows: 5_000_000, json: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--rows') options.rows = Number.parseInt(args[++i] ?? '', 10);
    else options.rows = Number.NaN;
    if (!(options.rows > 0)) {
      process.stderr.write(`Bad option ${arg}. Usage: npm run bench -- limits [--rows N] [--json]\n`);
      process.exit(2);
    }
  }
  return options;
}

function importInChild(csv: string, workspace: string): { seconds: number; peakRssMb: number; summary: ImportSummary } {
  const child = path.join(repoRoot, 'test/bench/import-child.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, csv, workspace], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import child failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as { seconds: number; peakRssMb: number; summary: ImportSummary };
}

/** Differences between the import's counts and the generator's, such as a fingerprint collision taken for a duplicate. */
function countDifferences(expected: GeneratedCounts, summary: ImportSummary): string[] {
  const keys = Object.keys(expected) as (keyof GeneratedCounts)[];
  return keys.filter((key) => summary[key] !== expected[key]).map((key) => `${key} ${summary[key]} (generator ${expected[key]})`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-bench-limits-'));

  try {
    const csv = path.join(dir, 'orders.csv');
    const writeStarted = performance.now();
    const expected = await writeUciExport(csv, options.rows);
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const fileMb = statSync(csv).size / 1024 / 1024;

    const run = importInChild(csv, path.join(dir, 'workspace'));
    const differences = countDifferences(expected, run.summary);

    const report = {
      rows: options.rows,
      fileMb: Math.round(fileMb),
      writeSeconds: Math.round(writeSeconds * 10) / 10,
      seconds: Math.round(run.seconds * 10) / 10,
      rowsPerSecond: Math.round(options.rows / run.seconds),
      peakRssMb: Math.round(run.peakRssMb),
      rssToFile: Math.round((run.peakRssMb / fileMb) * 100) / 100,
      counts: expected,
      countDifferences: differences,
      loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    process.stdout.write(
      [
        `rows ${report.rows}  file ${report.fileMb} MB (written in ${report.writeSeconds} s)`,
        `import ${report.seconds} s  ${report.rowsPerSecond} rows/s`,
        `peak RSS of the import process ${report.peakRssMb} MB  (${report.rssToFile} x file size)`,
        `counts ${JSON.stringify(expected)}`,
        `import counts that differ: ${differences.length === 0 ? 'none' : differences.join(', ')}`,
        `load average 1/5/15 min after ${report.loadAverage.join(' ')}`,
      ].join('\n') + '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
