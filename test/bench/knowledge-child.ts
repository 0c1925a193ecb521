/**
 * Child process of knowledge.bench.ts: imports one file into a fresh workspace, then times the
 * knowledge update that follows every import, and SQLite recounting the same item pairs from
 * scratch with one GROUP BY (the reference). Prints one JSON line with both times, whether the
 * two pair tables are equal, and this process's peak RSS after the import and after the update.
 *
 * Usage: node --import tsx test/bench/knowledge-child.ts FILE WORKSPACE_DIR
 */
import { importOrderFile } from '../../src-main/core/importing/import-order-file.ts';
import { MAX_BASKET_ITEMS } from '../../src-main/core/knowledge/basket-counts.ts';
import { updateKnowledgeAfterImport } from '../../src-main/core/knowledge/after-import.ts';
import { openDatabase } from '../../src-main/core/store/database.ts';

const [file, workspaceDir] = process.argv.slice(2);
if (!file || !workspaceDir) {
  process.stderr.write('Usage: knowledge-child.ts FILE WORKSPACE_DIR\n');
  process.exit(2);
}

// maxRSS is in kilobytes on Linux and macOS.
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

const db = openDatabase(workspaceDir);
await importOrderFile(db, file);
const importPeakRssMb = peakRssMb();

const started = performance.now();
const update = await updateKnowledgeAfterImport(db);
const seconds = (performance.now() - started) / 1000;
// Taken before the reference runs, whose sorts use memory of their own.
const updatePeakRssMb = peakRssMb();

// Baskets are orders with 1 to MAX_BASKET_ITEMS distinct purchased items; customers are distinct known buyers.
const referenceStarted = performance.now();
db.exec(`CREATE TEMP TABLE recount AS
  WITH basket AS (SELECT order_id, item_id FROM events WHERE kind = 'purchase' GROUP BY order_id, item_id),
       counted AS (SELECT order_id FROM basket GROUP BY order_id HAVING COUNT(*) BETWEEN 1 AND ${MAX_BASKET_ITEMS}),
       line AS (SELECT b.order_id, b.item_id FROM basket b JOIN counted USING (order_id))
  SELECT x.item_id AS item_id, y.item_id AS other_item_id, COUNT(*) AS orders, COUNT(DISTINCT o.customer_id) AS customers
  FROM line x JOIN line y ON y.order_id = x.order_id AND y.item_id > x.item_id
  JOIN orders o ON o.id = x.order_id
  GROUP BY x.item_id, y.item_id`);
const referenceSeconds = (performance.now() - referenceStarted) / 1000;

const differing = db
  .prepare(
    `SELECT (SELECT COUNT(*) FROM (SELECT * FROM temp.recount EXCEPT SELECT * FROM item_pairs))
          + (SELECT COUNT(*) FROM (SELECT * FROM item_pairs EXCEPT SELECT * FROM temp.recount))`,
  )
  .pluck()
  .get() as number;
db.close();

process.stdout.write(
  `${JSON.stringify({ seconds, referenceSeconds, pairs: update.pairsChanged, differing, importPeakRssMb, updatePeakRssMb })}\n`,
);
