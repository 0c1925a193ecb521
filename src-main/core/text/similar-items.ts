import { throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { TextEncoder } from './types.ts';

/** One neighbour: its index in the input vectors and the cosine similarity. */
export interface TextNeighbour {
  index: number;
  score: number;
}

/** Rows per block: two blocks of 64 rows of 128 to 384 floats fit in a typical L2 cache. */
const BLOCK_ROWS = 64;

/**
 * Returns the `k` most similar other items of every item, best first, by cosine similarity of
 * L2-normalised vectors (the dot product). Works block by block over the upper triangle of the
 * similarity matrix, so each pair is computed once, and checks for cancel between blocks.
 * Reports progress in rows under the phase 'similar'.
 */
export async function similarByText(
  vectors: readonly Float32Array[],
  k: number,
  options: LongWorkOptions = {},
): Promise<TextNeighbour[][]> {
  const count = vectors.length;
  const dimension = checkVectors(vectors);
  const matrix = packRows(vectors, dimension);
  const tops = Array.from({ length: count }, () => new TopK(Math.min(k, count - 1)));

  for (let rowStart = 0; rowStart < count; rowStart += BLOCK_ROWS) {
    throwIfCancelled(options.signal);
    const rowEnd = Math.min(rowStart + BLOCK_ROWS, count);
    for (let columnStart = rowStart; columnStart < count; columnStart += BLOCK_ROWS) {
      const columnEnd = Math.min(columnStart + BLOCK_ROWS, count);
      scoreBlock(matrix, dimension, rowStart, rowEnd, columnStart, columnEnd, tops);
    }
    options.onProgress?.('similar', rowEnd, count);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return tops.map((top) => top.sorted());
}

/** Embeds `query` and returns the `k` items whose vectors are closest to it, best first. */
export async function searchByText(
  encoder: TextEncoder,
  vectors: readonly Float32Array[],
  query: string,
  k: number,
): Promise<TextNeighbour[]> {
  const [queryVector] = await encoder.embed([query]);
  if (!queryVector) return [];

  const top = new TopK(Math.min(k, vectors.length));
  vectors.forEach((vector, index) => top.offer(index, dot(queryVector, vector)));
  return top.sorted();
}

function scoreBlock(
  matrix: Float32Array,
  dimension: number,
  rowStart: number,
  rowEnd: number,
  columnStart: number,
  columnEnd: number,
  tops: TopK[],
): void {
  // 4 x 4 tiles: each loaded value is used four times. Rows or columns left over at the end of
  // a block are scored one pair at a time.
  const tiledRowEnd = rowStart + Math.floor((rowEnd - rowStart) / 4) * 4;
  const tiledColumnEnd = columnStart + Math.floor((columnEnd - columnStart) / 4) * 4;
  for (let row = rowStart; row < tiledRowEnd; row += 4) {
    for (let column = columnStart; column < tiledColumnEnd; column += 4) {
      // Tiles wholly on or below the diagonal hold only pairs that were scored already.
      if (column + 3 <= row) continue;
      scoreTile(matrix, dimension, row, column, tops);
    }
    for (let column = tiledColumnEnd; column < columnEnd; column += 1) {
      for (let r = row; r < row + 4; r += 1) offerPair(tops, r, column, dotAt(matrix, dimension, r, column));
    }
  }
  for (let row = tiledRowEnd; row < rowEnd; row += 1) {
    for (let column = columnStart; column < columnEnd; column += 1) {
      offerPair(tops, row, column, dotAt(matrix, dimension, row, column));
    }
  }
}

function scoreTile(matrix: Float32Array, dimension: number, row: number, column: number, tops: TopK[]): void {
  const r0 = row * dimension;
  const r1 = r0 + dimension;
  const r2 = r1 + dimension;
  const r3 = r2 + dimension;
  const c0 = column * dimension;
  const c1 = c0 + dimension;
  const c2 = c1 + dimension;
  const c3 = c2 + dimension;

  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let d = 0; d < dimension; d += 1) {
    const a0 = matrix[r0 + d]!;
    const a1 = matrix[r1 + d]!;
    const a2 = matrix[r2 + d]!;
    const a3 = matrix[r3 + d]!;
    const b0 = matrix[c0 + d]!;
    const b1 = matrix[c1 + d]!;
    const b2 = matrix[c2 + d]!;
    const b3 = matrix[c3 + d]!;
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
    s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
    s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
  }

  offerPair(tops, row, column, s00);
  offerPair(tops, row, column + 1, s01);
  offerPair(tops, row, column + 2, s02);
  offerPair(tops, row, column + 3, s03);
  offerPair(tops, row + 1, column, s10);
  offerPair(tops, row + 1, column + 1, s11);
  offerPair(tops, row + 1, column + 2, s12);
  offerPair(tops, row + 1, column + 3, s13);
  offerPair(tops, row + 2, column, s20);
  offerPair(tops, row + 2, column + 1, s21);
  offerPair(tops, row + 2, column + 2, s22);
  offerPair(tops, row + 2, column + 3, s23);
  offerPair(tops, row + 3, column, s30);
  offerPair(tops, row + 3, column + 1, s31);
  offerPair(tops, row + 3, column + 2, s32);
  offerPair(tops, row + 3, column + 3, s33);
}

function dotAt(matrix: Float32Array, dimension: number, row: number, column: number): number {
  const rowOffset = row * dimension;
  const columnOffset = column * dimension;
  let sum = 0;
  for (let d = 0; d < dimension; d += 1) sum += matrix[rowOffset + d]! * matrix[columnOffset + d]!;
  return sum;
}

/** Offers the pair to both items; pairs with column <= row were or will be scored elsewhere. */
function offerPair(tops: TopK[], row: number, column: number, score: number): void {
  if (column <= row) return;
  const rowTop = tops[row]!;
  if (score > rowTop.threshold) rowTop.offer(column, score);
  const columnTop = tops[column]!;
  if (score > columnTop.threshold) columnTop.offer(row, score);
}

function checkVectors(vectors: readonly Float32Array[]): number {
  const dimension = vectors[0]?.length ?? 0;
  vectors.forEach((vector, index) => {
    if (vector.length !== dimension) {
      throw new RangeError(`vector ${index} has ${vector.length} dimensions, expected ${dimension}`);
    }
  });
  return dimension;
}

function packRows(vectors: readonly Float32Array[], dimension: number): Float32Array {
  const matrix = new Float32Array(vectors.length * dimension);
  vectors.forEach((vector, index) => matrix.set(vector, index * dimension));
  return matrix;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

/** Keeps the `capacity` highest scores seen, as a binary min-heap keyed by score. */
class TopK {
  private readonly indices: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  /** Lowest score kept once the heap is full; any score at or below it is not kept. */
  threshold = -Infinity;

  constructor(private readonly capacity: number) {
    this.indices = new Int32Array(Math.max(capacity, 0));
    this.scores = new Float64Array(Math.max(capacity, 0));
    if (capacity <= 0) this.threshold = Infinity;
  }

  offer(index: number, score: number): void {
    if (this.capacity <= 0) return;
    if (this.size < this.capacity) {
      this.indices[this.size] = index;
      this.scores[this.size] = score;
      this.size += 1;
      this.siftUp(this.size - 1);
      if (this.size === this.capacity) this.threshold = this.scores[0]!;
    } else if (score > this.scores[0]!) {
      this.indices[0] = index;
      this.scores[0] = score;
      this.siftDown(0);
      this.threshold = this.scores[0]!;
    }
  }

  sorted(): TextNeighbour[] {
    const result: TextNeighbour[] = [];
    for (let i = 0; i < this.size; i += 1) result.push({ index: this.indices[i]!, score: this.scores[i]! });
    return result.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  private siftUp(position: number): void {
    let child = position;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.scores[parent]! <= this.scores[child]!) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private siftDown(position: number): void {
    let parent = position;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.size && this.scores[left]! < this.scores[smallest]!) smallest = left;
      if (right < this.size && this.scores[right]! < this.scores[smallest]!) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.indices[a], this.indices[b]] = [this.indices[b]!, this.indices[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
