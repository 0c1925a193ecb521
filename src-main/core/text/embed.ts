import { ShopRecError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { createBuiltinEncoder } from './builtin-encoder.ts';
import { defaultModelFolders, listInstalledModels, type ModelFolders } from './model-folder.ts';
import { loadPretrainedEncoder } from './pretrained-encoder.ts';
import type { TextEncoder } from './types.ts';

export type { TextEncoder, TextEncoderKind } from './types.ts';

const log = createLogger('text.embed');

export interface TextEncoderOptions {
  /** Load this model folder; its errors are thrown rather than replaced by the fallback. */
  modelDir?: string;
  /** Titles the built-in encoder learns its weights from, normally all of the shop's titles. */
  fallbackCorpus?: string[];
  /** Model folders searched when `modelDir` is not given. */
  folders?: ModelFolders;
}

/**
 * Returns the best text encoder available: the model in `modelDir` when given, else the first
 * installed model that loads (the merchant's own before the bundled ones), else the built-in
 * encoder learned from `fallbackCorpus`.
 */
export async function createTextEncoder(options: TextEncoderOptions = {}): Promise<TextEncoder> {
  if (options.modelDir !== undefined) return loadPretrainedEncoder(options.modelDir);

  for (const model of listInstalledModels(options.folders ?? defaultModelFolders())) {
    try {
      return await loadPretrainedEncoder(model.dir);
    } catch (error) {
      if (!(error instanceof ShopRecError)) throw error;
      log.warn('installed model could not be loaded, trying the next one', { dir: model.dir, code: error.code, params: error.params });
    }
  }
  return createBuiltinEncoder(options.fallbackCorpus ?? []);
}
