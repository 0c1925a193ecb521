import type { Db } from '../store/database.ts';

/** Events per multi-row INSERT; 100 rows bind 1,000 parameters, far below SQLite's limit of 32,766. */
const ROWS_PER_STATEMENT = 100;
const COLUMNS = 10;

const INSERT_EVENTS = `INSERT INTO events (import_id, kind, order_id, customer_id, item_id, quantity, unit_price, occurred_at,
    line_number, fingerprint) VALUES `;
const ROW_PLACEHOLDERS = `(${new Array(COLUMNS).fill('?').join(', ')})`;

/**
 * Inserts events ROWS_PER_STATEMENT at a time through one prepared multi-row INSERT. Each
 * statement call into better-sqlite3 has a fixed cost, so binding 100 rows per call cut the
 * insert time of 530,000 events by about 40% in our measurement. The rows must be known to be
 * new: no row of a multi-row INSERT can be skipped on its own.
 */
export class EventInserter {
  private readonly insertFull;
  private readonly insertSingle;
  private readonly pending: unknown[] = new Array<unknown>(ROWS_PER_STATEMENT * COLUMNS);
  private pendingRows = 0;

  constructor(db: Db) {
    this.insertFull = db.prepare(INSERT_EVENTS + new Array(ROWS_PER_STATEMENT).fill(ROW_PLACEHOLDERS).join(', '));
    this.insertSingle = db.prepare(INSERT_EVENTS + ROW_PLACEHOLDERS);
  }

  add(
    importId: number,
    kind: 'purchase' | 'return',
    orderId: number,
    customerId: number | null,
    itemId: number,
    quantity: number,
    unitPrice: number | null,
    occurredAt: number,
    lineNumber: number,
    fingerprint: number,
  ): void {
    const pending = this.pending;
    let cell = this.pendingRows * COLUMNS;
    pending[cell++] = importId;
    pending[cell++] = kind;
    pending[cell++] = orderId;
    pending[cell++] = customerId;
    pending[cell++] = itemId;
    pending[cell++] = quantity;
    pending[cell++] = unitPrice;
    pending[cell++] = occurredAt;
    pending[cell++] = lineNumber;
    pending[cell] = fingerprint;

    this.pendingRows += 1;
    if (this.pendingRows === ROWS_PER_STATEMENT) {
      // better-sqlite3 reads an array argument element by element through V8's generic property
      // lookup, and separate arguments directly: 533,000 rows into an in-memory table took 240
      // to 250 ms this way against 330 to 345 ms with the array.
      this.insertFull.run(...pending);
      this.pendingRows = 0;
    }
  }

  /** Inserts the rows still pending, one statement call each. */
  flush(): void {
    for (let row = 0; row < this.pendingRows; row++) {
      const start = row * COLUMNS;
      this.insertSingle.run(this.pending.slice(start, start + COLUMNS));
    }
    this.pendingRows = 0;
  }
}
