/**
 * Worker entry used when the app runs from TypeScript sources (tsx, vitest). On Node 20,
 * `execArgv: ['--import', 'tsx']` does not make a worker's own entry loadable as .ts, so this
 * plain JavaScript entry registers tsx's loader first and then imports the TypeScript module.
 */
import { workerData } from 'node:worker_threads';

import { register } from 'tsx/esm/api';

register();
await import(workerData.typescriptModule);
