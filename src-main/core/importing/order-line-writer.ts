import type { ImportCounts, SourceFormat } from '../../api/contract.ts';
import type { OrderLine, ParsedBatch, RejectedRow } from '../ingest/types.ts';
import type { Db } from '../store/database.ts';
import { EventInserter } from './event-inserter.ts';
import { FingerprintSet } from './fingerprint-set.ts';

/** Counts of one import plus the time range of its stored lines (Unix seconds). */
export interface WrittenCounts extends ImportCounts {
  firstOrderAt: number | null;
  lastOrderAt: number | null;
}

interface CustomerEntry {
  id: number;
  storedHere: boolean;
}

interface ItemEntry {
  id: number;
  title: string;
  /** Whether the title came from a sale; titles of returns and zero-price stock adjustments ("Damaged") give way to it. */
  titleFromSale: boolean;
  /** Catalogue price from the latest purchase line in this file, written by `finish`. */
  price: number | null;
  priceAt: number;
  currency: string | null;
  priceChanged: boolean;
  storedHere: boolean;
}

interface OrderEntry {
  id: number;
  isCancellation: boolean;
  storedHere: boolean;
}

/** How many rejected rows `firstRejected` keeps, so a failed import can report why. */
const KEPT_REJECTED = 5;

/**
 * Stores the batches of one import. It runs inside the transaction its caller opened and never
 * commits. Each customer, item and order costs one upsert per import (the id is cached after
 * that), and event fingerprints make exact duplicates, in this file or from an overlapping
 * earlier file, a no-op that is counted in `duplicates`.
 *
 * Duplicates are found in a set of every stored fingerprint, loaded when the writer is created.
 * The set costs one scan of the events table per import, about 0.25 s per 530,000 stored
 * events on our 2-core machine, and about 16 MB per million events (see FingerprintSet). A unique index did this job before, but rebuilding it took almost half
 * of a bulk load's index time, and only the importer ever looked fingerprints up.
 */
export class OrderLineWriter {
  readonly firstRejected: RejectedRow[] = [];

  private readonly customers = new Map<string, CustomerEntry>();
  private readonly items = new Map<string, ItemEntry>();
  private readonly orders = new Map<string, OrderEntry>();
  /** Exports usually list the lines of an order together, so most lines skip the map lookup. */
  private lastOrderRef: string | null = null;
  private lastOrder: OrderEntry | null = null;
  private readonly counts: WrittenCounts = {
    rows: 0,
    lineItems: 0,
    returns: 0,
    rejected: 0,
    duplicates: 0,
    anonymousLines: 0,
    orders: 0,
    customers: 0,
    items: 0,
    firstOrderAt: null,
    lastOrderAt: null,
  };
  private readonly statements;
  private readonly events: EventInserter;
  /** Fingerprints of the stored events, those of earlier imports included. */
  private readonly seenFingerprints: FingerprintSet;
  private readonly storedFingerprints: number;

  constructor(
    db: Db,
    private readonly importId: number,
    private readonly source: SourceFormat,
  ) {
    this.statements = prepareStatements(db);
    this.events = new EventInserter(db);
    this.seenFingerprints = loadStoredFingerprints(db);
    this.storedFingerprints = this.seenFingerprints.size;
  }

  /** Stores one parsed batch; synchronous, so a batch is never interleaved with other work. */
  writeBatch(batch: ParsedBatch): void {
    this.counts.rows += batch.rowsRead;
    for (const line of batch.lines) this.writeLine(line);
    this.events.flush();
    for (const row of batch.rejected) this.writeRejected(row);
  }

  /**
   * Grows the fingerprint set now to fit the stored events plus `expectedLines`, the current
   * estimate of this file's lines, so that it grows while small instead of late in the file.
   */
  reserveFingerprints(expectedLines: number): void {
    this.seenFingerprints.reserve(this.storedFingerprints + expectedLines);
  }

  /**
   * Writes the catalogue prices collected over the file, frees the fingerprint set and returns
   * the final counts. Call it after the last batch.
   */
  finish(): WrittenCounts {
    for (const item of this.items.values()) {
      if (item.priceChanged) this.statements.updateItemPrice.run(item.price, item.currency, item.id);
    }
    this.seenFingerprints.clear();
    let returnOnlyOrders = 0;
    for (const order of this.orders.values()) if (order.storedHere && order.isCancellation) returnOnlyOrders++;
    return { ...this.counts, returnOnlyOrders };
  }

  private writeLine(line: OrderLine): void {
    if (!this.seenFingerprints.add(line.fingerprint)) {
      this.counts.duplicates += 1;
      return;
    }

    const customer = line.customerRef === null ? null : this.customer(line);
    const item = this.item(line);
    const order = this.order(line, customer);

    this.events.add(
      this.importId,
      line.isReturn ? 'return' : 'purchase',
      order.id,
      customer?.id ?? null,
      item.id,
      line.quantity,
      line.unitPrice,
      line.orderedAt,
      line.lineNumber,
      line.fingerprint,
    );
    this.countStored(line, customer, item, order);
    if (!line.isReturn) this.notePurchase(line, item, order);
  }

  private countStored(line: OrderLine, customer: CustomerEntry | null, item: ItemEntry, order: OrderEntry): void {
    const counts = this.counts;
    if (line.isReturn) counts.returns += 1;
    else counts.lineItems += 1;

    if (customer === null) counts.anonymousLines += 1;
    else if (!customer.storedHere) {
      customer.storedHere = true;
      counts.customers += 1;
    }
    if (!item.storedHere) {
      item.storedHere = true;
      counts.items += 1;
    }
    if (!order.storedHere) {
      order.storedHere = true;
      counts.orders += 1;
    }

    if (counts.firstOrderAt === null || line.orderedAt < counts.firstOrderAt) counts.firstOrderAt = line.orderedAt;
    if (counts.lastOrderAt === null || line.orderedAt > counts.lastOrderAt) counts.lastOrderAt = line.orderedAt;
  }

  /**
   * Records a stored purchase line. An order is a cancellation only while it has no purchase
   * line. The catalogue price follows the latest purchase in this file, but zero prices (free
   * samples, gifts) are not catalogue prices.
   */
  private notePurchase(line: OrderLine, item: ItemEntry, order: OrderEntry): void {
    if (order.isCancellation) {
      this.statements.markOrderPurchased.run(order.id);
      order.isCancellation = false;
    }

    const price = line.unitPrice;
    if (price !== null && price > 0 && line.orderedAt >= item.priceAt) {
      item.priceChanged ||= price !== item.price || line.currency !== item.currency;
      item.price = price;
      item.currency = line.currency;
      item.priceAt = line.orderedAt;
    }
  }

  private customer(line: OrderLine): CustomerEntry {
    const ref = line.customerRef as string;
    const cached = this.customers.get(ref);
    if (cached) return cached;

    const row = this.statements.upsertCustomer.get(ref, line.country, this.importId) as { id: number };
    const entry: CustomerEntry = { id: row.id, storedHere: false };
    this.customers.set(ref, entry);
    return entry;
  }

  private item(line: OrderLine): ItemEntry {
    const fromSale = isPricedSale(line);
    const cached = this.items.get(line.sku);
    if (cached) {
      const better = (cached.title === '' || (fromSale && !cached.titleFromSale)) && line.title !== '';
      if (better) {
        this.statements.replaceItemTitle.run(line.title, fromSale ? 1 : 0, cached.id);
        cached.title = line.title;
        cached.titleFromSale = fromSale;
      }
      return cached;
    }

    const row = this.statements.upsertItem.get(line.sku, line.title, fromSale ? 1 : 0, line.currency, this.importId) as {
      id: number;
      title: string;
      title_from_sale: number;
      unit_price: number | null;
      currency: string | null;
    };
    const entry: ItemEntry = {
      id: row.id,
      title: row.title,
      titleFromSale: row.title_from_sale === 1,
      price: row.unit_price,
      priceAt: Number.NEGATIVE_INFINITY,
      currency: row.currency,
      priceChanged: false,
      storedHere: false,
    };
    this.items.set(line.sku, entry);
    return entry;
  }

  private order(line: OrderLine, customer: CustomerEntry | null): OrderEntry {
    if (line.orderRef === this.lastOrderRef && this.lastOrder) return this.lastOrder;
    const entry = this.orders.get(line.orderRef) ?? this.createOrder(line, customer);
    this.lastOrderRef = line.orderRef;
    this.lastOrder = entry;
    return entry;
  }

  private createOrder(line: OrderLine, customer: CustomerEntry | null): OrderEntry {
    const row = this.statements.upsertOrder.get(
      this.source,
      line.orderRef,
      customer?.id ?? null,
      line.orderedAt,
      line.isReturn ? 1 : 0,
      this.importId,
    ) as { id: number; is_cancellation: number };
    const entry: OrderEntry = { id: row.id, isCancellation: row.is_cancellation === 1, storedHere: false };
    this.orders.set(line.orderRef, entry);
    return entry;
  }

  private writeRejected(row: RejectedRow): void {
    this.statements.insertRejected.run(
      this.importId,
      row.lineNumber,
      `rejected.${row.reason}`,
      JSON.stringify(row.params),
      row.raw,
    );
    this.counts.rejected += 1;
    if (this.firstRejected.length < KEPT_REJECTED) this.firstRejected.push(row);
  }
}

/**
 * Upserts end in RETURNING so that one statement both creates a row and finds an existing one.
 * `DO UPDATE` (not `DO NOTHING`) is needed for RETURNING to produce the existing row.
 */
function prepareStatements(db: Db) {
  return {
    upsertCustomer: db.prepare(
      `INSERT INTO customers (external_id, country, first_import_id) VALUES (?, ?, ?)
       ON CONFLICT (external_id) DO UPDATE SET country = COALESCE(customers.country, excluded.country)
       RETURNING id`,
    ),
    upsertItem: db.prepare(
      `INSERT INTO items (sku, title, title_from_sale, unit_price, currency, first_import_id) VALUES (?, ?, ?, NULL, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET
         title = CASE WHEN ${TAKES_NEW_TITLE} THEN excluded.title ELSE items.title END,
         title_from_sale = CASE WHEN ${TAKES_NEW_TITLE} THEN excluded.title_from_sale ELSE items.title_from_sale END
       RETURNING id, title, title_from_sale, unit_price, currency`,
    ),
    replaceItemTitle: db.prepare('UPDATE items SET title = ?, title_from_sale = ? WHERE id = ?'),
    updateItemPrice: db.prepare('UPDATE items SET unit_price = ?, currency = ? WHERE id = ?'),
    upsertOrder: db.prepare(
      `INSERT INTO orders (source, order_ref, customer_id, ordered_at, is_cancellation, import_id)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, order_ref) DO UPDATE SET customer_id = COALESCE(orders.customer_id, excluded.customer_id)
       RETURNING id, is_cancellation`,
    ),
    markOrderPurchased: db.prepare('UPDATE orders SET is_cancellation = 0 WHERE id = ?'),
    insertRejected: db.prepare(
      'INSERT INTO rejected_rows (import_id, line_number, reason, params_json, raw) VALUES (?, ?, ?, ?, ?)',
    ),
  };
}

/** Reads every stored fingerprint into a set sized for them; MAX(id) bounds the count without a scan. */
function loadStoredFingerprints(db: Db): FingerprintSet {
  const maxId = (db.prepare('SELECT MAX(id) FROM events').pluck().get() as number | null) ?? 0;
  const set = new FingerprintSet(maxId);
  const stored = db.prepare('SELECT fingerprint FROM events').pluck().iterate() as IterableIterator<number>;
  for (const fingerprint of stored) set.add(fingerprint);
  return set;
}

/** An incoming title replaces a stored one that is empty, or that came from a line other than a sale. */
const TAKES_NEW_TITLE = `excluded.title <> '' AND (items.title = '' OR (items.title_from_sale = 0 AND excluded.title_from_sale = 1))`;

/**
 * A priced sale names the product as the shop sells it. Stock write-offs in the UCI data are
 * zero-price or negative lines titled "Damaged" or "wet damaged", which must not name the product.
 */
function isPricedSale(line: OrderLine): boolean {
  return !line.isReturn && line.unitPrice !== null && line.unitPrice > 0;
}
