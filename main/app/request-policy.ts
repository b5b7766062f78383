import { APP_SCHEME } from './protocol-policy';

/**
 * Session-level request filter: the app makes no network request, ever. Every URL whose scheme is
 * not the app's own is cancelled — http(s), ws(s), ftp, file, and anything else — except the
 * inert in-page `data:` and `blob:` URLs, and DevTools' own scheme while developing.
 */
export interface RequestDecision {
  cancel: boolean;
  reason?: string;
}

export function decideRequest(url: string, opts: { dev?: boolean } = {}): RequestDecision {
  let scheme: string;
  try {
    scheme = new URL(url).protocol.replace(/:$/, '').toLowerCase();
  } catch {
    return { cancel: true, reason: 'unparseable URL' };
  }
  if (scheme === APP_SCHEME || scheme === 'data' || scheme === 'blob') return { cancel: false };
  if (opts.dev && (scheme === 'devtools' || scheme === 'chrome-extension')) return { cancel: false };
  return { cancel: true, reason: `blocked ${scheme}: request (Shoko works offline)` };
}

/** Glob for `session.webRequest` filters: every URL. */
export const ALL_URLS = ['<all_urls>', 'ws://*/*', 'wss://*/*'];

/**
 * The `session.webRequest.onBeforeRequest` listener itself (plain inputs, so it is tested without
 * Electron): answers every request with cancel unless decideRequest lets it through.
 */
export function beforeRequestHandler(opts: { dev?: boolean; onBlocked?: (url: string, reason: string) => void } = {}) {
  return (details: { url: string }, callback: (response: { cancel: boolean }) => void): void => {
    const d = decideRequest(details.url, opts);
    if (d.cancel) opts.onBlocked?.(details.url, d.reason ?? 'blocked');
    callback({ cancel: d.cancel });
  };
}
