/**
 * Registers tfjs-core's gradient functions. The package's CommonJS build, which plain Node loads
 * for `import '@tensorflow/tfjs-core'`, has no gradients; they live only in its ES module tree,
 * which registers them into the same process-wide registry (tfjs-core keeps its engine and
 * registries on globalThis, so two copies of the code share them).
 */
import { register } from 'node:module';

let loaded: Promise<void> | undefined;

export function registerGradients(): Promise<void> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<void> {
  // Bundlers (Vite, electron-vite) resolve the tree themselves; the hooks are for plain Node and tsx.
  try {
    register('./tfjs-esm-hooks.mjs', import.meta.url);
  } catch {
    // module.register is missing where the code runs bundled; the import below works there as is.
  }
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}
