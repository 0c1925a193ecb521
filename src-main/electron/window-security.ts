/**
 * Security settings of the app window. The renderer is treated as untrusted: it runs
 * sandboxed without Node, may not navigate away or open windows, gets no permissions, and IPC
 * handlers reply only to our own page in the main frame.
 */
import { session, type IpcMainInvokeEvent, type WebContents } from 'electron';

import { CONTENT_SECURITY_POLICY } from '../server/security.ts';

/** Adds the Content-Security-Policy header to every response the window loads. */
export function enforceContentSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Keeps the window on our page: no navigation elsewhere, no new windows. */
export function lockNavigation(contents: WebContents, pageUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** True when an IPC message comes from our page's main frame, not from an iframe or another page. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: WebContents, pageUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || event.sender !== window || frame !== window.mainFrame) return false;
  return new URL(frame.url).origin === new URL(pageUrl).origin && new URL(frame.url).pathname === new URL(pageUrl).pathname;
}
