/**
 * Import speed against SQLite's own CSV loader. Both load the full UCI Online Retail export
 * (541,909 rows), unpacked once to a temporary CSV, on the same machine in the same run:
 *
 * - reference: `sqlite3 DB ".mode csv" ".import FILE t"`, a plain table of text columns with no
 *   index, no parsing of dates or numbers, default pragmas (rollback journal);
 * - shoprec: `importOrderFile` into a fresh workspace (WAL, synchronous=NORMAL), in a child
 *   process so that its peak RSS belongs to this import alone.
 *
 * Usage: npm run bench -- import [--json] [--runs N] [--file PATH.csv[.gz]]
 * With --runs N each side runs N times and the fastest run counts. The sqlite3 CLI must be on PATH.
 * The machine's load average before and after is printed with the result, because other work
 * on a shared machine slows both sides, and the worker thread that parses needs a free core.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_FILE = path.resolve(repoRoot, '../shared/datasets/online-retail/online_retail.csv.gz');

interface Options {
  json: boolean;
  runs: number;
  file: string;
}

interface Timing {
  seconds: number;
  rowsPerSecond: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, runs: 1, file: DEFAULT_FILE };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(args[++i] ?? '', 10) || 1);
    else if (arg === '--file') options.file = path.resolve(args[++i] ?? '');
    else {
      process.stderr.write(`Unknown option ${arg}. Usage: npm run bench -- import [--json] [--runs N] [--file PATH]\n`);
      process.exit(2);
    }
  }
  return options;
}

async function unpack(source: string, target: string): Promise<void> {
  if (source.endsWith('.gz')) await pipeline(createReadStream(source), createGunzip(), createWriteStream(target));
  else await pipeline(createReadStream(source), createWriteStream(target));
}

/** Data rows of a CSV without line breaks inside quotes: lines minus the header. */
function countRows(csv: string): number {
  const result = spawnSync('wc', ['-l', csv], { encoding: 'utf8' });
  return Number.parseInt(result.stdout, 10) - 1;
}

function timeReference(csv: string, dir: string, run: number): number {
  const db = path.join(dir, `reference-${run}.db`);
  const started = performance.now();
  const result = spawnSync('sqlite3', [db, '.mode csv', `.import ${csv} t`], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.error || result.status !== 0) {
    throw new Error(`sqlite3 .import failed: ${result.error?.message ?? result.stderr}`);
  }
  return seconds;
}

function timeShopRec(csv: string, dir: string, run: number): { seconds: number; peakRssMb: number; rows: number } {
  const workspace = path.join(dir, `workspace-${run}`);
  const child = path.join(repoRoot, 'test/bench/import-child.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, csv, workspace], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import child failed (${result.status}): ${result.stderr}`);

  const report = JSON.parse(result.stdout) as { seconds: number; peakRssMb: number; summary: { rows: number } };
  return { seconds: report.seconds, peakRssMb: report.peakRssMb, rows: report.summary.rows };
}

function timing(seconds: number, rows: number): Timing {
  return { seconds: round(seconds, 3), rowsPerSecond: Math.round(rows / seconds) };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function loadAverage(): number[] {
  return os.loadavg().map((value) => round(value, 2));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const loadBefore = loadAverage();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-bench-import-'));

  try {
    const csv = path.join(dir, 'orders.csv');
    await unpack(options.file, csv);
    const rows = countRows(csv);

    let reference = Number.POSITIVE_INFINITY;
    let ours = Number.POSITIVE_INFINITY;
    let peakRssMb = 0;
    for (let run = 0; run < options.runs; run += 1) {
      reference = Math.min(reference, timeReference(csv, dir, run));
      const shoprec = timeShopRec(csv, dir, run);
      if (shoprec.rows !== rows) throw new Error(`shoprec read ${shoprec.rows} rows, the file has ${rows}`);
      ours = Math.min(ours, shoprec.seconds);
      peakRssMb = Math.max(peakRssMb, shoprec.peakRssMb);
    }

    const report = {
      file: path.basename(options.file),
      rows,
      runs: options.runs,
      reference: timing(reference, rows),
      shoprec: timing(ours, rows),
      ratio: round(ours / reference, 2),
      peakRssMb: Math.round(peakRssMb),
      cpus: os.cpus().length,
      loadAverage: { before: loadBefore, after: loadAverage() },
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write(
        [
          `${report.file}: ${rows} rows, best of ${options.runs} run(s)`,
          `sqlite3 .import  ${report.reference.seconds.toFixed(2)} s  ${report.reference.rowsPerSecond} rows/s`,
          `shoprec import   ${report.shoprec.seconds.toFixed(2)} s  ${report.shoprec.rowsPerSecond} rows/s`,
          `ratio (shoprec / sqlite3)  ${report.ratio}`,
          `peak RSS of the import process  ${report.peakRssMb} MB`,
          `load average 1/5/15 min on ${report.cpus} CPUs  before ${loadBefore.join(' ')}  after ${report.loadAverage.after.join(' ')}`,
        ].join('\n') + '\n',
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
