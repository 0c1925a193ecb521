/**
 * A fast 53-bit non-cryptographic hash of an order line's identifying fields. Two 32-bit lanes
 * are mixed with different multipliers and finalised with MurmurHash3's avalanche step, then
 * 21 bits of one lane and 32 bits of the other form a safe integer. By the birthday bound
 * (n² / 2^54) a workspace with 100 million distinct lines has about one colliding pair, and a
 * collision drops a distinct line as a duplicate. Fields are fed one by one, so no key string
 * is built.
 */

export interface FingerprintFields {
  orderRef: string;
  sku: string;
  quantity: number;
  unitPrice: number | null;
  orderedAt: number;
  customerRef: string | null;
  isReturn: boolean;
}

const FIELD_SEPARATOR = 0x1f;
const NULL_MARK = 0x1e;
const SEED_A = 0x9e3779b1;
const SEED_B = 0x85ebca6b;

/** Numbers are hashed by their IEEE 754 bits, which is faster than formatting them as text. */
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

/**
 * The two hash lanes live in one typed array so that the small helpers below can update them
 * without allocating; V8 inlines the helpers into `fingerprintLine`.
 */
const lanes = new Int32Array(2);

function addCode(code: number): void {
  const a = Math.imul(lanes[0]! ^ code, 0xcc9e2d51);
  const b = Math.imul(lanes[1]! ^ code, 0x1b873593);
  lanes[0] = (a << 15) | (a >>> 17);
  lanes[1] = (b << 13) | (b >>> 19);
}

function addString(text: string | null): void {
  if (text === null) {
    addCode(NULL_MARK);
  } else {
    let a = lanes[0]!;
    let b = lanes[1]!;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0xcc9e2d51);
      a = (a << 15) | (a >>> 17);
      b = Math.imul(b ^ code, 0x1b873593);
      b = (b << 13) | (b >>> 19);
    }
    lanes[0] = a;
    lanes[1] = b;
  }
  addCode(FIELD_SEPARATOR);
}

function addNumber(value: number | null): void {
  if (value === null) {
    addCode(NULL_MARK);
  } else {
    // -0 and 0 are the same price; `+ 0` turns -0 into 0 so their bits agree.
    numberBits[0] = value + 0;
    addCode(numberWords[0]!);
    addCode(numberWords[1]!);
  }
  addCode(FIELD_SEPARATOR);
}

function start(): void {
  lanes[0] = SEED_A;
  lanes[1] = SEED_B;
}

function digest(): number {
  let a = lanes[0]!;
  let b = lanes[1]!;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 16;
  // The 21 bits of b go above the 32 bits of a: 2^32 * b21 + a, at most 2^53 - 1.
  return 0x100000000 * (b & 0x1fffff) + (a >>> 0);
}

/** Hashes text into a 53-bit safe integer. */
export function hash53(text: string): number {
  start();
  addString(text);
  return digest();
}

/**
 * Lane state after hashing the format and order reference of the last line. The lines of one
 * order follow each other, so the next line mostly starts from here instead of from the seed.
 */
let prefixFormat = '';
let prefixOrderRef = '';
let prefixLaneA = 0;
let prefixLaneB = 0;

/** Hashes the fields that make two order lines the same line (equal for exact duplicates). */
export function fingerprintLine(format: string, line: FingerprintFields): number {
  if (line.orderRef === prefixOrderRef && format === prefixFormat) {
    lanes[0] = prefixLaneA;
    lanes[1] = prefixLaneB;
  } else {
    start();
    addString(format);
    addString(line.orderRef);
    prefixFormat = format;
    prefixOrderRef = line.orderRef;
    prefixLaneA = lanes[0]!;
    prefixLaneB = lanes[1]!;
  }
  addString(line.sku);
  addNumber(line.quantity);
  addNumber(line.unitPrice);
  addNumber(line.orderedAt);
  addString(line.customerRef);
  addCode(line.isReturn ? 1 : 0);
  return digest();
}
