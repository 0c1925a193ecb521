/**
 * Epoch checkpoints of the sequential model and the stored artefacts a new run can start from:
 * the last checkpoint of an interrupted run on the same data (resume), or the newest completed
 * sequential version (warm start after new data arrived).
 */
import type { OptimizerState } from '../sequential/train.ts';
import { deserializeWeights, serializeWeights, type SerializedWeights } from '../sequential/weights.ts';
import type { Db } from '../store/database.ts';

const OPTIMIZER_PREFIX = 'optimizer:';

export interface Checkpoint {
  runId: number;
  epoch: number;
  weights: SerializedWeights;
  optimizer: OptimizerState;
  itemIds: number[];
}

/** Writes one epoch's checkpoint and drops the run's older ones (one epoch is all a resume needs). */
export function writeCheckpoint(db: Db, runId: number, epoch: number, loss: number, weights: SerializedWeights, optimizer: OptimizerState, itemIds: number[]): void {
  const tensors = { ...weights.tensors };
  for (const [name, tensor] of Object.entries(optimizer)) tensors[`${OPTIMIZER_PREFIX}${name}`] = tensor;
  const bytes = serializeWeights({ architecture: weights.architecture, tensors });
  db.transaction(() => {
    db.prepare(
      `INSERT OR REPLACE INTO model_checkpoints (run_id, model, epoch, weights, item_ids, loss, created_at)
       VALUES (?, 'sequential', ?, ?, ?, ?, ?)`,
    ).run(runId, epoch, bytes, idBytes(itemIds), loss, new Date().toISOString());
    db.prepare(`DELETE FROM model_checkpoints WHERE run_id = ? AND model = 'sequential' AND epoch < ?`).run(runId, epoch);
  })();
}

/** The newest checkpoint of a run that ended without completing, on data with this watermark. */
export function resumableCheckpoint(db: Db, watermark: number, currentRunId: number): Checkpoint | null {
  const row = db
    .prepare(
      `SELECT c.run_id AS runId, c.epoch, c.weights, c.item_ids AS itemIds FROM model_checkpoints c
       JOIN training_runs r ON r.id = c.run_id
       WHERE c.model = 'sequential' AND r.status IN ('running', 'failed', 'cancelled')
         AND r.data_watermark = ? AND r.id <> ?
       ORDER BY c.run_id DESC, c.epoch DESC LIMIT 1`,
    )
    .get(watermark, currentRunId) as { runId: number; epoch: number; weights: Uint8Array; itemIds: Uint8Array } | undefined;
  if (!row) return null;

  const stored = deserializeWeights(row.weights);
  const weights: SerializedWeights = { architecture: stored.architecture, tensors: {} };
  const optimizer: OptimizerState = {};
  for (const [name, tensor] of Object.entries(stored.tensors)) {
    if (name.startsWith(OPTIMIZER_PREFIX)) optimizer[name.slice(OPTIMIZER_PREFIX.length)] = tensor;
    else weights.tensors[name] = tensor;
  }
  return { runId: row.runId, epoch: row.epoch, weights, optimizer, itemIds: idsFromBytes(row.itemIds) };
}

/** Checkpoints are only for resuming; a run that completed (or was resumed) no longer needs them. */
export function deleteCheckpoints(db: Db, runIds: number[]): void {
  const remove = db.prepare(`DELETE FROM model_checkpoints WHERE run_id = ?`);
  for (const runId of runIds) remove.run(runId);
}

/** The newest completed run's sequential weights and the item ids of their rows, if any. */
export function latestSequentialVersion(db: Db): { versionId: number; weights: SerializedWeights; itemIds: number[] } | null {
  const row = db
    .prepare(
      `SELECT v.id FROM model_versions v JOIN training_runs r ON r.id = v.run_id
       WHERE v.model = 'sequential' AND r.status = 'completed' ORDER BY v.id DESC LIMIT 1`,
    )
    .get() as { id: number } | undefined;
  if (!row) return null;
  const blobs = readBlobs(db, row.id);
  if (!blobs.weights || !blobs.items) return null;
  return { versionId: row.id, weights: deserializeWeights(blobs.weights), itemIds: idsFromBytes(blobs.items) };
}

export function readBlobs(db: Db, versionId: number): Record<string, Uint8Array> {
  const rows = db.prepare('SELECT kind, bytes FROM model_blobs WHERE model_version_id = ?').all(versionId) as { kind: string; bytes: Uint8Array }[];
  return Object.fromEntries(rows.map((row) => [row.kind, row.bytes]));
}

/** Database ids as little-endian int32 bytes. */
export function idBytes(ids: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(ids.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < ids.length; i++) view.setInt32(i * 4, ids[i]!, true);
  return bytes;
}

export function idsFromBytes(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getInt32(i * 4, true));
}

export function floatBytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

export function floatsFromBytes(bytes: Uint8Array): Float32Array {
  return new Float32Array(Uint8Array.prototype.slice.call(bytes).buffer);
}
