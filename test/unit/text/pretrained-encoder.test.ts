import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { CancelledError } from '../../../src-main/core/errors.ts';
import { createTextEncoder } from '../../../src-main/core/text/embed.ts';

// Built by scripts/make-tiny-model.py: random weights, 2 layers, hidden size 32. The JSON contains
// two sentences and their vectors computed by torch, independently of transformers.js.
const TINY_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/tiny-model');
const expected = JSON.parse(fs.readFileSync(path.join(TINY_MODEL, 'expected-embeddings.json'), 'utf8')) as {
  sentences: string[];
  embeddings: number[][];
};

const TITLES = [
  '新款红色连衣裙 summer dress',
  '男士纯棉短袖衬衫 cotton shirt',
  '无线蓝牙耳机 wireless',
  '儿童保暖羽绒服加厚冬季外套',
  'Organic peanut butter 2 pack',
  '手机壳防摔透明 phone case',
  'black leather bag for women',
  '厨房家用水壶',
  '包邮',
  'a much longer title that the tokenizer turns into many word pieces and unknown tokens like zzqx',
];

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('pretrained text encoder', () => {
  it('loads the tiny model folder', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });

    expect(encoder.kind).toBe('pretrained');
    expect(encoder.name).toBe('tiny-model');
    expect(encoder.dimension).toBe(32);
  });

  it('matches the torch reference vectors', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });
    const vectors = await encoder.embed(expected.sentences);

    expect(vectors).toHaveLength(expected.embeddings.length);
    vectors.forEach((vector, i) => {
      expect(vector).toHaveLength(32);
      expect(maxDifference(vector, expected.embeddings[i]!)).toBeLessThan(1e-4);
    });
  });

  it('returns unit-length vectors', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });
    const vectors = await encoder.embed(TITLES);

    for (const vector of vectors) expect(norm(vector)).toBeCloseTo(1, 4);
  });

  it('gives identical texts identical vectors', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });
    const [first, second, other] = await encoder.embed([TITLES[0]!, TITLES[0]!, TITLES[1]!]);

    expect(maxDifference(first!, second!)).toBe(0);
    expect(maxDifference(first!, other!)).toBeGreaterThan(0.01);
  });

  it('batch equals one-by-one across batch boundaries', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });
    // 40 texts of mixed lengths: the first 32 form one padded batch, the rest a second one.
    const texts = Array.from({ length: 40 }, (_, i) => `${TITLES[i % TITLES.length]!} ${'款'.repeat(i % 7)}`);

    const batched = await encoder.embed(texts);
    const single = await Promise.all(texts.map(async (text) => (await encoder.embed([text]))[0]!));

    expect(batched).toHaveLength(40);
    batched.forEach((vector, i) => expect(maxDifference(vector, single[i]!)).toBeLessThan(1e-5));
  });

  it('reports progress per batch', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });
    const events: [string, number, number][] = [];

    await encoder.embed(Array.from({ length: 70 }, (_, i) => `title ${i}`), {
      onProgress: (phase, done, total) => events.push([phase, done, total]),
    });

    expect(events).toEqual([
      ['embed', 32, 70],
      ['embed', 64, 70],
      ['embed', 70, 70],
    ]);
  });

  it('stops between batches when cancelled', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });
    const controller = new AbortController();
    let batches = 0;

    const work = encoder.embed(Array.from({ length: 100 }, (_, i) => `title ${i}`), {
      signal: controller.signal,
      onProgress: () => {
        batches += 1;
        controller.abort();
      },
    });

    await expect(work).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toBe(1);
  });

  it('returns nothing for no texts', async () => {
    const encoder = await createTextEncoder({ modelDir: TINY_MODEL });

    expect(await encoder.embed([])).toEqual([]);
  });
});
