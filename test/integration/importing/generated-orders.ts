import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';

/** A small deterministic generator (mulberry32), so generated files are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * CSV text in the UCI Online Retail layout with `rows` distinct purchase lines: five lines per
 * invoice, random products, quantities, prices and customers, so it also compresses poorly.
 */
export function generatedOrdersCsv(rows: number, seed = 1): string {
  const next = random(seed);
  const lines = [HEADER];
  for (let row = 0; row < rows; row += 1) {
    const invoice = 540000 + Math.floor(row / 5);
    const sku = 20000 + Math.floor(next() * 3000);
    const quantity = 1 + Math.floor(next() * 48);
    const price = (0.5 + next() * 20).toFixed(2);
    const customer = 12000 + Math.floor(next() * 900);
    const minute = String(row % 60).padStart(2, '0');
    lines.push(`${invoice},${sku},PRODUCT ${sku} ${Math.floor(next() * 1e6)},${quantity},2011-05-02 10:${minute}:00,${price},${customer}.0,United Kingdom\n`);
  }
  return lines.join('');
}

/** Writes the generated CSV gzip-compressed and cut at `keep` of its length, like a broken download. */
export function writeTruncatedGzip(filePath: string, rows: number, keep: number): void {
  const packed = gzipSync(generatedOrdersCsv(rows));
  writeFileSync(filePath, packed.subarray(0, Math.floor(packed.length * keep)));
}
