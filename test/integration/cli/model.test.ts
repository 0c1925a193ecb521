import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT, parseJson, runCli, tempDir } from './run-cli.ts';

const TINY_MODEL = path.join(REPO_ROOT, 'test', 'fixtures', 'tiny-model');

describe('shoprec model', () => {
  it('adds a model folder and lists it', async () => {
    const env = { SHOPREC_USER_MODELS_DIR: tempDir(), SHOPREC_BUNDLED_MODELS_DIR: tempDir() };

    const empty = await runCli(['model', 'list'], env);
    expect(empty.stdout).toContain('No sentence model is installed');

    const added = await runCli(['model', 'add', TINY_MODEL, '--name', 'titles'], env);
    expect(added.code).toBe(0);
    expect(existsSync(path.join(env.SHOPREC_USER_MODELS_DIR, 'titles', 'tokenizer.json'))).toBe(true);

    const listed = parseJson(await runCli(['model', 'list', '--json'], env));
    expect(listed.models.map((m: { name: string; source: string }) => [m.name, m.source])).toEqual([['titles', 'user']]);
  });

  it('rejects an unknown action', async () => {
    const result = await runCli(['model', 'remove', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('shoprec model add DIR');
  });
});
