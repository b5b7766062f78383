import path from 'node:path';

/**
 * The app's own URL scheme. The renderer's files are `shoko://app/…`; page images and exported files
 * of the open case are `shoko://case/…`. Nothing else is ever served, and never `file://`.
 */
export const APP_SCHEME = 'shoko';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
export const CASE_ASSET_BASE = `${APP_SCHEME}://case/`;

/** Case sub-folders the renderer may read through the protocol: never the store or the originals. */
export const READABLE_CASE_FOLDERS = ['exports', 'cache'] as const;

export type SafePath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Resolves a URL path (still percent-encoded) inside `root`. Refuses, rather than normalizes, anything
 * that could leave the root: `..` segments (also when percent-encoded, double-encoded, or written with
 * backslashes), absolute paths, drive letters, NUL bytes and encoded separators.
 */
export function resolveInside(root: string, urlPath: string): SafePath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, reason: 'malformed percent-encoding' };
  }
  // A second decoding round that still changes the string means %25-smuggling (e.g. %252e%252e).
  if (/%[0-9a-f]{2}/i.test(decoded)) return { ok: false, reason: 'encoded characters after decoding' };
  if (decoded.includes('\0')) return { ok: false, reason: 'NUL byte in path' };
  if (decoded.includes('\\')) return { ok: false, reason: 'backslash in path' };
  if (/^[a-zA-Z]:/.test(decoded) || decoded.startsWith('/') || path.isAbsolute(decoded)) return { ok: false, reason: 'absolute path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, reason: 'dot segment in path' };
  if (segments.some((s) => s === '')) return { ok: false, reason: 'empty path segment' };
  const rootAbs = path.resolve(root);
  const full = path.resolve(rootAbs, ...segments);
  const rel = path.relative(rootAbs, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, reason: 'outside the served folder' };
  return { ok: true, path: full };
}

/** What a `shoko://case/…` (or the e2e bridge's `/asset/…`) request asks for. */
export type AssetRoute =
  | { kind: 'page'; itemId: number; page: number; dpi: number }
  | { kind: 'file'; folder: (typeof READABLE_CASE_FOLDERS)[number]; rel: string };

export type AssetParse = { ok: true; route: AssetRoute } | { ok: false; reason: string };

export const DEFAULT_PAGE_DPI = 96;

/**
 * Parses the part of an asset URL after the base: `page/<itemId>/<page>.png?dpi=N` or
 * `file/<exports|cache>/<relative path>`. The relative path is checked again by resolveInside.
 */
export function parseAssetPath(pathAndQuery: string): AssetParse {
  const [p, query = ''] = pathAndQuery.split('?', 2);
  const page = /^page\/(\d{1,9})\/(\d{1,6})\.png$/.exec(p);
  if (page) {
    const dpiRaw = new URLSearchParams(query).get('dpi');
    const dpi = dpiRaw === null ? DEFAULT_PAGE_DPI : Number(dpiRaw);
    if (!Number.isInteger(dpi) || dpi < 36 || dpi > 600) return { ok: false, reason: `dpi out of range: ${dpiRaw}` };
    const itemId = Number(page[1]);
    if (itemId < 1) return { ok: false, reason: 'item id must be positive' };
    return { ok: true, route: { kind: 'page', itemId, page: Number(page[2]), dpi } };
  }
  const file = /^file\/([a-z]+)\/(.+)$/.exec(p);
  if (file) {
    const folder = READABLE_CASE_FOLDERS.find((f) => f === file[1]);
    if (!folder) return { ok: false, reason: `folder not served: ${file[1]}` };
    return { ok: true, route: { kind: 'file', folder, rel: file[2] } };
  }
  return { ok: false, reason: 'unknown asset path' };
}

/** Resolves a `file` route against an open case folder. */
export function resolveCaseFile(caseDir: string, route: Extract<AssetRoute, { kind: 'file' }>): SafePath {
  return resolveInside(path.join(caseDir, route.folder), route.rel);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.otf': 'font/otf', '.pdf': 'application/pdf', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export function mimeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
