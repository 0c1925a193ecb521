import type { ModelName } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { servingChoice, type ServingChoice } from '../knowledge/serving-pointer.ts';
import { Ranker, type NeighbourList, type RankingModel } from '../models/ranker.ts';
import { deserializeWeights } from '../sequential/weights.ts';
import { alsRankingModel, sequentialRankingModel } from '../training/candidates.ts';
import { floatsFromBytes, idsFromBytes, readBlobs } from '../training/checkpoints.ts';
import { tieBreakKeys } from '../models/tie-break.ts';
import type { Db } from '../store/database.ts';

/**
 * Artefacts of the serving model version, ready to rank with. Items are indexed by their
 * position in the run's item_popularity rows, which cover every item with a purchase.
 * Neighbour lists are read from the database the first time an item needs them and then
 * cached, so one customer costs a few queries and a full export reads each list once.
 */
export interface ServingModel {
  runId: number;
  model: ModelName;
  ranker: Ranker;
  itemIds: number[];
  indexOf: Map<number, number>;
  /** Buyers per item (known customers plus anonymous orders). */
  buyers: Float64Array;
  knnVersionId: number | null;
  /** ALS: each customer's database id to their row in the model's customer factors. */
  customerRow?: Map<number, number>;
}

interface VersionRow {
  id: number;
  model: ModelName;
  params_json: string;
}

/**
 * Loads the artefacts of `choice`: by default the version the serving pointer names, else the
 * newest completed run's choice. An item-kNN version is served with its run's popularity model.
 */
export function loadServingModel(db: Db, choice: ServingChoice = servingChoice(db)): ServingModel {
  const run = { id: choice.runId, serving_model: choice.model };

  const versions = db.prepare('SELECT id, model, params_json FROM model_versions WHERE run_id = ?').all(run.id) as VersionRow[];
  const popularity = versions.find((v) => v.model === 'popularity');
  const knn = versions.find((v) => v.model === 'item-knn');
  if (!popularity) throw new ShopRecError('internal', { detail: `training run ${run.id} has no popularity model` });
  const popularityParams = JSON.parse(popularity.params_json) as { seed: number; rebuyThreshold: number; rebuyMinBuyers: number };

  const rows = db
    .prepare('SELECT item_id, customers, score, rebuy_rate FROM item_popularity WHERE model_version_id = ? ORDER BY item_id')
    .all(popularity.id) as { item_id: number; customers: number; score: number; rebuy_rate: number }[];
  const itemIds = rows.map((row) => row.item_id);
  const indexOf = new Map(itemIds.map((id, index) => [id, index]));
  const buyers = Float64Array.from(rows, (row) => row.customers);
  const popularityScore = Float64Array.from(rows, (row) => row.score);
  const isRebuy = Uint8Array.from(rows, (row) =>
    row.customers >= popularityParams.rebuyMinBuyers && row.rebuy_rate >= popularityParams.rebuyThreshold ? 1 : 0,
  );
  const tieKeys = tieBreakKeys(itemIds, popularityParams.seed);
  const popularityOrder = Int32Array.from(itemIds.keys()).sort(
    (a, b) => buyers[b]! - buyers[a]! || tieKeys[a]! - tieKeys[b]!,
  );

  const served = versions.find((v) => v.model === run.serving_model);
  if (served && served.model !== 'popularity' && served.model !== 'item-knn') {
    const base = { itemCount: itemIds.length, tieKeys, isRebuy, popularityOrder, popularityScore, k: 0, halfLifeDays: 0, maxHistory: 0 };
    const loaded = loadCandidate(db, served, base, itemIds, indexOf);
    return { runId: run.id, model: served.model, ranker: new Ranker(loaded.ranking), itemIds, indexOf, buyers, knnVersionId: knn?.id ?? null, customerRow: loaded.customerRow };
  }

  const serveKnn = run.serving_model === 'item-knn' && knn !== undefined;
  const knnParams = serveKnn ? (JSON.parse(knn.params_json) as { k: number; halfLifeDays: number; maxHistory: number }) : null;
  const ranker = new Ranker({
    itemCount: itemIds.length,
    tieKeys,
    isRebuy,
    popularityOrder,
    popularityScore,
    neighboursOf: serveKnn ? neighbourReader(db, knn.id, itemIds, indexOf) : undefined,
    k: knnParams?.k ?? 0,
    halfLifeDays: knnParams?.halfLifeDays ?? 0,
    maxHistory: knnParams?.maxHistory ?? 0,
  });

  return { runId: run.id, model: serveKnn ? 'item-knn' : 'popularity', ranker, itemIds, indexOf, buyers, knnVersionId: knn?.id ?? null };
}

/**
 * Ranks with an EASE, ALS or sequential version's own artefacts. Their rows follow the training
 * run's item order, which is mapped onto the serving item indices here.
 */
function loadCandidate(
  db: Db,
  version: VersionRow,
  base: RankingModel,
  itemIds: number[],
  indexOf: Map<number, number>,
): { ranking: RankingModel; customerRow?: Map<number, number> } {
  if (version.model === 'ease') {
    const params = JSON.parse(version.params_json) as { neighbours: number; maxHistory: number };
    return { ranking: { ...base, neighboursOf: neighbourReader(db, version.id, itemIds, indexOf), k: params.neighbours, maxHistory: params.maxHistory } };
  }

  const blobs = readBlobs(db, version.id);
  const rowItems = Int32Array.from(idsFromBytes(requireBlob(blobs, 'items', version)), (id) => indexOf.get(id) ?? -1);
  if (version.model === 'als') {
    const customers = idsFromBytes(requireBlob(blobs, 'customers', version));
    const itemFactors = floatsFromBytes(requireBlob(blobs, 'itemFactors', version));
    const factors = itemFactors.length / rowItems.length;
    const model = { factors, itemFactors, userFactors: floatsFromBytes(requireBlob(blobs, 'customerFactors', version)) };
    return { ranking: alsRankingModel(base, model, rowItems), customerRow: new Map(customers.map((id, row) => [id, row])) };
  }
  const weights = deserializeWeights(requireBlob(blobs, 'weights', version));
  return { ranking: sequentialRankingModel(base, weights, rowItems) };
}

function requireBlob(blobs: Record<string, Uint8Array>, kind: string, version: VersionRow): Uint8Array {
  const bytes = blobs[kind];
  if (!bytes) throw new ShopRecError('internal', { detail: `model version ${version.id} (${version.model}) has no ${kind} artefact` });
  return bytes;
}

function neighbourReader(db: Db, versionId: number, itemIds: number[], indexOf: Map<number, number>) {
  const select = db
    .prepare('SELECT neighbour_id, score FROM item_neighbours WHERE model_version_id = ? AND item_id = ? ORDER BY rank')
    .raw();
  const cache = new Map<number, NeighbourList>();
  return (item: number): NeighbourList => {
    let list = cache.get(item);
    if (!list) {
      const rows = select.all(versionId, itemIds[item]) as [number, number][];
      list = {
        neighbour: Int32Array.from(rows, ([id]) => indexOf.get(id) ?? -1).filter((index) => index >= 0),
        score: Float32Array.from(rows.filter(([id]) => indexOf.has(id)), ([, score]) => score),
      };
      cache.set(item, list);
    }
    return list;
  };
}
