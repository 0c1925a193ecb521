import { createLogger } from '../log.ts';
import type { Db } from '../store/database.ts';

const log = createLogger('importing');

/**
 * A write transaction that stays open across `await`s. better-sqlite3's `db.transaction()`
 * cannot, because it commits as soon as its function returns. BEGIN IMMEDIATE takes the write
 * lock up front, so a second writer waits (busy_timeout) at the start instead of failing halfway.
 *
 * NOTE: the transaction belongs to the connection, so other code that uses the same connection
 * between batches reads the uncommitted rows and writes into this transaction. Callers run one
 * import per connection at a time and nothing else on it meanwhile.
 */
export class WriteTransaction {
  private readonly statements;

  private constructor(private readonly db: Db) {
    this.statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  static begin(db: Db): WriteTransaction {
    const transaction = new WriteTransaction(db);
    transaction.statements.begin.run();
    return transaction;
  }

  commit(): void {
    this.statements.commit.run();
  }

  /**
   * Undoes everything since BEGIN. SQLite rolls back by itself after some errors (SQLITE_FULL,
   * SQLITE_IOERR), so this only acts while a transaction is still open. It never throws, so the
   * caller gets the error that caused the rollback.
   */
  rollback(): void {
    if (!this.db.inTransaction) return;
    try {
      this.statements.rollback.run();
    } catch (error) {
      log.error('rollback failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
