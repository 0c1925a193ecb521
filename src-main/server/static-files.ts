/**
 * Serves the built renderer. Every request path is decoded, resolved against the renderer
 * folder and checked to stay inside it, so `..`, encoded `%2e%2e`, encoded slashes and
 * backslashes can never reach a file outside, and neither can a symbolic link inside it.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

import { requestError, sendError } from './responses.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Returns the file inside `root` that `pathname` names, or null when it would leave `root`. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;

  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  return file.startsWith(resolvedRoot + path.sep) ? file : null;
}

export async function serveStatic(
  root: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const notFound = (): void => sendError(response, requestError('request.notFound', { path: pathname }), 404);

  const file = resolveInside(root, pathname);
  if (file === null) return notFound();

  // A symbolic link inside the folder may point anywhere; only its target's real path counts.
  const [realRoot, realFile] = await Promise.all([realpath(root).catch(() => null), realpath(file).catch(() => null)]);
  if (realRoot === null || realFile === null || !realFile.startsWith(realRoot + path.sep)) return notFound();

  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) return notFound();

  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    // Vite puts a content hash into every asset name, so only index.html must be revalidated.
    'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(realFile).pipe(response);
}
