import fs from 'node:fs';
import path from 'node:path';
import type { CaseHandle } from '../case/case-folder';
import { getEvidenceItem } from '../case/evidence-items';
import { badInput } from '../common/errors';
import { DEFAULT_LAYOUT, type LayoutSpec } from '../../shared/model/page';
import { requireDocumentHead } from './document-store';
import { itemSource } from './extract-item';
import { renderDocumentPage } from './extract-document';
import type { ExtractionLimits, RenderedPage, RenderOptions } from './types';
import { DocumentJobError, type DocumentWorkerPool } from './worker-pool';

export interface RenderPageOptions extends RenderOptions {
  password?: string;
  pool?: DocumentWorkerPool;
  limits?: Partial<ExtractionLimits>;
  signal?: AbortSignal;
}

const MIN_DPI = 9;
const MAX_DPI = 1200;

/**
 * Renders one page of an extracted item to PNG or raw RGBA at any DPI, through the worker, and
 * caches it under cache/pages/<sha256>/<layout>/ (a page's identity is item hash + page + layout
 * + DPI). Raw pixels are cached as PAM (a header plus the bytes): no PNG encoding where no PNG is needed.
 */
export async function renderPage(c: CaseHandle, itemId: number, pageIndex: number, opts: RenderPageOptions = {}): Promise<RenderedPage> {
  const dpi = opts.dpi ?? 150;
  const format = opts.format ?? 'png';
  if (!(dpi >= MIN_DPI && dpi <= MAX_DPI)) throw badInput(`--dpi ${dpi}: must be between ${MIN_DPI} and ${MAX_DPI}`);
  const item = getEvidenceItem(c.db, itemId);
  const doc = requireDocumentHead(c, itemId);
  if (doc.status !== 'ok') throw badInput(`item ${itemId} cannot be rendered: ${doc.status}: ${doc.error ?? ''}`.trim());
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.pageCount) {
    throw badInput(`item ${itemId} has no page ${pageIndex} (pages 0–${doc.pageCount - 1})`);
  }
  const file = cacheFile(c, item.sha256, doc.layout, pageIndex, dpi, format);
  const hit = readCached(file, format);
  if (hit) return { ...hit, dpi, cachePath: file };

  const { source, reason } = itemSource(c, itemId);
  if (!source) throw badInput(`item ${itemId}: ${reason}`);
  let page: RenderedPage;
  try {
    page = await renderDocumentPage(source, pageIndex, {
      dpi, format, password: opts.password, layout: doc.layout ?? DEFAULT_LAYOUT, limits: opts.limits, pool: opts.pool, signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DocumentJobError) throw badInput(`item ${itemId} page ${pageIndex}: ${err.message}`);
    throw err;
  }
  writeCached(file, page);
  return { ...page, cachePath: file };
}

export function layoutKey(layout: LayoutSpec | null): string {
  return layout ? `${layout.width}x${layout.height}-em${layout.em}` : 'fixed';
}

function cacheFile(c: CaseHandle, sha256: string, layout: LayoutSpec | null, page: number, dpi: number, format: 'png' | 'rgba'): string {
  return path.join(c.cacheDir, 'pages', sha256, layoutKey(layout), `p${page}-${dpi}dpi.${format === 'png' ? 'png' : 'pam'}`);
}

function readCached(file: string, format: 'png' | 'rgba'): Omit<RenderedPage, 'dpi'> | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (format === 'png') {
    if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47) return null;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), format, data: new Uint8Array(bytes) };
  }
  const end = bytes.indexOf('ENDHDR\n');
  if (end < 0) return null;
  const header = bytes.subarray(0, end).toString('latin1');
  const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)?.[1]);
  const data = new Uint8Array(bytes.subarray(end + 7));
  if (!width || !height || data.byteLength !== width * height * 4) return null;
  return { width, height, format, data };
}

function writeCached(file: string, page: RenderedPage): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const body = page.format === 'png'
    ? page.data
    : Buffer.concat([Buffer.from(`P7\nWIDTH ${page.width}\nHEIGHT ${page.height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`, 'latin1'), page.data]);
  fs.writeFileSync(tmp, body);
  fs.renameSync(tmp, file); // atomic: a reader never sees half an image
}
