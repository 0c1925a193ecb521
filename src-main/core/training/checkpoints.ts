/**
 * Epoch checkpoints of the sequential model and the stored artefacts a new run can start from:
 * the last checkpoint of an interrupted run on the same data (resume), or the newest completed
 * sequential version (warm start after new data arrived).
 */
import type { SequentialTrainingParams } from '../sequential/config.ts';
import type { OptimizerState } from '../sequential/train.ts';
import { deserializeWeights, serializeWeights, type SerializedWeights } from '../sequential/weights.ts';
import type { Db } from '../store/database.ts';
import { ownerIsAlive } from './run-owner.ts';

const OPTIMIZER_PREFIX = 'optimizer:';

export interface Checkpoint {
  runId: number;
  epoch: number;
  weights: SerializedWeights;
  optimizer: OptimizerState;
  itemIds: number[];
  /** Settings the run trained with, its planned epochs included. */
  settings: SequentialTrainingParams;
}

/** One epoch of a run, as `writeCheckpoint` stores it: a checkpoint and that epoch's loss. */
export interface EpochState extends Checkpoint {
  loss: number;
}

/** Writes one epoch's checkpoint and drops the run's older ones (one epoch is all a resume needs). */
export function writeCheckpoint(db: Db, state: EpochState): void {
  const { runId, epoch } = state;
  const tensors = { ...state.weights.tensors };
  for (const [name, tensor] of Object.entries(state.optimizer)) tensors[`${OPTIMIZER_PREFIX}${name}`] = tensor;
  const bytes = serializeWeights({ architecture: state.weights.architecture, tensors });
  db.transaction(() => {
    db.prepare(
      `INSERT OR REPLACE INTO model_checkpoints (run_id, model, epoch, weights, item_ids, loss, created_at, settings_json)
       VALUES (?, 'sequential', ?, ?, ?, ?, ?, ?)`,
    ).run(runId, epoch, bytes, idBytes(state.itemIds), state.loss, new Date().toISOString(), JSON.stringify(state.settings));
    db.prepare(`DELETE FROM model_checkpoints WHERE run_id = ? AND model = 'sequential' AND epoch < ?`).run(runId, epoch);
  })();
}

/**
 * Finds the newest checkpoint of a run that ended without completing, on data with this
 * watermark, and returns it when that run trained with `settings` (planned epochs may differ).
 * A run still recorded as running counts only when its process no longer runs: another process
 * may be training it right now. Checkpoints stored without settings, by versions before they
 * were recorded, are never resumed.
 */
export function resumableCheckpoint(db: Db, watermark: number, currentRunId: number, settings: SequentialTrainingParams): Checkpoint | null {
  const candidates = db
    .prepare(
      `SELECT c.run_id AS runId, c.epoch, c.settings_json AS settingsJson, r.status,
              r.owner_pid AS pid, r.owner_started_ms AS startedMs, r.owner_thread AS thread
       FROM model_checkpoints c JOIN training_runs r ON r.id = c.run_id
       WHERE c.model = 'sequential' AND r.status IN ('running', 'failed', 'cancelled')
         AND r.data_watermark = ? AND r.id <> ?
       ORDER BY c.run_id DESC, c.epoch DESC`,
    )
    .all(watermark, currentRunId) as {
    runId: number;
    epoch: number;
    settingsJson: string | null;
    status: string;
    pid: number | null;
    startedMs: number | null;
    thread: number | null;
  }[];
  const row = candidates.find((candidate) => candidate.status !== 'running' || !ownerIsAlive(candidate));
  if (!row || row.settingsJson === null) return null;
  const stored = JSON.parse(row.settingsJson) as SequentialTrainingParams;
  if (!sameSettingsButEpochs(stored, settings)) return null;

  const blobs = db
    .prepare(`SELECT weights, item_ids AS itemIds FROM model_checkpoints WHERE run_id = ? AND model = 'sequential' AND epoch = ?`)
    .get(row.runId, row.epoch) as { weights: Uint8Array; itemIds: Uint8Array };
  const saved = deserializeWeights(blobs.weights);
  const weights: SerializedWeights = { architecture: saved.architecture, tensors: {} };
  const optimizer: OptimizerState = {};
  for (const [name, tensor] of Object.entries(saved.tensors)) {
    if (name.startsWith(OPTIMIZER_PREFIX)) optimizer[name.slice(OPTIMIZER_PREFIX.length)] = tensor;
    else weights.tensors[name] = tensor;
  }
  return { runId: row.runId, epoch: row.epoch, weights, optimizer, itemIds: idsFromBytes(blobs.itemIds), settings: stored };
}

function sameSettingsButEpochs(a: SequentialTrainingParams, b: SequentialTrainingParams): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('epochs');
  return [...keys].every((key) => a[key as keyof SequentialTrainingParams] === b[key as keyof SequentialTrainingParams]);
}

/**
 * Deletes the checkpoints of run `runId` and of every run before it, once `runId` has trained
 * its sequential model. Earlier runs trained on the same data or older, so resuming one of them
 * later would replace a newer model with an older one.
 */
export function deleteCheckpointsUpTo(db: Db, runId: number): void {
  db.prepare(`DELETE FROM model_checkpoints WHERE run_id <= ?`).run(runId);
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
