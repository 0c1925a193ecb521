/**
 * Starts Debian's Chromium through playwright-core with a fresh profile, headless, and with
 * every background service that would reach the network switched off.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SHOPREC_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_MISSING_MESSAGE =
  `Chromium was not found at ${CHROMIUM_PATH}, so the end-to-end tests cannot run. ` +
  'Install it with `apt-get install -y chromium fonts-wqy-zenhei`, or set SHOPREC_CHROMIUM to its path.';

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(locale: string): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'shoprec-chromium-'));
  // launchPersistentContext passes the folder to Chromium as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: LAUNCH_ARGS,
    locale,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
