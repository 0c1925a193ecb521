/** Title vectors per item and encoder, computed once and kept in `item_embeddings`. */
import type { Db } from '../store/database.ts';
import type { TextEncoder } from '../text/types.ts';
import { floatBytes, floatsFromBytes } from './checkpoints.ts';

/** Returns one vector per id in `itemIds`, embedding only the items not stored for this encoder. */
export async function itemTitleVectors(db: Db, encoder: TextEncoder, itemIds: number[]): Promise<Float32Array[]> {
  const select = db.prepare('SELECT vector FROM item_embeddings WHERE item_id = ? AND encoder = ?').pluck();
  const stored = itemIds.map((id) => select.get(id, encoder.name) as Uint8Array | undefined);
  const missing = itemIds.filter((_, i) => stored[i] === undefined);

  const titleOf = db.prepare(`SELECT CASE WHEN trim(title) = '' THEN sku ELSE title END FROM items WHERE id = ?`).pluck();
  const fresh = missing.length > 0 ? await encoder.embed(missing.map((id) => titleOf.get(id) as string)) : [];
  const insert = db.prepare('INSERT OR REPLACE INTO item_embeddings (item_id, encoder, vector) VALUES (?, ?, ?)');
  db.transaction(() => missing.forEach((id, i) => insert.run(id, encoder.name, floatBytes(fresh[i]!))))();

  let next = 0;
  return stored.map((bytes) => (bytes ? floatsFromBytes(bytes) : fresh[next++]!));
}
