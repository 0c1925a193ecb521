import type { Db } from './database.ts';

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Secondary indexes of one table, dropped for a bulk load and rebuilt from their own stored
 * definitions before commit. Building an index once from a sorted scan is cheaper than
 * updating it at a random position for every inserted row, as long as the table contains no more
 * rows before the load than the load adds (the rebuild also reads the old rows).
 *
 * Must run inside the caller's transaction (an import, a knowledge update): if it rolls back,
 * the DROP INDEX statements roll back with it, and other connections never see the table
 * without its indexes.
 * Indexes behind UNIQUE and PRIMARY KEY constraints have no stored SQL and are never touched.
 */
export class DeferredIndexes {
  private constructor(
    private readonly db: Db,
    private readonly indexes: IndexDefinition[],
  ) {}

  static drop(db: Db, table: string): DeferredIndexes {
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`)
      .all(table) as IndexDefinition[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    return new DeferredIndexes(db, indexes);
  }

  rebuild(): void {
    const restore = sortInSmallRuns(this.db);
    try {
      for (const index of this.indexes) this.db.exec(index.sql);
    } finally {
      restore();
    }
  }
}

/** Page cache while indexes are rebuilt, in KiB: also the size of each sorted run. */
const SORT_RUN_KIB = 1024;

/** Helper threads SQLite may sort runs in while it builds an index. */
const SORT_THREADS = 2;

/**
 * Makes SQLite sort an index build in small runs and merge them, and returns the function that
 * restores the connection's page cache and sort threads. With the import's 16 MiB cache SQLite
 * sorted the keys of 530,000 events in one run in memory. Runs of 1 MiB fit the CPU's own cache,
 * and the two events indexes took about 260 ms instead of 350 to 430 ms in our measurement.
 * The parse worker has finished by then, so helper threads find a free core. With them the two
 * indexes of the UCI events took 243 to 391 ms to rebuild, and 333 to 455 ms without them (five
 * alternating rebuilds each, in one process).
 */
function sortInSmallRuns(db: Db): () => void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma(`cache_size = ${-SORT_RUN_KIB}`);
  db.pragma(`threads = ${SORT_THREADS}`);
  return () => {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`threads = ${threads}`);
  };
}
