import { createHmac, randomBytes } from 'node:crypto';

import type { ReaderTransform } from '../importing/import-order-file.ts';
import type { OrderExportReader, ParsedBatch } from '../ingest/types.ts';
import type { Db } from '../store/database.ts';

/**
 * Customer pseudonyms. Threat model: a workspace file or a knowledge pack that leaves the
 * merchant's machine must not reveal which customer bought what. Customer IDs are replaced on
 * import by `c_` and the first 10 hex digits of HMAC-SHA256 under a random key. The key lives
 * only in this workspace's settings (knowledge packs never copy settings), so the same source
 * ID always gets the same pseudonym here, and without the key a guessed ID cannot be checked against a pseudonym.
 * 40 bits keep collisions unlikely below about a million customers (birthday bound).
 */
export const PSEUDONYMISE_SETTING = 'pseudonymiseCustomers';
const KEY_SETTING = 'customerPseudonymKey';
const PREFIX = 'c_';
const HEX_DIGITS = 10;

export function isPseudonymising(db: Db): boolean {
  return readSetting(db, PSEUDONYMISE_SETTING) === 'true';
}

/** Returns the pseudonym function of this workspace, or null when pseudonymising is off. */
export function customerPseudonymiser(db: Db): ((customerRef: string) => string) | null {
  if (!isPseudonymising(db)) return null;
  const key = Buffer.from(readSetting(db, KEY_SETTING)!, 'hex');
  return (customerRef) => PREFIX + createHmac('sha256', key).update(customerRef, 'utf8').digest('hex').slice(0, HEX_DIGITS);
}

/** Returns the reader transform for imports while pseudonymising is on, else undefined. */
export function pseudonymisingTransform(db: Db): ReaderTransform | undefined {
  const pseudonym = customerPseudonymiser(db);
  if (!pseudonym) return undefined;
  return (reader) => pseudonymiseReader(reader, pseudonym);
}

/**
 * Turns pseudonymising on or off. Turning it on replaces the IDs of customers already stored
 * and empties the raw text of rejected rows (it can contain a customer ID; the line number and
 * reason stay). SQLite's secure_delete overwrites the old text in freed pages, and the WAL is
 * checkpointed and truncated so no old page survives there either.
 */
export function setPseudonymiseCustomers(db: Db, enabled: boolean): void {
  if (!enabled) {
    writeSetting(db, PSEUDONYMISE_SETTING, 'false');
    return;
  }
  if (isPseudonymising(db)) return;

  db.pragma('secure_delete = ON');
  db.transaction(() => {
    if (readSetting(db, KEY_SETTING) === undefined) writeSetting(db, KEY_SETTING, randomBytes(32).toString('hex'));
    writeSetting(db, PSEUDONYMISE_SETTING, 'true');
    const pseudonym = customerPseudonymiser(db)!;
    const customers = db.prepare('SELECT id, external_id AS externalId FROM customers').all() as { id: number; externalId: string }[];
    const update = db.prepare('UPDATE customers SET external_id = ? WHERE id = ?');
    for (const customer of customers) update.run(pseudonym(customer.externalId), customer.id);
    db.prepare(`UPDATE rejected_rows SET raw = ''`).run();
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
}

function pseudonymiseReader(reader: OrderExportReader, pseudonym: (customerRef: string) => string): OrderExportReader {
  return {
    layout: reader.layout,
    fileBytes: reader.fileBytes,
    async *batches(): AsyncIterable<ParsedBatch> {
      for await (const batch of reader.batches()) {
        for (const line of batch.lines) {
          if (line.customerRef !== null) line.customerRef = pseudonym(line.customerRef);
        }
        for (const row of batch.rejected) {
          row.raw = '';
          // An ID that Excel shortened may be the customer's, so its value goes too.
          if (row.reason === 'idDamagedByExcel') row.params = { ...row.params, value: '' };
        }
        yield batch;
      }
    },
  };
}

function readSetting(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

function writeSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);
}
