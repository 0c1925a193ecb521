import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT, parseJson, runCli, tempDir } from './run-cli.ts';

const SAMPLE = path.join(REPO_ROOT, 'resources', 'sample-shop');
const MONTHS = ['online-retail-2011-01.csv.gz', 'online-retail-2011-02.csv.gz'].map((name) => path.join(SAMPLE, name));

describe('shoprec knowledge commands', () => {
  it('lists, rolls back and packs model versions', async () => {
    const workspace = tempDir();
    const ws = ['--workspace', workspace];
    expect((await runCli(['import', MONTHS[0]!, ...ws])).code).toBe(0);
    expect((await runCli(['train', '--models', 'popularity,item-knn', ...ws])).code).toBe(0);
    expect((await runCli(['import', MONTHS[1]!, ...ws])).code).toBe(0);
    expect((await runCli(['train', '--models', 'popularity,item-knn', ...ws])).code).toBe(0);

    const models = parseJson(await runCli(['models', '--json', ...ws]));
    const versions = models.versions as { versionId: number; runId: number; model: string; serving: boolean }[];
    expect(versions).toHaveLength(4);
    const oldKnn = versions.find((v) => v.runId === 1 && v.model === 'item-knn')!;
    expect(versions.find((v) => v.serving)!.runId).toBe(2);

    const served = await runCli(['serve', '--version', String(oldKnn.versionId), ...ws]);
    expect(served.code).toBe(0);
    expect(served.stdout).toContain(`Version #${oldKnn.versionId}`);

    const latestPick = versions.find((v) => v.serving)!;
    const listed = await runCli(['models', ...ws]);
    expect(listed.stdout).toContain(`Serving version ${oldKnn.versionId} (Item kNN, training run 1), which you went back to on`);
    expect(listed.stdout).toContain(`The latest training, run 2, picked`);
    expect(listed.stdout).toContain(`(version ${latestPick.versionId})`);
    const listedZh = await runCli(['models', '--lang', 'zh-CN', ...ws]);
    expect(listedZh.stdout).toContain(`正在使用版本 ${oldKnn.versionId}（`);
    expect(listedZh.stdout).toContain(`最近一次训练（第 2 次）选出的是`);

    const knowledge = parseJson(await runCli(['knowledge', '--json', ...ws]));
    expect(knowledge.serving).toMatchObject({ versionId: oldKnn.versionId, source: 'pointer' });
    expect(knowledge.importsApplied).toBe(2);
    expect(knowledge.associationRules).toBeGreaterThan(1000);
    expect(knowledge.latestChange.trigger).toBe('training');

    const text = await runCli(['knowledge', '--lang', 'zh-CN', ...ws]);
    expect(text.stdout).toContain(`版本 #${oldKnn.versionId}`);

    const packFile = path.join(tempDir(), 'shop.pack');
    const exported = parseJson(await runCli(['pack', 'export', packFile, '--no-customers', '--json', ...ws]));
    expect(exported.manifest.includesCustomers).toBe(false);
    const fresh = tempDir();
    const imported = await runCli(['pack', 'import', packFile, '--workspace', path.join(fresh, 'copy')]);
    expect(imported.code).toBe(0);
    const copy = parseJson(await runCli(['recommend', '--item', '85123A', '--json', '--workspace', path.join(fresh, 'copy')]));
    const original = parseJson(await runCli(['recommend', '--item', '85123A', '--json', ...ws]));
    expect(copy).toEqual(original);
  }, 240_000);

  it('rejects an unknown version and a bad pack action', async () => {
    const workspace = tempDir();
    expect((await runCli(['import', MONTHS[0]!, '--workspace', workspace])).code).toBe(0);
    const unknown = await runCli(['serve', '--version', '99', '--workspace', workspace]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No trained model version number 99');
    const bad = await runCli(['pack', 'send', 'x', '--workspace', workspace]);
    expect(bad.code).toBe(2);
  }, 120_000);
});
