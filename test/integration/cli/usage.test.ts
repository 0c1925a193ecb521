import { describe, expect, it } from 'vitest';

import { parseJson, runCli, tempDir } from './run-cli.ts';

describe('shoprec usage', () => {
  it('prints the command list for --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['demo', 'import', 'train', 'recommend', 'export']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('prints a command help in Chinese', async () => {
    const result = await runCli(['export', '--help', '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('shoprec export --format NAME --out FILE');
    expect(result.stdout).toContain('要写入的 CSV 文件路径');
  });

  it.each([
    { args: [], message: 'No command given.' },
    { args: ['frobnicate'], message: 'Unknown command "frobnicate".' },
    { args: ['train', '--bogus'], message: 'Unknown option --bogus.' },
    { args: ['import', 'a.csv', '--workspace'], message: 'Option --workspace requires a value.' },
    { args: ['import'], message: 'Name at least one file to import.' },
    { args: ['train', 'extra'], message: 'Unexpected argument "extra".' },
    { args: ['recommend'], message: 'Give exactly one of --customer and --item.' },
    { args: ['recommend', '--customer', '1', '--item', '2'], message: 'Give exactly one of --customer and --item.' },
    { args: ['recommend', '--customer', '1', '--limit', '0'], message: 'Option --limit requires a whole number of at least 1, not "0".' },
    { args: ['export', '--format', 'orders', '--out', 'x.csv'], message: 'Invalid export format "orders"; use one of: customers, items, woocommerce-products, shopify-products, magento-links, prestashop-accessories, email-klaviyo, email-mailchimp, review-worksheet-zh.' },
    { args: ['export', '--format', 'items'], message: 'Option --out is required.' },
    { args: ['export', '--format', 'items', '--out', 'x.csv', '--encoding', 'latin1'], message: 'Invalid encoding "latin1"; use utf-8, utf-8-bom or gbk.' },
    { args: ['train', '--models', 'popularity,magic'], message: 'Unknown model "magic"; choose from popularity, item-knn, ease, als, sequential.' },
    { args: ['train', '--lang', 'fr'], message: 'Invalid language "fr"; use en or zh-CN.' },
  ])('exits 2: $message', async ({ args, message }) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stdout).toBe('');
  });

  it('names the mistake and the usage on stderr', async () => {
    const result = await runCli(['recommend', '--customer', '1', '--limit', 'ten']);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('Option --limit requires a whole number of at least 1, not "ten".');
    expect(lines[1]).toBe('Usage: shoprec recommend (--customer ID | --item SKU) [--limit N] [options]');
    expect(lines[2]).toBe('Run "shoprec recommend --help" for the options.');
  });

  it('reports usage errors in Chinese with --lang zh-CN', async () => {
    const result = await runCli(['train', '--bogus', '--lang', 'zh-CN']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('未知选项 --bogus。');
  });

  it('reports a usage error as one JSON object with --json', async () => {
    const result = await runCli(['export', '--json', '--format', 'orders', '--out', 'x.csv']);
    expect(result.code).toBe(2);
    const json = parseJson(result);
    expect(json.error.code).toBe('usage');
    expect(json.error.message).toBe('Invalid export format "orders"; use one of: customers, items, woocommerce-products, shopify-products, magento-links, prestashop-accessories, email-klaviyo, email-mailchimp, review-worksheet-zh.');
  });

  it('rejects a demo folder that is not empty', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/notes.txt`, 'my shop');
    const result = await runCli(['demo', '--workspace', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The folder ${dir} is not empty`);
  });

  it('fails with exit 1 on a missing workspace', async () => {
    const dir = `${tempDir()}/missing`;
    const result = await runCli(['train', '--workspace', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`The shop workspace ${dir} was not found.`);
  });
});
