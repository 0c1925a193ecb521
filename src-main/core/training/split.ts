import type { Interactions } from './interactions.ts';

/**
 * Time-based hold-out: for every customer who bought on two or more distinct days, the lines of
 * their last purchase day are test lines and everything earlier is training. Customers with one
 * purchase day, and customer-less lines, stay in training only. Lines of other customers on
 * later days stay in training, so this is a per-customer (leave-last-day-out) split.
 */
export interface Split {
  train: Uint8Array;
  test: Uint8Array;
  trainLines: number;
  testLines: number;
  testCustomers: number;
}

/** Splits the lines where `include[line]` is 1 (all lines when absent). */
export function splitByLastDay(interactions: Interactions, include?: Uint8Array): Split {
  const customerCount = interactions.customerIds.length;
  const lastDay = new Int32Array(customerCount).fill(-1);
  for (let line = 0; line < interactions.size; line++) {
    const customer = interactions.customer[line]!;
    if (customer < 0 || include?.[line] === 0) continue;
    lastDay[customer] = Math.max(lastDay[customer]!, interactions.day[line]!);
  }

  const hasEarlierDay = new Uint8Array(customerCount);
  for (let line = 0; line < interactions.size; line++) {
    const customer = interactions.customer[line]!;
    if (customer < 0 || include?.[line] === 0) continue;
    if (interactions.day[line]! < lastDay[customer]!) hasEarlierDay[customer] = 1;
  }

  const train = new Uint8Array(interactions.size);
  const test = new Uint8Array(interactions.size);
  let trainLines = 0;
  let testLines = 0;
  for (let line = 0; line < interactions.size; line++) {
    if (include?.[line] === 0) continue;
    const customer = interactions.customer[line]!;
    const held = customer >= 0 && hasEarlierDay[customer] === 1 && interactions.day[line] === lastDay[customer];
    if (held) {
      test[line] = 1;
      testLines += 1;
    } else {
      train[line] = 1;
      trainLines += 1;
    }
  }

  let testCustomers = 0;
  for (const flag of hasEarlierDay) testCustomers += flag;
  return { train, test, trainLines, testLines, testCustomers };
}
