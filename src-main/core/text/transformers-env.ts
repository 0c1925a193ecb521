import os from 'node:os';
import path from 'node:path';

/**
 * The one place that configures @huggingface/transformers. Models load only from folders on
 * disk: remote downloads are off, so a missing file fails at once instead of reaching for the
 * Hugging Face Hub, and nothing is written into node_modules (read-only inside a packaged app).
 * The library is imported lazily because it loads onnxruntime-node, which the built-in encoder
 * never needs.
 */
type Transformers = typeof import('@huggingface/transformers');

let loaded: Promise<Transformers> | undefined;

export function loadTransformers(): Promise<Transformers> {
  loaded ??= import('@huggingface/transformers').then((transformers) => {
    configure(transformers);
    return transformers;
  });
  return loaded;
}

function configure({ env, LogLevel }: Transformers): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // Model folders are passed as absolute paths, which transformers.js reads as they are. This
  // root only matters for a bare name, so it points at an empty place rather than node_modules.
  env.localModelPath = path.join(os.tmpdir(), 'shoprec-no-models');
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.cacheDir = path.join(os.tmpdir(), 'shoprec-transformers-cache');
  env.logLevel = LogLevel.ERROR;
}
