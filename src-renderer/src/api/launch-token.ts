/**
 * The browser-mode server's per-launch token. The launcher opens the page with `#token=...`.
 * The token moves to sessionStorage, which survives a reload but not closing the tab, and leaves
 * the address bar so that it does not end up in bookmarks or screenshots.
 */
const STORAGE_KEY = 'shoprec.token';

export function readLaunchToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
