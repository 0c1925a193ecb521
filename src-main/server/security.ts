/**
 * Request checks of the browser-mode server.
 *
 * Threat model: the server listens on 127.0.0.1 only, so the attackers are other web pages open
 * in the merchant's browser and other local users. A foreign page can send requests to
 * 127.0.0.1 (CSRF) or point a domain it controls at 127.0.0.1 (DNS rebinding). It cannot read
 * the launch token, because the token travels in the URL fragment of the page that the launcher
 * opens, never in a cookie. So every /api request must carry the token in a header, the Host header must
 * name this server, and a cross-origin Origin header is rejected.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Creates a per-launch token: 32 random bytes, URL-safe base64. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when the Host header names this server, which defeats DNS rebinding. */
export function hasAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

/** True when there is no Origin header (same-origin GET, tools) or it is this server's own. */
export function hasAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** Compares the request's token header with the launch token in constant time. */
export function hasValidToken(request: IncomingMessage, token: string, headerName: string): boolean {
  const sent = request.headers[headerName.toLowerCase()];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(token);
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The page's Content-Security-Policy: scripts, styles and requests from this server only, no
 * inline scripts or styles (Vite extracts the SFC styles into .css files), no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
