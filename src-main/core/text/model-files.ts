import fs from 'node:fs';
import path from 'node:path';

import { ShopRecError } from '../errors.ts';

/**
 * The files transformers.js reads for a feature-extraction model, in the layout of the ONNX
 * exports on the Hugging Face Hub (for example the Xenova/* repositories).
 */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/**
 * ONNX weight files transformers.js can pick, with the dtype that selects each. The quantised
 * file comes first because it is about a quarter of the size and faster on a CPU.
 */
const ONNX_CHOICES = [
  { file: 'onnx/model_quantized.onnx', dtype: 'q8' },
  { file: 'onnx/model.onnx', dtype: 'fp32' },
] as const;

export type OnnxChoice = (typeof ONNX_CHOICES)[number];

export interface ModelFiles {
  dir: string;
  onnx: OnnxChoice;
}

/** Returns the ONNX file transformers.js will load from `dir`, or undefined when none exists. */
export function findOnnxFile(dir: string): OnnxChoice | undefined {
  return ONNX_CHOICES.find((choice) => isFile(path.join(dir, choice.file)));
}

/** Lists the required files that `dir` lacks, with one entry for the ONNX weights. */
export function missingModelFiles(dir: string): string[] {
  const missing: string[] = REQUIRED_MODEL_FILES.filter((file) => !isFile(path.join(dir, file)));
  if (!findOnnxFile(dir)) missing.push(ONNX_CHOICES.map((choice) => choice.file).join(' or '));
  return missing;
}

/**
 * Checks that `dir` is a model folder: it exists, has every required file, and its JSON files
 * parse. Throws `model.folderNotFound`, `model.invalidFolder` or `model.invalidFile`. Whether
 * the ONNX file opens is checked by loading the model (see pretrained-encoder.ts).
 */
export function checkModelFiles(dir: string): ModelFiles {
  if (!isDirectory(dir)) throw new ShopRecError('model.folderNotFound', { path: dir });

  const missing = missingModelFiles(dir);
  const onnx = findOnnxFile(dir);
  if (missing.length > 0 || !onnx) throw new ShopRecError('model.invalidFolder', { path: dir, missing: missing.join(', ') });

  const config = readJsonObject(path.join(dir, 'config.json'));
  if (typeof config.model_type !== 'string') {
    throw new ShopRecError('model.invalidFile', { file: path.join(dir, 'config.json'), reason: 'no model_type' });
  }
  const tokenizer = readJsonObject(path.join(dir, 'tokenizer.json'));
  if (typeof tokenizer.model !== 'object' || tokenizer.model === null) {
    throw new ShopRecError('model.invalidFile', { file: path.join(dir, 'tokenizer.json'), reason: 'no tokenizer model' });
  }
  readJsonObject(path.join(dir, 'tokenizer_config.json'));

  return { dir, onnx };
}

function readJsonObject(file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ShopRecError('model.invalidFile', { file, reason: error instanceof Error ? error.message : String(error) });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShopRecError('model.invalidFile', { file, reason: 'not a JSON object' });
  }
  return value as Record<string, unknown>;
}

export function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

export function isDirectory(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
