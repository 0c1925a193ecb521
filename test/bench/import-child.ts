/**
 * Child process of import.bench.ts: imports one file into a fresh workspace and prints one JSON
 * line with the time of `importOrderFile` alone (module loading excluded) and the peak RSS of
 * this process, which only a separate process can measure for one import.
 *
 * Usage: node --import tsx test/bench/import-child.ts FILE WORKSPACE_DIR
 */
import { importOrderFile } from '../../src-main/core/importing/import-order-file.ts';
import { openDatabase } from '../../src-main/core/store/database.ts';

const [file, workspaceDir] = process.argv.slice(2);
if (!file || !workspaceDir) {
  process.stderr.write('Usage: import-child.ts FILE WORKSPACE_DIR\n');
  process.exit(2);
}

const db = openDatabase(workspaceDir);
const started = performance.now();
const summary = await importOrderFile(db, file);
const seconds = (performance.now() - started) / 1000;
db.close();

// maxRSS is in kilobytes on Linux and macOS.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ seconds, peakRssMb, summary })}\n`);
