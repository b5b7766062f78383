import fs from 'node:fs';
import { mimeFor, parseAssetPath, resolveCaseFile } from '../app/protocol-policy';
import type { ShokoService } from './shoko-service';

export interface AssetResponse {
  status: number;
  mime: string;
  body: Uint8Array | string;
}

const notFound = (why: string): AssetResponse => ({ status: 404, mime: 'text/plain; charset=utf-8', body: why });

/**
 * Answers one asset request (`shoko://case/<pathAndQuery>` in the app, `/asset/<pathAndQuery>` on the
 * e2e bridge): a rendered page image, or a file under the open case's exports/ or cache/.
 */
export async function readAsset(svc: ShokoService, pathAndQuery: string): Promise<AssetResponse> {
  const parsed = parseAssetPath(pathAndQuery);
  if (!parsed.ok) return { status: 400, mime: 'text/plain; charset=utf-8', body: parsed.reason };
  const dir = svc.caseDir;
  if (!dir) return notFound('no case is open');
  const route = parsed.route;
  if (route.kind === 'page') {
    try {
      const png = await svc.renderPagePng(route.itemId, route.page, route.dpi);
      return { status: 200, mime: 'image/png', body: png };
    } catch (err) {
      return notFound((err as Error).message);
    }
  }
  const resolved = resolveCaseFile(dir, route);
  if (!resolved.ok) return { status: 403, mime: 'text/plain; charset=utf-8', body: resolved.reason };
  try {
    const real = fs.realpathSync(resolved.path);
    // A symlink inside the case must not lead out of it.
    const rootReal = fs.realpathSync(dir);
    if (!real.startsWith(rootReal + '/') && !real.startsWith(rootReal + '\\')) return { status: 403, mime: 'text/plain; charset=utf-8', body: 'outside the case' };
    if (!fs.statSync(real).isFile()) return notFound('not a file');
    return { status: 200, mime: mimeFor(real), body: fs.readFileSync(real) };
  } catch {
    return notFound('no such file');
  }
}
