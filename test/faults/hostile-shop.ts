/**
 * Builds a trained workspace from real order lines (the bundled UCI Online Retail sample) whose
 * SKUs, titles and customer IDs are replaced by hostile values, consistently, so the shop still
 * has the co-purchase structure that training learns from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { importOrderFile } from '../../src-main/core/importing/import-order-file.ts';
import { sampleShopFiles } from '../../src-main/core/importing/sample-shop.ts';
import type { Db } from '../../src-main/core/store/database.ts';
import { runTraining } from '../../src-main/core/training/run-training.ts';
import { addLines, type FixtureLine } from '../unit/training/shop-fixture.ts';
import { gbkOnly, hostileEmail, hostileValue, lookAlike } from './hostile-values.ts';
import type { Random } from './mutations.ts';

/** Order lines taken from the sample: enough for associations and neighbours, quick to train. */
export const ORDER_LINES = 3000;

/** Share of products and customers whose identifiers are replaced. */
const HOSTILE_SHARE = 0.6;

export interface UciLine {
  invoice: string;
  stockCode: string;
  description: string;
  quantity: string;
  date: string;
  price: string;
  customer: string;
  country: string;
}

export type ShopVariant = 'imported' | 'imported-gbk' | 'stored';

let cachedLines: UciLine[] | null = null;

/**
 * Purchase lines of the November 2011 sample file from customers who bought on two or more
 * days, whole customers in customer ID order, so that training has customers to evaluate on.
 */
export function uciLines(): UciLine[] {
  if (cachedLines) return cachedLines;
  const file = sampleShopFiles().find((name) => name.endsWith('2011-11.csv.gz'))!;
  const byCustomer = new Map<string, UciLine[]>();
  for (const row of gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1)) {
    const [invoice, stockCode, description, quantity, date, price, customer, country] = splitSimpleCsv(row);
    if (country === undefined || invoice!.startsWith('C') || customer === '') continue;
    const line = { invoice: invoice!, stockCode: stockCode!, description: description!, quantity: quantity!, date: date!, price: price!, customer: customer!, country };
    byCustomer.set(line.customer, [...(byCustomer.get(line.customer) ?? []), line]);
  }

  const lines: UciLine[] = [];
  for (const customer of [...byCustomer.keys()].sort()) {
    const own = byCustomer.get(customer)!;
    if (new Set(own.map((line) => line.date.slice(0, 10))).size < 2) continue;
    lines.push(...own);
    if (lines.length >= ORDER_LINES) break;
  }
  cachedLines = lines;
  return lines;
}

/** The sample quotes only descriptions that contain commas. */
function splitSimpleCsv(row: string): string[] {
  const cells: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const match of row.replace(/\r$/, '').matchAll(pattern)) {
    const cell = match[1]!;
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    if (match[2] === '') break;
  }
  return cells;
}

/** Consistent replacements: the same original always gets the same hostile value. */
function replacer(random: Random, generate: () => string): (original: string) => string {
  const chosen = new Map<string, string>();
  const used: string[] = [];
  return (original) => {
    let value = chosen.get(original);
    if (value !== undefined) return value;
    if (random() >= HOSTILE_SHARE) value = original;
    else if (used.length > 0 && random() < 0.1) value = lookAlike(used[Math.floor(random() * used.length)]!, random);
    else value = generate();
    chosen.set(original, value);
    used.push(value);
    return value;
  };
}

export function hostileLines(random: Random, variant: ShopVariant): UciLine[] {
  const storedOnly = variant === 'stored';
  const fit = (generate: () => string) => (variant === 'imported-gbk' ? () => gbkOnly(generate) : generate);
  const sku = replacer(random, fit(() => hostileValue(random, { storedOnly })));
  const title = replacer(random, fit(() => hostileValue(random, { storedOnly })));
  const customer = replacer(random, fit(() => (random() < 0.5 ? hostileEmail(random) : hostileValue(random, { storedOnly }))));
  return uciLines().map((line) => ({
    ...line,
    stockCode: sku(line.stockCode),
    description: title(line.stockCode),
    customer: customer(line.customer),
  }));
}

function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Writes `lines` as a UCI-layout CSV with every cell quoted, and imports it through the real importer. */
export async function importHostileLines(db: Db, lines: UciLine[], dir: string, name: string): Promise<void> {
  const header = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
  const body = lines.map((line) =>
    [line.invoice, line.stockCode, line.description, line.quantity, line.date, line.price, line.customer, line.country].map(quoted).join(','),
  );
  const file = path.join(dir, `${name}.csv`);
  writeFileSync(file, [header, ...body].join('\r\n') + '\r\n');
  await importOrderFile(db, file, { batchSize: 1000 });
}

/**
 * Stores `lines` directly, as an older workspace or another import path could: values keep
 * what the CSV importer trims or rejects (NUL, leading and trailing spaces, leading apostrophes).
 */
export function storeHostileLines(db: Db, lines: UciLine[]): void {
  const fixture: FixtureLine[] = lines.map((line) => ({
    customer: line.customer,
    order: line.invoice,
    sku: line.stockCode,
    title: line.description,
    quantity: Math.max(1, Number(line.quantity) || 1),
    at: `${line.date.replace(' ', 'T')}Z`,
  }));
  addLines(db, fixture);
  db.prepare(`UPDATE items SET unit_price = 1 + (id % 7)`).run();
}

/** Trains the classic models only: associations and item-kNN neighbours feed every export. */
export async function trainQuickly(db: Db): Promise<void> {
  await runTraining(db, { models: ['item-knn'] });
}
