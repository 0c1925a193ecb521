/**
 * Finds the job worker's entry file. Bundled by electron-vite, this module is part of
 * `out/main/index.js` and the worker was built next to it as `out/main/job-worker.js`. Run from
 * sources (tsx, vitest), it is the `.ts` file and the worker starts through tsx-worker.mjs.
 */
export interface WorkerEntry {
  /** The JavaScript file the Worker is created with. */
  script: URL;
  /** The TypeScript module tsx-worker.mjs imports, or null for a bundled worker. */
  typescriptModule: URL | null;
}

export function defaultWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  // File names in variables, not literals, so that Vite leaves these URLs alone instead of
  // emitting the files as assets.
  if (moduleUrl.endsWith('.ts')) {
    const bootstrap = './tsx-worker.mjs';
    const worker = './job-worker.ts';
    return { script: new URL(bootstrap, moduleUrl), typescriptModule: new URL(worker, moduleUrl) };
  }
  const bundled = './job-worker.js';
  return { script: new URL(bundled, moduleUrl), typescriptModule: null };
}
