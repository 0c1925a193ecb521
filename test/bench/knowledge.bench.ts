/**
 * Speed and memory of the knowledge update that follows an import: basket counts, customer
 * profiles and the change report, for the first import of the full UCI Online Retail export
 * (about 2.5 million item pairs). The reference, timed in the same process right after, is
 * SQLite counting the same pairs from scratch with one GROUP BY over the stored events, which is
 * what the incremental counts replace. The benchmark also checks that both give the same table.
 *
 * Usage: npm run bench -- knowledge [--json] [--file PATH.csv[.gz]]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_FILE = path.resolve(repoRoot, '../shared/datasets/online-retail/online_retail.csv.gz');

function parseOptions(args: string[]): { json: boolean; file: string } {
  const options = { json: false, file: DEFAULT_FILE };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--file') options.file = path.resolve(args[++i] ?? '');
    else {
      process.stderr.write(`Unknown option ${arg}. Usage: npm run bench -- knowledge [--json] [--file PATH]\n`);
      process.exit(2);
    }
  }
  return options;
}

const options = parseOptions(process.argv.slice(2));
const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-bench-knowledge-'));
try {
  const child = path.join(repoRoot, 'test/bench/knowledge-child.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, options.file, path.join(dir, 'workspace')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the knowledge child failed: ${result.stderr.slice(-2000)}`);
  const run = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    referenceSeconds: number;
    pairs: number;
    differing: number;
    importPeakRssMb: number;
    updatePeakRssMb: number;
  };
  const report = {
    file: path.basename(options.file),
    pairs: run.pairs,
    knowledgeSeconds: Math.round(run.seconds * 100) / 100,
    referenceSeconds: Math.round(run.referenceSeconds * 100) / 100,
    ratio: Math.round((run.seconds / run.referenceSeconds) * 100) / 100,
    differingPairs: run.differing,
    importPeakRssMb: Math.round(run.importPeakRssMb),
    updatePeakRssMb: Math.round(run.updatePeakRssMb),
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      [
        `${report.file}: ${report.pairs} item pairs after the first import`,
        `knowledge update            ${report.knowledgeSeconds.toFixed(2)} s (basket counts, profiles, change report)`,
        `SQL recount of the pairs    ${report.referenceSeconds.toFixed(2)} s`,
        `ratio (update / recount)    ${report.ratio}`,
        `pairs differing from the recount  ${report.differingPairs}`,
        `peak RSS of the process  ${report.importPeakRssMb} MB after the import, ${report.updatePeakRssMb} MB after the update`,
        `load average 1/5/15 min after  ${report.loadAverage.join(' ')}`,
      ].join('\n') + '\n',
    );
  }
  if (run.differing !== 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
