import { initialSchema } from './001-initial.ts';
import type { Migration } from './types.ts';

/** Every schema step in order. Append new steps; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
