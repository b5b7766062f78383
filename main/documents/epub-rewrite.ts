import path from 'node:path/posix';
import { ZipFile } from 'yazl';
import type { EpubPackage } from './epub-package';
import { decodeMarkup } from './source-text';
import { svgTextToHtml } from './svg-text';
import type { ReadNote } from './types';
import type { ZipContents, ZipEntry } from './zip-archive';
import { zipToBytes } from './zip-bytes';

/** Fixed entry time: the same book always gives the same bytes. */
const ENTRY_TIME = new Date(Date.UTC(2000, 0, 1));
const XHTML = /^application\/xhtml\+xml$|^text\/html$/i;

const ENCODING_LABEL = { cp437: 'CP437', 'utf-8': 'UTF-8 bytes', shift_jis: 'Shift_JIS' } as const;

/**
 * The EPUB MuPDF lays out, when it cannot be the collected file itself (which is never modified; this is a
 * copy in memory):
 * - ZIP names not marked UTF-8 are written again as UTF-8 (MuPDF 1.28 reads unmarked names as CP437, so
 *   books zipped by Japanese tools showed "cannot find chapter" pages);
 * - spine documents with inline SVG text, SVG spine documents and `<img>`s of SVG files get it as XHTML
 *   (svg-text.ts).
 * - `kept`: only these entries are written (names that clash in the ZIP, epub-decoys.ts: MuPDF would read
 *   a decoy version).
 * Returns null when the original bytes serve as they are. Notes say what was done.
 */
export async function rewriteEpubForLayout(zip: ZipContents, pkg: EpubPackage, notes: ReadNote[], kept?: readonly ZipEntry[]): Promise<Uint8Array | null> {
  const replaced = new Map<string, Uint8Array>();
  let svgDocs = 0;
  for (const item of pkg.spine) {
    const svgDocument = /^image\/svg\+xml$/i.test(item.mediaType);
    if (!svgDocument && !XHTML.test(item.mediaType) && !/\.x?html?$/i.test(item.href)) continue;
    const data = zip.get(item.href);
    if (!data || !hasSvg(data)) continue;
    const inline = svgTextToHtml(decodeMarkup(data));
    const { markup, converted } = svgDocument ? inline : svgImagesInline(inline.markup, item.href, zip, inline.converted);
    if (!converted) continue;
    // A spine SVG document becomes an XHTML page holding its substitute (MuPDF lays out spine items as XHTML).
    const page = svgDocument ? `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>${markup.replace(/^\s*<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/i, '')}</body></html>` : markup;
    replaced.set(item.href, new Uint8Array(Buffer.from(asUtf8(page), 'utf8')));
    svgDocs++;
  }
  if (pkg.nameEncoding) {
    const { encoding, found, total } = pkg.nameEncoding;
    notes.push({
      code: 'zip-name-encoding',
      detail: `ZIP entry names are not marked UTF-8: read as ${ENCODING_LABEL[encoding]} (${found} of ${total} package files found)`,
      partial: false,
    });
  }
  if (svgDocs) {
    notes.push({
      code: 'svg-text-reflowed',
      detail: `text set in SVG (${svgDocs} document${svgDocs > 1 ? 's' : ''}) laid out as plain text blocks; the drawing's own positions are not kept`,
      partial: false,
    });
  }
  if (!zip.hasUnmarkedNames && replaced.size === 0 && !kept) return null;
  return writeZip((kept ?? zip.entries).map((e) => ({ name: e.name, data: replaced.get(e.name) ?? e.data })));
}

/** The document re-declared as UTF-8 (it is written back as UTF-8, whatever it was read as). */
function asUtf8(markup: string): string {
  return markup
    .replace(/^\uFEFF/, '')
    .replace(/^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2')
    .replace(/(<meta\b[^>]*?\bcharset\s*=\s*["']?)[\w.:-]+/i, '$1UTF-8');
}

/** Whether the bytes mention SVG (an element or a file name), without decoding the whole document twice. */
function hasSvg(data: Uint8Array): boolean {
  return /svg/i.test(Buffer.from(data).toString('latin1'));
}

const SVG_IMG = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*\.svg)"|'([^']*\.svg)')[^>]*>/gi;

/**
 * `<img src="….svg">`: MuPDF.js cannot decode SVG images and draws "[image]" instead; an SVG file holding
 * text or pictures is put in place of the `<img>` as its XHTML substitute (its own image hrefs rebased).
 */
function svgImagesInline(markup: string, docHref: string, zip: ZipContents, converted: number): { markup: string; converted: number } {
  const dir = path.dirname(docHref);
  const out = markup.replace(SVG_IMG, (tag: string, dq?: string, sq?: string) => {
    const href = (dq ?? sq ?? '').split('#')[0];
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return tag;
    let file: string;
    try {
      file = path.normalize(path.join(dir, decodeURIComponent(href)));
    } catch {
      return tag;
    }
    const svg = zip.get(file);
    if (!svg) return tag;
    const result = svgTextToHtml(decodeMarkup(svg), {
      rebase: (h) => path.relative(dir, path.normalize(path.join(path.dirname(file), h))),
    });
    const at = result.markup.indexOf('<div class="shoko-svg">');
    if (!result.converted || at < 0) return tag;
    converted++;
    return result.markup.slice(at, result.markup.lastIndexOf('</div>') + 6);
  });
  return { markup: out, converted };
}

/** An OCF ZIP: "mimetype" first and stored, then every other entry (deflated), names marked UTF-8. */
export function writeZip(entries: { name: string; data: Uint8Array }[]): Promise<Uint8Array> {
  const zip = new ZipFile();
  const seen = new Set<string>();
  const ordered = [...entries.filter((e) => e.name === 'mimetype'), ...entries.filter((e) => e.name !== 'mimetype')];
  for (const e of ordered) {
    if (seen.has(e.name)) continue; // the first of duplicate names wins, as everywhere else
    seen.add(e.name);
    zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.name, {
      mtime: ENTRY_TIME,
      compress: e.name !== 'mimetype',
      forceDosTimestamp: true,
    });
  }
  return zipToBytes(zip);
}
