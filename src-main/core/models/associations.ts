import { throwIfCancelled } from '../errors.ts';
import type { Interactions } from '../training/interactions.ts';
import { TopK } from './top-k.ts';

export interface AssociationParams {
  /** Pairs seen together in fewer orders are noise and are dropped. */
  minOrders: number;
  /** Associations kept per item, most orders together first. */
  perItem: number;
  /**
   * Orders with more distinct items than this are skipped: a 700-line wholesale restock tells
   * little about what goes together, and its pairs would cost as much as thousands of baskets.
   */
  maxBasket: number;
}

export const ASSOCIATION_DEFAULTS: AssociationParams = { minOrders: 2, perItem: 20, maxBasket: 200 };

/** Association rule item -> other, both as compact item indices. */
export interface Association {
  item: number;
  other: number;
  ordersTogether: number;
  /** Share of all counted orders that contain both items. */
  support: number;
  /** Share of the orders containing `item` that also contain `other`. */
  confidence: number;
  /** Confidence divided by the share of orders containing `other`. */
  lift: number;
}

/**
 * Counts item pairs bought in the same order, customer-less orders included, and keeps each
 * item's strongest partners.
 */
export function fitAssociations(
  interactions: Interactions,
  include: Uint8Array,
  params: AssociationParams,
  tieKeys: Uint32Array,
  signal?: AbortSignal,
): Association[] {
  const itemCount = interactions.itemIds.length;
  const baskets = buildBaskets(interactions, include, params.maxBasket);
  const ordersOf = invertBaskets(baskets, itemCount);
  const orderCount = baskets.offsets.length - 1;
  const counts = new Int32Array(itemCount);
  const touched = new Int32Array(itemCount);
  const top = new TopK(params.perItem);
  const result: Association[] = [];

  for (let item = 0; item < itemCount; item++) {
    let touchedCount = 0;
    for (let o = ordersOf.offsets[item]!; o < ordersOf.offsets[item + 1]!; o++) {
      const order = ordersOf.order[o]!;
      for (let e = baskets.offsets[order]!; e < baskets.offsets[order + 1]!; e++) {
        const other = baskets.item[e]!;
        if (other === item) continue;
        if (counts[other] === 0) touched[touchedCount++] = other;
        counts[other]! += 1;
      }
    }

    const itemOrders = ordersOf.offsets[item + 1]! - ordersOf.offsets[item]!;
    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t]!;
      const together = counts[other]!;
      if (together < params.minOrders) continue;
      const otherOrders = ordersOf.offsets[other + 1]! - ordersOf.offsets[other]!;
      const lift = (together / itemOrders) / (otherOrders / orderCount);
      // Orders together is an integer, so adding lift / (1 + lift) < 1 breaks its ties by lift.
      top.push(other, together + lift / (1 + lift), tieKeys[other]!);
    }
    for (const kept of top.drain()) {
      const together = counts[kept.id]!;
      const otherOrders = ordersOf.offsets[kept.id + 1]! - ordersOf.offsets[kept.id]!;
      result.push({
        item,
        other: kept.id,
        ordersTogether: together,
        support: together / orderCount,
        confidence: together / itemOrders,
        lift: (together / itemOrders) / (otherOrders / orderCount),
      });
    }
    for (let t = 0; t < touchedCount; t++) counts[touched[t]!] = 0;
    if (item % 256 === 255) throwIfCancelled(signal);
  }
  return result;
}

interface Baskets {
  offsets: Int32Array;
  item: Int32Array;
}

/** Distinct items per order, for the orders with 1..maxBasket distinct items. */
function buildBaskets(interactions: Interactions, include: Uint8Array, maxBasket: number): Baskets {
  const itemCount = interactions.itemIds.length;
  const keys: number[] = [];
  for (let line = 0; line < interactions.size; line++) {
    if (include[line] === 0) continue;
    keys.push(interactions.order[line]! * itemCount + interactions.item[line]!);
  }
  const sorted = Float64Array.from(keys).sort();

  const offsets: number[] = [0];
  const items: number[] = [];
  let index = 0;
  while (index < sorted.length) {
    const order = Math.floor(sorted[index]! / itemCount);
    const basket: number[] = [];
    let previous = -1;
    for (; index < sorted.length && Math.floor(sorted[index]! / itemCount) === order; index++) {
      if (sorted[index] === previous) continue;
      previous = sorted[index]!;
      basket.push(previous % itemCount);
    }
    if (basket.length > maxBasket) continue;
    items.push(...basket);
    offsets.push(items.length);
  }
  return { offsets: Int32Array.from(offsets), item: Int32Array.from(items) };
}

function invertBaskets(baskets: Baskets, itemCount: number): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(itemCount + 1);
  for (const item of baskets.item) offsets[item + 1]! += 1;
  for (let item = 0; item < itemCount; item++) offsets[item + 1]! += offsets[item]!;
  const cursor = offsets.slice(0, itemCount);
  const order = new Int32Array(baskets.item.length);
  for (let o = 0; o + 1 < baskets.offsets.length; o++) {
    for (let e = baskets.offsets[o]!; e < baskets.offsets[o + 1]!; e++) order[cursor[baskets.item[e]!]!++] = o;
  }
  return { offsets, order };
}
