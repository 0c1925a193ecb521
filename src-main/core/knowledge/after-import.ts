import { createLogger } from '../log.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { basketTotal } from './association-rules.ts';
import { applyImportToBaskets } from './basket-counts.ts';
import { STRONG_SUPPORT, storeImportReport } from './change-report.ts';
import { updateProfiles } from './customer-profiles.ts';
import { refreshTitleNeighbours } from './similar-titles.ts';

const log = createLogger('knowledge');

export interface KnowledgeUpdate {
  importIds: number[];
  baskets: number;
  pairsChanged: number;
  profilesUpdated: number;
  /** Rows of title neighbours written, or null when the catalogue's titles had not changed. */
  titleNeighbours: number | null;
}

/**
 * Folds every import not yet in the knowledge tables into them, oldest first: basket counts
 * (and so the association rules), customer profiles and a change report. Each import is one
 * transaction that also records it in `knowledge_imports`, so a crash between imports repeats
 * nothing and a second call does nothing. Workspaces created before these tables catch up on
 * their first call. Title neighbours are refreshed afterwards in a transaction of their own.
 */
export async function updateKnowledgeAfterImport(db: Db, options: LongWorkOptions = {}): Promise<KnowledgeUpdate> {
  const pending = db
    .prepare('SELECT id FROM imports WHERE id NOT IN (SELECT import_id FROM knowledge_imports) ORDER BY id')
    .pluck()
    .all() as number[];
  const update: KnowledgeUpdate = { importIds: pending, baskets: 0, pairsChanged: 0, profilesUpdated: 0, titleNeighbours: null };

  const restoreTempStore = stageOnDisk(db, pending.length > 0);
  try {
    for (const [index, importId] of pending.entries()) {
      const step = (done: number): void => options.onProgress?.('knowledge', index * KNOWLEDGE_STEPS + done, pending.length * KNOWLEDGE_STEPS);
      applyImport(db, importId, update, step);
    }
  } finally {
    restoreTempStore();
  }

  update.titleNeighbours = await refreshTitleNeighbours(db, options);
  return update;
}

/**
 * Puts SQLite's temporary tables in a file (which the operating system caches) instead of the
 * process's memory, and returns the function that restores the setting. The pair changes of the
 * first UCI import take about 2.5 million rows there. Set outside transactions, because changing
 * it drops the connection's temporary tables.
 */
function stageOnDisk(db: Db, needed: boolean): () => void {
  if (!needed) return () => {};
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  return () => void db.pragma(`temp_store = ${tempStore}`);
}

/** Steps of one import's update that progress counts: basket counts, customer profiles, change report. */
const KNOWLEDGE_STEPS = 3;

/**
 * Folds one import into the knowledge tables in one transaction, adding to `update`. `step`
 * reports how many of its KNOWLEDGE_STEPS are done. The first UCI import spends about 6 s in
 * the basket counts, 1.6 s in the profiles and 0.6 s in the report.
 */
function applyImport(db: Db, importId: number, update: KnowledgeUpdate, step: (done: number) => void): void {
  const started = performance.now();
  db.transaction(() => {
    step(0);
    const basketsBefore = basketTotal(db);
    const delta = applyImportToBaskets(db, importId, { reportSupport: STRONG_SUPPORT });
    step(1);
    const profiles = updateProfiles(db, importId);
    step(2);
    storeImportReport(db, importId, delta, basketsBefore);
    step(3);
    db.prepare(
      'INSERT INTO knowledge_imports (import_id, applied_at, baskets, pairs_changed, profiles_updated) VALUES (?, ?, ?, ?, ?)',
    ).run(importId, new Date().toISOString(), delta.basketsDelta, delta.pairsChanged, profiles);

    update.baskets += delta.basketsDelta;
    update.pairsChanged += delta.pairsChanged;
    update.profilesUpdated += profiles;
  })();
  log.info('knowledge updated', { importId, durationMs: Math.round(performance.now() - started) });
}
