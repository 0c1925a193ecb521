/**
 * The Electron window's settings and IPC handlers, checked without starting Electron: the
 * `electron` module is replaced by a fake ipcMain that keeps the registered handlers, which
 * the tests then call with forged events and malformed payloads.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const registered = new Map<string, (event: unknown, payload: unknown) => unknown>();

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) => registered.set(channel, handler) },
  dialog: { showSaveDialog: () => Promise.resolve({ canceled: true }) },
  session: {},
}));

import { OPERATION_NAMES, type ApiHandlers } from '../../../src-main/api/api-surface.ts';
import { operationChannel } from '../../../src-main/electron/channels.ts';
import { registerIpc } from '../../../src-main/electron/register-ipc.ts';
import { windowOptions } from '../../../src-main/electron/window-options.ts';
import type { JobRunner } from '../../../src-main/jobs/job-runner.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/security.ts';

const PAGE_URL = 'file:///opt/shoprec/resources/app/out/renderer/index.html';
const mainFrame = { url: PAGE_URL };
const webContents = { mainFrame, send: () => undefined };
const window = { webContents, isDestroyed: () => false };
const calls: string[] = [];

/** Every handler records its call and succeeds, so a rejection can only come from the checks. */
const handlers = new Proxy({} as ApiHandlers, {
  get: (_target, operation: string) => () => {
    calls.push(operation);
    return Promise.resolve({ ok: true, value: null });
  },
});

beforeAll(() => {
  const jobs = { onUpdate: () => () => undefined } as unknown as JobRunner;
  registerIpc(window as never, PAGE_URL, handlers, jobs);
});

const trusted = { sender: webContents, senderFrame: mainFrame };

function invoke(operation: (typeof OPERATION_NAMES)[number], event: unknown, payload: unknown): Promise<any> {
  const handler = registered.get(operationChannel(operation));
  if (!handler) throw new Error(`no handler for ${operation}`);
  return Promise.resolve(handler(event, payload));
}

describe('window options', () => {
  const options = windowOptions('/opt/shoprec/out/preload/index.cjs');

  it('isolates and sandboxes the renderer', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads only our preload', () => {
    expect(options.webPreferences?.preload).toBe('/opt/shoprec/out/preload/index.cjs');
    expect(Object.keys(options.webPreferences ?? {}).filter((key) => /preload/i.test(key))).toEqual(['preload']);
  });

  it('uses a CSP without inline or eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('IPC handlers', () => {
  it('registers one handler per operation', () => {
    expect([...registered.keys()].sort()).toEqual(OPERATION_NAMES.map(operationChannel).sort());
  });

  it.each(['a string', 42, [1, 2], { unexpectedField: 1 }])('rejects the malformed payload %j on every channel', async (payload) => {
    calls.length = 0;
    for (const operation of OPERATION_NAMES) {
      const reply = await invoke(operation, trusted, payload);
      expect(reply.ok, `${operation} ${JSON.stringify(payload)}`).toBe(false);
      expect(reply.error.code, operation).toBe('request.invalid');
    }
    expect(calls).toEqual([]);
  });

  it('replies only to our page in the main frame', async () => {
    calls.length = 0;
    const forged = [
      { sender: { mainFrame }, senderFrame: mainFrame },
      { sender: webContents, senderFrame: { url: PAGE_URL } },
      { sender: webContents, senderFrame: null },
      { sender: webContents, senderFrame: { url: 'https://evil.example/index.html' } },
    ];
    for (const event of forged) {
      const reply = await invoke('overview', event, {});
      expect(reply.error.code).toBe('request.unauthorised');
    }
    expect(calls).toEqual([]);
  });

  it('rejects our main frame once it shows another page', async () => {
    calls.length = 0;
    for (const url of ['https://evil.example/index.html', 'file:///tmp/other.html']) {
      mainFrame.url = url;
      const reply = await invoke('overview', trusted, {});
      expect(reply.error.code, url).toBe('request.unauthorised');
    }
    mainFrame.url = PAGE_URL;
    expect(calls).toEqual([]);
  });

  it('passes a valid call from our page to the engine', async () => {
    calls.length = 0;
    const reply = await invoke('overview', trusted, {});
    expect(reply.ok).toBe(true);
    expect(calls).toEqual(['overview']);
  });
});
