import type { Interactions } from '../training/interactions.ts';
import type { CustomerHistories } from '../training/histories.ts';

/**
 * A re-buy item is one that a large share of its known customers bought on two or more
 * distinct days (consumables, refills, basics). In the UCI Online Retail data the median rate
 * of items with 5+ buyers is 0.14 and the upper quartile 0.21, so 0.2 flags roughly the top
 * 30%: clearly repeat-bought items, not everything. The value was chosen from that
 * distribution, not tuned on held-out data. Items with fewer than REBUY_MIN_BUYERS buyers
 * (anonymous orders included, the number stored in item_popularity.customers, so serving can
 * apply the same rule) are never re-buy items.
 */
export const REBUY_THRESHOLD = 0.2;
export const REBUY_MIN_BUYERS = 5;

export interface PopularityModel {
  /** Distinct customers who bought the item, plus distinct customer-less orders containing it. */
  buyers: Float64Array;
  /** Share of the item's known customers who bought it on two or more distinct days. */
  rebuyRate: Float32Array;
  isRebuy: Uint8Array;
  /** Item indices, most bought first; items without purchases are left out. */
  order: Int32Array;
}

export function fitPopularity(
  interactions: Interactions,
  include: Uint8Array,
  histories: CustomerHistories,
  tieKeys: Uint32Array,
): PopularityModel {
  const itemCount = interactions.itemIds.length;
  const buyers = new Float64Array(itemCount);
  const rebuyers = new Float64Array(itemCount);
  const knownBuyers = new Float64Array(itemCount);
  for (let entry = 0; entry < histories.item.length; entry++) {
    const item = histories.item[entry]!;
    knownBuyers[item]! += 1;
    if (histories.days[entry]! >= 2) rebuyers[item]! += 1;
  }
  buyers.set(knownBuyers);

  // An anonymous order is one buyer we cannot follow over time.
  const anonymousPairs = new Set<number>();
  for (let line = 0; line < interactions.size; line++) {
    if (include[line] === 0 || interactions.customer[line]! >= 0) continue;
    anonymousPairs.add(interactions.order[line]! * itemCount + interactions.item[line]!);
  }
  for (const pair of anonymousPairs) buyers[pair % itemCount]! += 1;

  const rebuyRate = new Float32Array(itemCount);
  const isRebuy = new Uint8Array(itemCount);
  for (let item = 0; item < itemCount; item++) {
    if (knownBuyers[item] === 0) continue;
    rebuyRate[item] = rebuyers[item]! / knownBuyers[item]!;
    isRebuy[item] = buyers[item]! >= REBUY_MIN_BUYERS && rebuyRate[item]! >= REBUY_THRESHOLD ? 1 : 0;
  }

  const bought: number[] = [];
  for (let item = 0; item < itemCount; item++) if (buyers[item]! > 0) bought.push(item);
  bought.sort((a, b) => buyers[b]! - buyers[a]! || tieKeys[a]! - tieKeys[b]!);

  return { buyers, rebuyRate, isRebuy, order: Int32Array.from(bought) };
}
