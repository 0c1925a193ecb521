/**
 * Writes a synthetic order export in the UCI Online Retail layout, of any number of rows, to a
 * file in bounded memory, and counts what an import of it must report. Used by the limits
 * benchmark and the large-file fault test.
 *
 * The shape follows the real export: invoices of about 100 lines spread over one year, a fixed
 * price and title per stock code, customers with a country, some invoices without a customer,
 * cancelled invoices ("C" prefix, negative quantities) and lines repeated verbatim. At 5,000,000
 * rows there are 50,000 invoices, 5,000 customers and 4,000 stock codes; smaller files scale
 * these down. The output depends on the row count and the seed only.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

import type { ImportCounts } from '../../src-main/api/contract.ts';

export const UCI_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** What an import of the generated file must count; `orders`, `customers`, `items` are distinct values. */
export type GeneratedCounts = Pick<
  ImportCounts,
  'rows' | 'lineItems' | 'returns' | 'rejected' | 'duplicates' | 'anonymousLines' | 'orders' | 'customers' | 'items'
>;

const LINES_PER_INVOICE = 100;
const CANCELLED_SHARE = 0.02;
const ANONYMOUS_SHARE = 0.03;
const DUPLICATE_SHARE = 0.01;
const YEAR_START = Date.UTC(2010, 11, 1, 8, 0);
const YEAR_MINUTES = 365 * 24 * 60;
const CHUNK_CHARS = 1 << 20;

const ADJECTIVES = ['WHITE', 'RED', 'VINTAGE', 'SMALL', 'LARGE', 'PINK', 'BLUE', 'RETRO', 'GLASS', 'WOODEN', 'PAPER', 'JUMBO'];
const THEMES = ['HEART', 'STAR', 'SPOTTY', 'FLORAL', 'CHRISTMAS', 'REGENCY', 'UNION FLAG', 'PAISLEY', 'BIRD', 'ROSE'];
const NOUNS = ['T-LIGHT HOLDER', 'LANTERN', 'MUG', 'BAG', 'CAKE STAND', 'NAPKINS', 'BUNTING', 'CLOCK', 'TIN', 'CANDLE', 'FRAME'];
const COUNTRIES = ['United Kingdom', 'United Kingdom', 'United Kingdom', 'United Kingdom', 'Germany', 'France', 'EIRE', 'Spain', 'Netherlands', 'Belgium'];

interface Catalogue {
  invoices: number;
  customers: number;
  items: number;
}

/** Invoices, customers and stock codes for a file of `rows` rows. */
export function catalogueFor(rows: number): Catalogue {
  return {
    invoices: Math.max(1, Math.ceil(rows / LINES_PER_INVOICE)),
    customers: Math.min(5_000, Math.max(50, Math.round(rows / 1_000))),
    items: Math.min(4_000, Math.max(250, Math.round(rows / 1_250))),
  };
}

/** Mulberry32: a small seeded generator, so every run writes the same bytes. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stockCode(item: number): string {
  return item % 7 === 0 ? `${20000 + item}B` : String(20000 + item);
}

function title(item: number): string {
  const adjective = ADJECTIVES[item % ADJECTIVES.length]!;
  const theme = THEMES[Math.floor(item / ADJECTIVES.length) % THEMES.length]!;
  const noun = NOUNS[Math.floor(item / (ADJECTIVES.length * THEMES.length)) % NOUNS.length]!;
  return `${adjective} ${theme} ${noun} ${item}`;
}

/** Price in pence, fixed per stock code, between 0.29 and 19.99. */
function pricePence(item: number): number {
  return 29 + ((item * 7_919) % 1_971);
}

function isoMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')}:00`;
}

/**
 * Writes `rows` data rows plus the header to `file` and returns the counts an import must
 * report. Lines of one invoice use distinct stock codes, so the only exact duplicates are the
 * lines repeated on purpose.
 */
export async function writeUciExport(file: string, rows: number, seed = 20101201): Promise<GeneratedCounts> {
  const random = seededRandom(seed);
  const catalogue = catalogueFor(rows);
  const minutesPerInvoice = YEAR_MINUTES / catalogue.invoices;
  const seenCustomers = new Uint8Array(catalogue.customers);
  const seenItems = new Uint8Array(catalogue.items);
  const counts: GeneratedCounts = { rows: 0, lineItems: 0, returns: 0, rejected: 0, duplicates: 0, anonymousLines: 0, orders: 0, customers: 0, items: 0 };

  const out = createWriteStream(file);
  let chunk = `${UCI_HEADER}\n`;
  const flush = async (): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };

  for (let invoice = 0; counts.rows < rows; invoice += 1) {
    const cancelled = random() < CANCELLED_SHARE;
    const anonymous = random() < ANONYMOUS_SHARE;
    const customer = Math.floor(random() * catalogue.customers);
    const lines = Math.min(rows - counts.rows, catalogue.items, 1 + Math.floor(random() * (2 * LINES_PER_INVOICE - 1)));
    const at = YEAR_START + Math.floor((invoice + random()) * minutesPerInvoice) * 60_000;
    const ref = `${cancelled ? 'C' : ''}${536_365 + invoice}`;
    const tail = `,${isoMinute(at)},`;
    const who = anonymous ? ',,United Kingdom' : `,${12_346 + customer}.0,${COUNTRIES[customer % COUNTRIES.length]!}`;
    const firstItem = Math.floor(random() * catalogue.items);

    counts.orders += 1;
    if (!anonymous && seenCustomers[customer] === 0) {
      seenCustomers[customer] = 1;
      counts.customers += 1;
    }
    for (let k = 0; k < lines && counts.rows < rows; k += 1) {
      const item = (firstItem + k) % catalogue.items;
      const quantity = (1 + Math.floor(random() * 24)) * (cancelled ? -1 : 1);
      const line = `${ref},${stockCode(item)},${title(item)},${quantity}${tail}${(pricePence(item) / 100).toFixed(2)}${who}\n`;
      const repeat = !cancelled && counts.rows + 1 < rows && random() < DUPLICATE_SHARE;
      chunk += repeat ? line + line : line;
      counts.rows += repeat ? 2 : 1;
      counts.duplicates += repeat ? 1 : 0;
      if (cancelled) counts.returns += 1;
      else counts.lineItems += 1;
      if (anonymous) counts.anonymousLines += 1;
      if (seenItems[item] === 0) {
        seenItems[item] = 1;
        counts.items += 1;
      }
    }
    if (chunk.length >= CHUNK_CHARS) await flush();
  }

  await flush();
  out.end();
  await once(out, 'finish');
  return counts;
}
