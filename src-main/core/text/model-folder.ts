import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ShopRecError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { checkModelFiles, findOnnxFile, isDirectory, missingModelFiles } from './model-files.ts';
import { loadPretrainedEncoder } from './pretrained-encoder.ts';

const log = createLogger('text.models');

/** The two places sentence models live: shipped with the app, and added by the merchant. */
export interface ModelFolders {
  bundled: string;
  user: string;
}

/** One installed sentence model, as plain data. */
export interface InstalledModel {
  name: string;
  dir: string;
  source: 'bundled' | 'user';
  /** Path of the ONNX weights inside `dir`, e.g. onnx/model_quantized.onnx. */
  onnxFile: string;
  sizeBytes: number;
}

/**
 * Returns the model folders. SHOPREC_BUNDLED_MODELS_DIR and SHOPREC_USER_MODELS_DIR override
 * the defaults: resources/models in the source tree, and a models folder in the same per-user
 * place Electron uses for app data.
 */
export function defaultModelFolders(): ModelFolders {
  return {
    bundled: process.env.SHOPREC_BUNDLED_MODELS_DIR || fileURLToPath(new URL('../../../resources/models', import.meta.url)),
    user: process.env.SHOPREC_USER_MODELS_DIR || path.join(userDataDir(), 'models'),
  };
}

// NOTE: the bundled default is only right when this file runs from the source tree (tsx, vitest,
// CLI). A packaged Electron app must set SHOPREC_BUNDLED_MODELS_DIR to <resourcesPath>/models.
function userDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'ShopRec');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'ShopRec');
  return path.join(process.env.XDG_CONFIG_HOME || path.join(home, '.config'), 'ShopRec');
}

/**
 * Lists the complete model folders, the merchant's own first, then the bundled ones, each
 * group sorted by name. Incomplete folders are skipped with a warning in the log.
 */
export function listInstalledModels(folders: ModelFolders = defaultModelFolders()): InstalledModel[] {
  return [...listModelsIn(folders.user, 'user'), ...listModelsIn(folders.bundled, 'bundled')];
}

function listModelsIn(root: string, source: InstalledModel['source']): InstalledModel[] {
  if (!isDirectory(root)) return [];

  const models: InstalledModel[] = [];
  const names = fs.readdirSync(root).sort();
  for (const name of names) {
    const dir = path.join(root, name);
    if (!isDirectory(dir)) continue;
    const missing = missingModelFiles(dir);
    const onnx = findOnnxFile(dir);
    if (missing.length > 0 || !onnx) {
      log.warn('skipping incomplete model folder', { dir, missing });
      continue;
    }
    models.push({ name, dir, source, onnxFile: onnx.file, sizeBytes: folderSize(dir) });
  }
  return models;
}

/**
 * Validates `sourceDir` (required files present, JSON parses, the model loads and embeds a
 * test sentence) and copies it into the per-user models folder under `name` (default: the
 * source folder's name). Copies the top-level files and the ONNX file that will be used.
 * Throws `model.folderNotFound`, `model.invalidFolder`, `model.invalidFile`,
 * `model.loadFailed` or `model.alreadyInstalled`.
 */
export async function addModelFolder(
  sourceDir: string,
  options: { name?: string; folders?: ModelFolders } = {},
): Promise<InstalledModel> {
  const source = path.resolve(sourceDir);
  const files = checkModelFiles(source);
  await loadPretrainedEncoder(source);

  const folders = options.folders ?? defaultModelFolders();
  const name = safeFolderName(options.name ?? path.basename(source));
  const target = path.join(folders.user, name);
  if (fs.existsSync(target)) throw new ShopRecError('model.alreadyInstalled', { name, path: target });

  // Copy into a temporary sibling and rename, so a half-copied folder is never listed.
  const staging = path.join(folders.user, `.adding-${name}-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    copyModelFiles(source, staging, files.onnx.file);
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  log.info('model folder added', { source, target });
  return { name, dir: target, source: 'user', onnxFile: files.onnx.file, sizeBytes: folderSize(target) };
}

function copyModelFiles(source: string, target: string, onnxFile: string): void {
  fs.mkdirSync(path.join(target, path.dirname(onnxFile)), { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (entry.isFile()) fs.copyFileSync(path.join(source, entry.name), path.join(target, entry.name));
  }

  // Large models keep their weights in external data files next to the .onnx file.
  const onnxDir = path.join(source, path.dirname(onnxFile));
  const onnxBase = path.basename(onnxFile);
  for (const entry of fs.readdirSync(onnxDir, { withFileTypes: true })) {
    if (entry.isFile() && (entry.name === onnxBase || entry.name.startsWith(`${onnxBase}_data`))) {
      fs.copyFileSync(path.join(onnxDir, entry.name), path.join(target, path.dirname(onnxFile), entry.name));
    }
  }
}

/** Drops characters that are not allowed in a folder name on Windows, macOS or Linux. */
function safeFolderName(name: string): string {
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned === '' ? 'model' : cleaned;
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(entryPath);
    else if (entry.isFile()) total += fs.statSync(entryPath).size;
  }
  return total;
}
