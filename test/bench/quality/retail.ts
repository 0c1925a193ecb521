/**
 * The product's own protocol on the UCI Online Retail sample shop: each customer's last purchase
 * day held out, every candidate trained and evaluated by runTraining (HR@10, NDCG@10, recall@20,
 * catalogue coverage, history filtered except re-buy items). Imports the sample shop into a
 * fresh temporary workspace unless `workspace` names one that already holds it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { TrainingRunSummary } from '../../../src-main/api/contract.ts';
import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import type { SequentialTrainingParams } from '../../../src-main/core/sequential/config.ts';
import { Workspace } from '../../../src-main/core/workspace.ts';

export interface RetailOptions {
  workspace: string | null;
  months: number | null;
  sequential: Partial<SequentialTrainingParams> & { epochs: number };
  say: (line: string) => void;
}

export async function runRetail(options: RetailOptions): Promise<TrainingRunSummary> {
  const dir = options.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'shoprec-bench-retail-'));
  const workspace = Workspace.open(dir, { create: true });
  try {
    if (workspace.listImports().length === 0) {
      const files = sampleShopFiles();
      const chosen = files.slice(0, options.months ?? files.length);
      const started = performance.now();
      for (const file of chosen) await workspace.importFile(file);
      options.say(`imported ${chosen.length} monthly files in ${((performance.now() - started) / 1000).toFixed(0)} s into ${dir}`);
    }
    const started = performance.now();
    const run = await workspace.train({ sequential: options.sequential });
    options.say(`trained in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return run;
  } finally {
    workspace.close();
  }
}

export function printRetail(run: TrainingRunSummary, write: (text: string) => void): void {
  write(`\nUCI Online Retail, last purchase day per customer held out (${run.split?.testCustomers} customers, ${run.split?.catalogItems} items)\n`);
  write(`${'model'.padEnd(12)}${'HR@10'.padEnd(9)}${'NDCG@10'.padEnd(9)}${'R@20'.padEnd(9)}coverage\n`);
  for (const m of run.models) {
    write(`${m.model.padEnd(12)}${m.hr10.toFixed(4).padEnd(9)}${m.ndcg10.toFixed(4).padEnd(9)}${m.recall20.toFixed(4).padEnd(9)}${m.coverage.toFixed(3)}\n`);
  }
  write(`serving: ${run.servingModel}; backend: ${run.backend?.name ?? 'none'}; skipped: ${run.skipped.map((s) => s.model).join(', ') || 'none'}\n`);
}
