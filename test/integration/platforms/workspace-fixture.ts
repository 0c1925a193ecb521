import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Workspace } from '../../../src-main/core/workspace.ts';

export const PLATFORM_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/platforms');

export function platformFixture(name: string): string {
  return path.join(PLATFORM_FIXTURES, name);
}

/** A workspace in a fresh temporary folder; `dispose` closes and deletes it. */
export function temporaryWorkspace(): { workspace: Workspace; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-platforms-'));
  const workspace = Workspace.open(path.join(dir, 'workspace'), { create: true });
  return {
    workspace,
    dispose: () => {
      workspace.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One stored line as the tests compare it: [order, customer, item, quantity, unit price, ISO time, return]. */
export type StoredLine = [string, string | null, string, number, number | null, string, boolean];

export function storedLines(workspace: Workspace, importId: number): StoredLine[] {
  const rows = workspace.db
    .prepare(
      `SELECT o.order_ref AS orderRef, c.external_id AS customer, i.sku AS sku, e.quantity AS quantity,
         e.unit_price AS unitPrice, e.occurred_at AS occurredAt, e.kind AS kind
       FROM events e JOIN orders o ON o.id = e.order_id JOIN items i ON i.id = e.item_id
       LEFT JOIN customers c ON c.id = e.customer_id
       WHERE e.import_id = ? ORDER BY e.line_number, e.id`,
    )
    .all(importId) as Array<{
    orderRef: string;
    customer: string | null;
    sku: string;
    quantity: number;
    unitPrice: number | null;
    occurredAt: number;
    kind: string;
  }>;
  return rows.map((row) => [
    row.orderRef,
    row.customer,
    row.sku,
    row.quantity,
    row.unitPrice === null ? null : Math.round(row.unitPrice * 10000) / 10000,
    new Date(row.occurredAt * 1000).toISOString().replace('.000Z', 'Z'),
    row.kind === 'return',
  ]);
}

export function rejectedReasons(workspace: Workspace, importId: number): Array<[number, string]> {
  return workspace.rejectedRows(importId).map((row) => [row.lineNumber, row.reason]);
}
