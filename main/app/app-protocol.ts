import fs from 'node:fs';
import { protocol } from 'electron';
import type { AssetResponse } from '../services/asset-service';
import { contentSecurityPolicy, securityHeaders } from './csp-policy';
import { APP_ORIGIN, APP_SCHEME, mimeFor, resolveInside } from './protocol-policy';

/** Must run before the app is ready: the scheme behaves like https (origin, fetch, storage). */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

const CSP = contentSecurityPolicy({ self: [APP_ORIGIN], assets: [`${APP_SCHEME}://case`] });

function reply(status: number, mime: string, body: Uint8Array | string, served: 'app' | 'asset' = 'app'): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    status, headers: { 'Content-Type': mime, 'Cache-Control': 'no-store', ...securityHeaders(CSP, served) },
  });
}

/**
 * `shoko://app/…` serves the built renderer from `rendererDir`; `shoko://case/…` serves page images
 * and files of the open case through the engine. Everything else is refused.
 */
export function handleAppProtocol(rendererDir: string, readAsset: (pathAndQuery: string) => Promise<AssetResponse>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET') return reply(405, 'text/plain', 'method not allowed');
    const rel = url.pathname.replace(/^\//, '');
    if (url.host === 'app') {
      const r = resolveInside(rendererDir, rel || 'index.html');
      if (!r.ok) return reply(403, 'text/plain', r.reason);
      try {
        return reply(200, mimeFor(r.path), fs.readFileSync(r.path));
      } catch {
        return reply(404, 'text/plain', 'not found');
      }
    }
    if (url.host === 'case') {
      const a = await readAsset(`${rel}${url.search}`);
      return reply(a.status, a.mime, a.body, 'asset');
    }
    return reply(404, 'text/plain', 'unknown host');
  });
}
