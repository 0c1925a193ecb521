/** Steps on the ShopRec window that several end-to-end tests share. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

export const VIEWS = ['import', 'recommendations', 'insights', 'training', 'knowledge', 'export', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];

export async function openView(page: Page, view: ViewName): Promise<void> {
  await page.click(`nav button[data-view="${view}"]`);
  await page.waitForSelector(`main[data-current-view="${view}"]`);
}

export async function saveScreenshot(page: Page, locale: string, view: ViewName): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, locale);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${view}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The header's overview counts as shown, for before-and-after comparisons. */
export async function overviewText(page: Page): Promise<string> {
  return page.locator('[data-field="overview"]').innerText();
}

/** Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read. */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

/**
 * Whether any pixel of the chart's canvas is painted. A canvas that ECharts has not drawn on
 * is fully transparent.
 */
export function chartIsPainted(page: Page, chart: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`${selector} canvas`);
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!pixels) return false;
    for (let index = 3; index < pixels.length; index += 4) if (pixels[index] !== 0) return true;
    return false;
  }, `[data-chart="${chart}"]`);
}

/** Catalogue keys that leaked into the page instead of their text, such as `import.title`. */
const KEY_PATTERN =
  /\b(?:app|nav|overview|import|format|job|train|run|model|metric|customer|product|table|export|insights|compute|settings|error|rejected|reason|backend|ui)\.[a-z][\w.-]*[a-z]\b/;

/** Words of the English window that must not remain once the window is in Chinese. */
const ENGLISH_UI_WORDS = [
  'Import',
  'Recommendations',
  'Insights',
  'Training',
  'Export',
  'Settings',
  'Orders',
  'Customers',
  'Products',
  'Revenue',
  'Language',
  'Workspace',
  'Preview',
  'Cancel',
  'Dismiss',
  'Model',
  'Coverage',
  'Score',
];

/** Texts on the page that look untranslated: leaked keys, and English UI words in zh-CN. */
export async function untranslatedTexts(page: Page, locale: string): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const found: string[] = [];
  for (const line of text.split('\n')) {
    // File names such as online-retail-2010-12.csv.gz are data, not keys.
    const withoutFiles = line.replace(/[\w-]+\.csv(?:\.gz)?/g, '');
    const key = KEY_PATTERN.exec(withoutFiles);
    if (key) found.push(`key "${key[0]}" in "${line.trim()}"`);
    if (locale === 'zh-CN') {
      for (const word of ENGLISH_UI_WORDS) {
        if (new RegExp(`\\b${word}\\b`).test(line)) found.push(`English "${word}" in "${line.trim()}"`);
      }
    }
  }
  return found;
}
