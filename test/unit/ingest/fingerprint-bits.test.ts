import { describe, expect, it } from 'vitest';

import { fingerprintLine } from '../../../src-main/core/ingest/fingerprint.ts';

/** Distinct order lines shaped like a wholesale shop's export: 100 lines per invoice. */
function fingerprints(count: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = 536365 + Math.floor(i / 100);
    values.push(
      fingerprintLine('online-retail', {
        orderRef: String(invoice),
        sku: String(20000 + (i % 100)),
        quantity: 1 + (i % 7),
        unitPrice: 1.25,
        orderedAt: 1291161600 + invoice * 60,
        customerRef: String(12000 + (invoice % 5000)),
        isReturn: false,
      }),
    );
  }
  return values;
}

/** Counts values whose 32-bit key (picked by `key`) was seen before. */
function collisions(values: number[], key: (value: number) => number): number {
  const seen = new Set<number>();
  let count = 0;
  for (const value of values) {
    const k = key(value);
    if (seen.has(k)) count += 1;
    else seen.add(k);
  }
  return count;
}

describe('fingerprintLine bits', () => {
  const n = 400_000;
  const values = fingerprints(n);
  // An even 32-bit hash of n distinct keys collides about n² / 2^33 times (about 19 here).
  const expected = (n * n) / 2 ** 33;

  it('stays a safe integer', () => {
    for (const value of values.slice(0, 1000)) expect(Number.isSafeInteger(value)).toBe(true);
  });

  it('spreads the low 32 bits evenly', () => {
    expect(collisions(values, (value) => value % 2 ** 32)).toBeLessThan(expected * 3);
  });

  it('spreads the high 21 bits evenly', () => {
    // If the two lanes overlapped, this key would collide for a few percent of the lines.
    const key = (value: number): number => (Math.floor(value / 2 ** 32) * 2048 + (value % 2048)) % 2 ** 32;
    expect(collisions(values, key)).toBeLessThan(expected * 3);
  });
});
