import { initialSchema } from './001-initial.ts';
import { mappingsAndTraffic } from './002-mappings-traffic.ts';
import { exportOutcomes } from './003-export-outcomes.ts';
import { knowledgeSchema } from './004-knowledge.ts';
import { sequentialSchema } from './005-sequential.ts';
import { dropFingerprintIndex } from './006-drop-fingerprint-index.ts';
import { checkpointSettings } from './007-checkpoint-settings.ts';
import { runOwner } from './008-run-owner.ts';
import type { Migration } from './types.ts';

/** Every schema step in order. Append new steps; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  mappingsAndTraffic,
  exportOutcomes,
  knowledgeSchema,
  sequentialSchema,
  dropFingerprintIndex,
  checkpointSettings,
  runOwner,
];

/** The highest version, not the count: steps written in parallel may land out of number order. */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));
