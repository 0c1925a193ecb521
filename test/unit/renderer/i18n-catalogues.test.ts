import { describe, expect, it } from 'vitest';

import { en } from '../../../src-renderer/src/i18n/en.ts';
import { zhCN } from '../../../src-renderer/src/i18n/zh-CN.ts';
import { catalogues } from '../../../src-main/api/messages/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('window catalogues', () => {
  it('have the same keys in en and zh-CN', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('share no key with the engine catalogues', () => {
    const engineKeys = new Set(Object.keys(catalogues.en));
    expect(Object.keys(en).filter((key) => engineKeys.has(key))).toEqual([]);
  });

  it('escape vue-i18n special characters', () => {
    // vue-i18n reads a bare @ as a linked message and | as a plural separator; {'@'} is a literal @.
    for (const text of [...Object.values(en), ...Object.values(zhCN)]) {
      expect(text.replaceAll("{'@'}", '').replaceAll("{'|'}", '')).not.toMatch(/[@|]/);
    }
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(zhCN)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });
});
