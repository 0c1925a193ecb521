/**
 * The browser-mode host: the window's API over HTTP on 127.0.0.1, plus the built renderer.
 * See security.ts for the threat model and the checks every request passes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { TOKEN_HEADER } from '../api/api-surface.ts';
import { toErrorData } from '../core/errors.ts';
import { createLogger } from '../core/log.ts';
import { Workspace } from '../core/workspace.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import type { WorkerEntry } from '../jobs/worker-entry.ts';
import { createApiHandlers } from '../service/api-handlers.ts';
import { routeApi, type ApiRouteContext } from './api-routes.ts';
import { requestError, sendError, setSecurityHeaders } from './responses.ts';
import { createToken, hasAllowedHost, hasAllowedOrigin, hasValidToken } from './security.ts';
import { serveStatic } from './static-files.ts';
import { UploadRegistry } from './upload-sources.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from './upload.ts';

const log = createLogger('server');

export interface ServerOptions {
  workspaceDir: string;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fixed token for tests; by default a new random token per launch. */
  token?: string;
  maxUploadBytes?: number;
  workerEntry?: WorkerEntry;
  /** Time a client gets to send its request headers (default 10 s), against slow-header attacks. */
  headersTimeoutMs?: number;
}

/** A whole request, upload included, must arrive within this time; loopback uploads are fast. */
const REQUEST_TIMEOUT_MS = 30 * 60 * 1000;

export interface RunningServer {
  /** Base URL, such as http://127.0.0.1:51234/ */
  url: string;
  /** URL to open in the browser: the base URL with the token in the fragment. */
  pageUrl: string;
  port: number;
  token: string;
  jobs: JobRunner;
  workspace: Workspace;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const workspace = Workspace.open(options.workspaceDir);
  workspace.recoverInterruptedRuns();
  const jobs = new JobRunner({ workspaceDir: options.workspaceDir, ...(options.workerEntry ? { workerEntry: options.workerEntry } : {}) });
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'shoprec-server-'));
  const token = options.token ?? createToken();
  const uploads = new UploadRegistry();
  const context: ApiRouteContext = {
    handlers: createApiHandlers({ workspace, jobs, acceptsPaths: false, chooseExportPath: null, uploads }),
    jobs,
    uploads,
    scratchDir,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  };

  let port = 0;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const timeouts = { headersTimeout, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: Math.min(headersTimeout, 30_000) };
  const server = createServer(timeouts, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('request failed', { method: request.method, error: String(error) });
      if (!response.headersSent) sendError(response, toErrorData(error), 500);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    if (!hasAllowedHost(request, port) || !hasAllowedOrigin(request, port)) {
      log.warn('request from a foreign host or origin rejected', { host: request.headers.host, origin: request.headers.origin });
      return sendError(response, requestError('request.unauthorised'), 403);
    }

    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!hasValidToken(request, token, TOKEN_HEADER)) {
        return sendError(response, requestError('request.unauthorised'), 401);
      }
      return routeApi(context, url, request, response);
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendError(response, requestError('request.notFound', { path: url.pathname }), 405);
    }
    return serveStatic(options.rendererDir, url.pathname, request, response);
  }

  port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}/`;
  log.info('browser-mode server started', { url, workspace: options.workspaceDir });

  return {
    url,
    pageUrl: `${url}#token=${token}`,
    port,
    token,
    jobs,
    workspace,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.close();
      workspace.close();
      await rm(scratchDir, { recursive: true, force: true });
      log.info('browser-mode server stopped', { url });
    },
  };
}
