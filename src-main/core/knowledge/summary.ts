import type { KnowledgeSummary } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { basketTotal, countRules } from './association-rules.ts';
import { latestChangeReport } from './change-report.ts';
import { servingPointer } from './model-registry.ts';
import { isPseudonymising } from './pseudonymise.ts';
import { servingChoice } from './serving-pointer.ts';

/** Summarises the stored knowledge: versions, the serving version, rules, profiles and the last change. */
export function knowledgeSummary(db: Db): KnowledgeSummary {
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  const hasMappings = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'column_mappings'`).get() !== undefined;

  return {
    versions: count(`SELECT COUNT(*) FROM model_versions v JOIN training_runs r ON r.id = v.run_id WHERE r.status = 'completed'`),
    serving: servingOrNull(db),
    pointer: servingPointer(db),
    baskets: basketTotal(db),
    associationRules: countRules(db),
    profiles: count('SELECT COUNT(*) FROM customer_profiles'),
    similarItems: count('SELECT COUNT(*) FROM similar_items'),
    confirmedMappings: hasMappings ? count('SELECT COUNT(*) FROM column_mappings') : 0,
    importsApplied: count('SELECT COUNT(*) FROM knowledge_imports'),
    pseudonymiseCustomers: isPseudonymising(db),
    latestChange: latestChangeReport(db),
  };
}

function servingOrNull(db: Db): KnowledgeSummary['serving'] {
  try {
    const { versionId, runId, model, source } = servingChoice(db);
    return { versionId, runId, model, source };
  } catch (error) {
    if (error instanceof ShopRecError && error.code === 'training.noRun') return null;
    throw error;
  }
}
