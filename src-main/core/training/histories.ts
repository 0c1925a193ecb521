import type { Interactions } from './interactions.ts';

/**
 * Each customer's distinct items, most recently bought first (ties by item index), in CSR form:
 * customer c owns entries [offsets[c], offsets[c + 1]).
 */
export interface CustomerHistories {
  customerCount: number;
  offsets: Int32Array;
  item: Int32Array;
  /** Last day the customer bought the item. */
  lastDay: Int32Array;
  /** Distinct days the customer bought the item on. */
  days: Int32Array;
}

const DAY_BITS = 2 ** 20;

/** Builds histories from the lines where `include[line]` is 1; customer-less lines are skipped. */
export function buildHistories(interactions: Interactions, include: Uint8Array): CustomerHistories {
  const customerCount = interactions.customerIds.length;
  const lineOffsets = new Int32Array(customerCount + 1);
  let minDay = Infinity;
  for (let line = 0; line < interactions.size; line++) {
    const customer = interactions.customer[line]!;
    if (customer < 0 || include[line] === 0) continue;
    lineOffsets[customer + 1]! += 1;
    minDay = Math.min(minDay, interactions.day[line]!);
  }
  for (let c = 0; c < customerCount; c++) lineOffsets[c + 1]! += lineOffsets[c]!;

  // Key = item * 2^20 + day offset, so one numeric sort per customer groups lines by item and day.
  const keys = new Float64Array(lineOffsets[customerCount]!);
  const cursor = lineOffsets.slice(0, customerCount);
  for (let line = 0; line < interactions.size; line++) {
    const customer = interactions.customer[line]!;
    if (customer < 0 || include[line] === 0) continue;
    keys[cursor[customer]!++] = interactions.item[line]! * DAY_BITS + (interactions.day[line]! - minDay);
  }

  const offsets = new Int32Array(customerCount + 1);
  const item = new Int32Array(keys.length);
  const lastDay = new Int32Array(keys.length);
  const days = new Int32Array(keys.length);
  let size = 0;
  for (let c = 0; c < customerCount; c++) {
    const start = size;
    const lines = keys.subarray(lineOffsets[c], lineOffsets[c + 1]).sort();
    let previousKey = -1;
    for (const key of lines) {
      if (key === previousKey) continue;
      const itemIndex = Math.floor(key / DAY_BITS);
      const day = (key % DAY_BITS) + minDay;
      if (size > start && item[size - 1] === itemIndex) {
        lastDay[size - 1] = day;
        days[size - 1]! += 1;
      } else {
        item[size] = itemIndex;
        lastDay[size] = day;
        days[size] = 1;
        size += 1;
      }
      previousKey = key;
    }
    sortNewestFirst(item, lastDay, days, start, size);
    offsets[c + 1] = size;
  }

  return {
    customerCount,
    offsets,
    item: item.slice(0, size),
    lastDay: lastDay.slice(0, size),
    days: days.slice(0, size),
  };
}

function sortNewestFirst(item: Int32Array, lastDay: Int32Array, days: Int32Array, start: number, end: number): void {
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  order.sort((a, b) => lastDay[b]! - lastDay[a]! || item[a]! - item[b]!);
  const items = order.map((i) => item[i]!);
  const lastDays = order.map((i) => lastDay[i]!);
  const dayCounts = order.map((i) => days[i]!);
  item.set(items, start);
  lastDay.set(lastDays, start);
  days.set(dayCounts, start);
}
