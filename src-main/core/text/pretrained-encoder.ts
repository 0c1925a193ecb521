import path from 'node:path';

import { ShopRecError, throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import { checkModelFiles } from './model-files.ts';
import { loadTransformers } from './transformers-env.ts';
import type { TextEncoder } from './types.ts';

/** Texts per model call: large enough to amortise the call, small enough to cancel promptly. */
const BATCH_SIZE = 32;

/**
 * Loads the sentence model in `dir` through the transformers.js feature-extraction pipeline.
 * Vectors are the attention-masked mean of the last hidden states, L2-normalised, which is how
 * sentence-transformers models are meant to be pooled. Throws the errors of `checkModelFiles`,
 * or `model.loadFailed` when transformers.js cannot load or run the model.
 */
export async function loadPretrainedEncoder(dir: string): Promise<TextEncoder> {
  const files = checkModelFiles(path.resolve(dir));
  const { pipeline } = await loadTransformers();

  // transformers.js reads a string that is not a Hub id (one with a leading slash or a drive
  // letter) as a path. Forward slashes keep Windows paths in that form.
  const modelPath = files.dir.split(path.sep).join('/');
  let extractor;
  try {
    extractor = await pipeline('feature-extraction', modelPath, { dtype: files.onnx.dtype, device: 'cpu', local_files_only: true });
  } catch (error) {
    throw loadFailed(files.dir, error);
  }

  const run = async (texts: string[]): Promise<Float32Array[]> => {
    try {
      const output = await extractor(texts, { pooling: 'mean', normalize: true });
      const rows = splitRows(output.data as Float32Array, output.dims);
      output.dispose();
      return rows;
    } catch (error) {
      throw loadFailed(files.dir, error);
    }
  };

  const dimension = (await run(['dimension probe']))[0]?.length ?? 0;
  return {
    name: path.basename(files.dir),
    kind: 'pretrained',
    dimension,
    embed: (texts, options) => embedInBatches(run, texts, options),
  };
}

async function embedInBatches(
  run: (texts: string[]) => Promise<Float32Array[]>,
  texts: string[],
  options: LongWorkOptions = {},
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += BATCH_SIZE) {
    throwIfCancelled(options.signal);
    vectors.push(...(await run(texts.slice(start, start + BATCH_SIZE))));
    options.onProgress?.('embed', vectors.length, texts.length);
  }
  return vectors;
}

function splitRows(data: Float32Array, dims: readonly number[]): Float32Array[] {
  const [count = 0, width = 0] = dims;
  const rows: Float32Array[] = [];
  for (let row = 0; row < count; row += 1) rows.push(data.slice(row * width, (row + 1) * width));
  return rows;
}

function loadFailed(dir: string, error: unknown): ShopRecError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ShopRecError('model.loadFailed', { path: dir, reason }, { cause: error });
}
