import { describe, expect, it } from 'vitest';

import { CancelledError } from '../../../src-main/core/errors.ts';
import { builtinEncoderFromState, createBuiltinEncoder } from '../../../src-main/core/text/builtin-encoder.ts';
import { similarByText } from '../../../src-main/core/text/similar-items.ts';
import { INSTACART_PRODUCTS_CSV, ZH_TITLES_CSV, entities, readCsv, sharesAny } from './datasets.ts';

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

/** Seeded linear congruential generator, so sampled pairs are the same on every run. */
function randomIndices(seed: number, limit: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * limit);
  };
}

const SHOP_TITLES = [
  '新款女士红色连衣裙夏季雪纺长裙',
  '女士碎花连衣裙夏季新款',
  '蓝牙耳机无线运动双耳入耳式',
  '无线蓝牙耳机降噪运动',
  '苹果手机壳防摔透明硅胶',
  '华为手机壳防摔全包',
  'Organic Whole Milk',
  'Organic Reduced Fat Milk',
  'Peanut Butter Cereal',
  'Creamy Peanut Butter',
];

describe('built-in encoder', () => {
  it('returns unit vectors of the chosen dimension', async () => {
    const encoder = createBuiltinEncoder(SHOP_TITLES, { dimension: 64 });
    const vectors = await encoder.embed(SHOP_TITLES);

    expect(encoder.kind).toBe('built-in');
    expect(encoder.dimension).toBe(64);
    for (const vector of vectors) {
      expect(vector).toHaveLength(64);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
  });

  it('gives a title without letters the zero vector', () => {
    const encoder = createBuiltinEncoder(SHOP_TITLES);

    expect(Array.from(encoder.embedOne(' -- !! '))).toEqual(new Array(128).fill(0));
  });

  it('pairs each title with its nearest same-product title', async () => {
    const encoder = createBuiltinEncoder(SHOP_TITLES);
    const neighbours = await similarByText(await encoder.embed(SHOP_TITLES), 1);

    // Titles are listed in pairs of the same product: 0-1, 2-3, ...
    neighbours.forEach((list, i) => expect(list[0]!.index).toBe(i ^ 1));
  });

  it('is deterministic and survives a state round trip', async () => {
    const first = createBuiltinEncoder(SHOP_TITLES);
    const second = createBuiltinEncoder([...SHOP_TITLES]);
    const restored = builtinEncoderFromState(JSON.parse(JSON.stringify(first.state())));

    const query = '红色连衣裙 peanut butter 新品';
    expect(Array.from(second.embedOne(query))).toEqual(Array.from(first.embedOne(query)));
    expect(Array.from(restored.embedOne(query))).toEqual(Array.from(first.embedOne(query)));
    expect(restored.name).toBe(first.name);
  });

  it('changes with the seed', () => {
    const a = createBuiltinEncoder(SHOP_TITLES, { seed: 1 }).embedOne('蓝牙耳机');
    const b = createBuiltinEncoder(SHOP_TITLES, { seed: 2 }).embedOne('蓝牙耳机');

    expect(dot(a, b)).toBeLessThan(0.9);
  });

  it('folds full-width letters into ASCII', () => {
    const encoder = createBuiltinEncoder(SHOP_TITLES);

    expect(dot(encoder.embedOne('ＵＳＢ数据线'), encoder.embedOne('usb数据线'))).toBeCloseTo(1, 5);
  });

  it('rejects a dimension that is not a multiple of 32', () => {
    expect(() => createBuiltinEncoder(SHOP_TITLES, { dimension: 100 })).toThrow(RangeError);
  });

  it('reports progress and stops when cancelled', async () => {
    const encoder = createBuiltinEncoder(SHOP_TITLES);
    const texts = Array.from({ length: 5000 }, (_, i) => `${SHOP_TITLES[i % 10]!} ${i}`);
    const events: number[] = [];
    const controller = new AbortController();

    const work = encoder.embed(texts, {
      signal: controller.signal,
      onProgress: (_phase, done) => {
        events.push(done);
        controller.abort();
      },
    });

    await expect(work).rejects.toBeInstanceOf(CancelledError);
    expect(events).toEqual([2000]);
  });
});

describe('built-in encoder on real titles', () => {
  const rows = readCsv(ZH_TITLES_CSV);
  const titles = rows.map((row) => row.title ?? '');

  it('reads the Chinese title set', () => {
    expect(rows).toHaveLength(7998);
  });

  it('puts same-product-word neighbours far above chance', async () => {
    const products = rows.map((row) => entities(row.HCCX_product));
    const encoder = createBuiltinEncoder(titles);
    const neighbours = await similarByText(await encoder.embed(titles), 1);

    const labelled = products.flatMap((set, i) => (set.size > 0 ? [i] : []));
    const agreeing = labelled.filter((i) => sharesAny(products[i]!, products[neighbours[i]![0]!.index]!)).length;
    const agreement = agreeing / labelled.length;

    // Chance: how often two different labelled titles share a product word, from 200,000 pairs.
    const pick = randomIndices(7, labelled.length);
    let pairs = 0;
    let sharing = 0;
    while (pairs < 200_000) {
      const a = labelled[pick()]!;
      const b = labelled[pick()]!;
      if (a === b) continue;
      pairs += 1;
      if (sharesAny(products[a]!, products[b]!)) sharing += 1;
    }
    const chance = sharing / pairs;

    expect(agreement).toBeGreaterThan(0.6);
    expect(agreement).toBeGreaterThan(20 * chance);
  });

  it('puts same-brand titles closer than random pairs', async () => {
    const encoder = createBuiltinEncoder(titles);
    const vectors = await encoder.embed(titles);

    const titlesByBrand = new Map<string, number[]>();
    rows.forEach((row, i) => {
      for (const brand of entities(row.HPPX_brand)) titlesByBrand.set(brand, [...(titlesByBrand.get(brand) ?? []), i]);
    });
    let brandSum = 0;
    let brandPairs = 0;
    for (const members of titlesByBrand.values()) {
      for (let a = 0; a < members.length; a += 1) {
        for (let b = a + 1; b < members.length; b += 1) {
          brandSum += dot(vectors[members[a]!]!, vectors[members[b]!]!);
          brandPairs += 1;
        }
      }
    }

    const pick = randomIndices(11, titles.length);
    let randomSum = 0;
    for (let pair = 0; pair < 100_000; pair += 1) randomSum += dot(vectors[pick()]!, vectors[pick()]!);

    expect(brandPairs).toBeGreaterThan(1000);
    expect(brandSum / brandPairs - randomSum / 100_000).toBeGreaterThan(0.2);
  });

  it('puts English neighbours in the same aisle', async () => {
    const products = readCsv(INSTACART_PRODUCTS_CSV);
    const names = products.map((product) => product.product_name ?? '');
    const aisles = products.map((product) => product.aisle_id ?? '');
    const encoder = createBuiltinEncoder(names);
    const neighbours = await similarByText(await encoder.embed(names), 1);

    const agreement = neighbours.filter((list, i) => aisles[list[0]!.index] === aisles[i]).length / names.length;

    // Chance: probability that two different products share an aisle, exact from aisle sizes.
    const aisleSizes = new Map<string, number>();
    for (const aisle of aisles) aisleSizes.set(aisle, (aisleSizes.get(aisle) ?? 0) + 1);
    let samePairs = 0;
    for (const size of aisleSizes.values()) samePairs += size * (size - 1);
    const chance = samePairs / (names.length * (names.length - 1));

    expect(names.length).toBe(2861);
    expect(agreement).toBeGreaterThan(0.5);
    expect(agreement).toBeGreaterThan(10 * chance);
  });
});
