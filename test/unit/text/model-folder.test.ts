import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ShopRecError } from '../../../src-main/core/errors.ts';
import { createTextEncoder } from '../../../src-main/core/text/embed.ts';
import { addModelFolder, listInstalledModels, type ModelFolders } from '../../../src-main/core/text/model-folder.ts';

const TINY_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/tiny-model');

let temp: string;
let folders: ModelFolders;

beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoprec-models-'));
  folders = { bundled: path.join(temp, 'bundled'), user: path.join(temp, 'user') };
  fs.mkdirSync(folders.bundled);
  fs.mkdirSync(folders.user);
});

afterEach(() => {
  fs.rmSync(temp, { recursive: true, force: true });
});

/** Copies the tiny model to `name` under the temp folder, minus `without`. */
function copyTinyModel(name: string, without: string[] = []): string {
  const dir = path.join(temp, name);
  fs.cpSync(TINY_MODEL, dir, { recursive: true });
  for (const file of without) fs.rmSync(path.join(dir, file));
  return dir;
}

async function rejection(work: Promise<unknown>): Promise<ShopRecError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ShopRecError);
  return error as ShopRecError;
}

describe('addModelFolder', () => {
  it('rejects a folder without tokenizer.json', async () => {
    const source = copyTinyModel('no-tokenizer', ['tokenizer.json']);

    const error = await rejection(addModelFolder(source, { folders }));

    expect(error.code).toBe('model.invalidFolder');
    expect(error.params.path).toBe(source);
    expect(error.params.missing).toBe('tokenizer.json');
    expect(fs.readdirSync(folders.user)).toEqual([]);
  });

  it('rejects a folder without ONNX weights', async () => {
    const source = copyTinyModel('no-onnx', ['onnx/model.onnx']);

    const error = await rejection(addModelFolder(source, { folders }));

    expect(error.code).toBe('model.invalidFolder');
    expect(error.params.missing).toBe('onnx/model_quantized.onnx or onnx/model.onnx');
  });

  it('rejects a missing folder', async () => {
    const error = await rejection(addModelFolder(path.join(temp, 'nowhere'), { folders }));

    expect(error.code).toBe('model.folderNotFound');
  });

  it('rejects a config that is not JSON', async () => {
    const source = copyTinyModel('bad-config');
    fs.writeFileSync(path.join(source, 'config.json'), '{"model_type": "bert",');

    const error = await rejection(addModelFolder(source, { folders }));

    expect(error.code).toBe('model.invalidFile');
    expect(error.params.file).toBe(path.join(source, 'config.json'));
  });

  it('rejects an ONNX file that does not open', async () => {
    const source = copyTinyModel('bad-onnx');
    fs.writeFileSync(path.join(source, 'onnx', 'model.onnx'), 'this is not a protobuf model');

    const error = await rejection(addModelFolder(source, { folders }));

    expect(error.code).toBe('model.loadFailed');
    expect(error.params.path).toBe(source);
    expect(fs.readdirSync(folders.user)).toEqual([]);
  });

  it('copies a valid folder and lists it', async () => {
    const source = copyTinyModel('tiny');
    fs.mkdirSync(path.join(source, 'unused'));
    fs.writeFileSync(path.join(source, 'onnx', 'model_fp16.onnx'), 'not needed');

    const added = await addModelFolder(source, { folders, name: '小模型' });

    expect(added.name).toBe('小模型');
    expect(added.source).toBe('user');
    expect(added.onnxFile).toBe('onnx/model.onnx');
    expect(fs.readdirSync(path.join(added.dir, 'onnx'))).toEqual(['model.onnx']);
    expect(fs.existsSync(path.join(added.dir, 'unused'))).toBe(false);
    expect(listInstalledModels(folders).map((model) => model.name)).toEqual(['小模型']);
  });

  it('rejects a name already installed', async () => {
    const source = copyTinyModel('tiny');
    await addModelFolder(source, { folders });

    const error = await rejection(addModelFolder(source, { folders }));

    expect(error.code).toBe('model.alreadyInstalled');
    expect(error.params.name).toBe('tiny');
  });
});

describe('listInstalledModels', () => {
  it('lists user models first and skips incomplete ones', () => {
    fs.cpSync(TINY_MODEL, path.join(folders.bundled, 'bundled-model'), { recursive: true });
    fs.cpSync(TINY_MODEL, path.join(folders.user, 'user-model'), { recursive: true });
    fs.mkdirSync(path.join(folders.user, 'half-copied'));
    fs.writeFileSync(path.join(folders.user, 'half-copied', 'config.json'), '{}');

    const models = listInstalledModels(folders);

    expect(models.map((model) => [model.name, model.source])).toEqual([
      ['user-model', 'user'],
      ['bundled-model', 'bundled'],
    ]);
    expect(models[0]!.sizeBytes).toBeGreaterThan(100_000);
  });

  it('returns nothing when the folders do not exist', () => {
    expect(listInstalledModels({ bundled: path.join(temp, 'a'), user: path.join(temp, 'b') })).toEqual([]);
  });
});

describe('createTextEncoder', () => {
  it('uses an installed model when there is one', async () => {
    fs.cpSync(TINY_MODEL, path.join(folders.bundled, 'tiny'), { recursive: true });

    const encoder = await createTextEncoder({ folders, fallbackCorpus: ['红色连衣裙'] });

    expect(encoder.kind).toBe('pretrained');
    expect(encoder.dimension).toBe(32);
  });

  it('falls back to the built-in encoder without models', async () => {
    const encoder = await createTextEncoder({ folders, fallbackCorpus: ['红色连衣裙', '蓝牙耳机'] });

    expect(encoder.kind).toBe('built-in');
    expect(encoder.dimension).toBe(128);
  });

  it('skips an installed model that fails to load', async () => {
    const broken = path.join(folders.user, 'broken');
    fs.cpSync(TINY_MODEL, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'onnx', 'model.onnx'), 'garbage');

    const encoder = await createTextEncoder({ folders });

    expect(encoder.kind).toBe('built-in');
  });

  it('throws for an explicit model folder that fails', async () => {
    const source = copyTinyModel('no-tokenizer', ['tokenizer.json']);

    const error = await rejection(createTextEncoder({ modelDir: source, folders }));

    expect(error.code).toBe('model.invalidFolder');
  });
});
