/**
 * Builds the three parts of the desktop app into out/:
 *   main      out/main/index.js (Electron main), out/main/job-worker.js (the job worker thread) and
 *             out/main/parse-worker.js (the thread that parses a large import beside the job worker)
 *   preload   out/preload/index.cjs, CommonJS because sandboxed preload scripts cannot be ES modules
 *   renderer  out/renderer, also served by the browser-mode server
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * electron-vite 5 reads the Electron version from node_modules/electron/package.json to pick
 * the Node and Chrome targets and the output format, and throws when the package is missing.
 * Electron is an optional dependency whose binary download can fail, so the renderer and main
 * bundles must still build then: fall back to the major version that package.json requires.
 */
function pinElectronVersionWhenAbsent(): void {
  if (process.env.ELECTRON_MAJOR_VER) return;
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
  } catch {
    process.env.ELECTRON_MAJOR_VER = '38';
  }
}

pinElectronVersionWhenAbsent();

/**
 * Allows inline styles while the Vite dev server runs, because it injects component styles as
 * <style> elements that the page's CSP forbids. Built pages keep the strict policy.
 */
function allowInlineStylesInDev(): Plugin {
  return {
    name: 'shoprec-dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/electron/main.ts'),
          'job-worker': resolve(import.meta.dirname, 'src-main/jobs/job-worker.ts'),
          'parse-worker': resolve(import.meta.dirname, 'src-main/core/ingest/parse-worker.ts'),
        },
        external: ['electron', 'better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    base: './',
    plugins: [vue(), allowInlineStylesInDev()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
