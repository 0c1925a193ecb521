import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { createBuiltinEncoder } from '../text/builtin-encoder.ts';
import { similarByText } from '../text/similar-items.ts';

/** Neighbours kept per item, and the lowest cosine similarity worth calling "close in title". */
export const TITLE_NEIGHBOURS = 10;
export const MIN_TITLE_SIMILARITY = 0.3;
const SIGNATURE_KEY = 'similarItems.titleSignature';

/**
 * Recomputes the title neighbours of the whole catalogue with the built-in encoder, when the
 * catalogue's titles changed since the last time. The encoder's weights come from all titles,
 * so one new title shifts every vector and the whole table is rewritten. Returns the number of
 * rows written, or null when nothing changed.
 */
export async function refreshTitleNeighbours(db: Db, options: LongWorkOptions = {}): Promise<number | null> {
  const signature = catalogueSignature(db);
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SIGNATURE_KEY) as string | undefined;
  if (stored === signature) return null;

  const items = db.prepare(`SELECT id, title FROM items WHERE title <> '' ORDER BY id`).all() as { id: number; title: string }[];
  const encoder = createBuiltinEncoder(items.map((item) => item.title));
  const vectors = items.map((item) => encoder.embedOne(item.title));
  const neighbours = items.length < 2 ? [] : await similarByText(vectors, TITLE_NEIGHBOURS, options);

  const insert = db.prepare(`INSERT INTO similar_items (item_id, source, other_item_id, score) VALUES (?, 'text', ?, ?)`);
  let written = 0;
  db.transaction(() => {
    db.prepare(`DELETE FROM similar_items WHERE source = 'text'`).run();
    neighbours.forEach((list, index) => {
      for (const neighbour of list) {
        if (neighbour.score < MIN_TITLE_SIMILARITY) continue;
        insert.run(items[index]!.id, items[neighbour.index]!.id, neighbour.score);
        written += 1;
      }
    });
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SIGNATURE_KEY, signature);
  })();
  return written;
}

/** Returns the title neighbours of one item, closest first. */
export function titleNeighbours(db: Db, itemId: number, limit: number): { itemId: number; sku: string; title: string; score: number }[] {
  return db
    .prepare(
      `SELECT s.other_item_id AS itemId, i.sku, i.title, s.score
       FROM similar_items s JOIN items i ON i.id = s.other_item_id
       WHERE s.item_id = ? AND s.source = 'text'
       ORDER BY s.score DESC, s.other_item_id
       LIMIT ?`,
    )
    .all(itemId, limit) as { itemId: number; sku: string; title: string; score: number }[];
}

function catalogueSignature(db: Db): string {
  const row = db.prepare('SELECT COUNT(*) AS items, COALESCE(SUM(LENGTH(title)), 0) AS chars, COALESCE(MAX(id), 0) AS maxId FROM items').get() as {
    items: number;
    chars: number;
    maxId: number;
  };
  return `${row.items}:${row.chars}:${row.maxId}`;
}
