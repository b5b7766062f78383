import { badInput, ShokoError } from '../../common/errors';
import { drmProtected } from '../protection';
import { fromLatin1 } from './bytes';
import { openKindle, type KindleBook, type KindleInfo } from './container';
import { kindleIdentifier, writeKindleEpub } from './epub-builder';
import type { EpubItem } from './epub-writer';
import { kindleLabel } from './kind-label';
import { buildKf8Parts } from './kf8-parts';
import { Kf8LinkResolver } from './kf8-markup';
import { readKf8Toc, tocNcx, type TocEntry } from './kf8-toc';
import { exthValue, NULL_INDEX, type MobiHeader, type TextCodec } from './mobi-header';
import { readResources, type KindleResource } from './resources';
import { readTextStream } from './text-stream';

export interface Kf8Conversion {
  epub: Uint8Array;
  info: KindleInfo;
  /** Spine hrefs in reading order (inside OEBPS/). */
  spine: string[];
  images: number;
  fonts: number;
  /** Table of contents from the KF8 NCX index (also written as toc.ncx). */
  toc: TocEntry[];
  /** Things that were dropped or repaired, for the item's report. */
  warnings: string[];
}

/** Refuses what must not or cannot be converted, with the reason. */
export function requireReadable(book: KindleBook, want: 'kf8' | 'kf7'): void {
  const { info } = book;
  if (info.encrypted) throw new ShokoError('unsupported', info.drmReason ?? drmProtected(kindleLabel(info.kind)));
  if (want === 'kf8' && !book.kf8) throw badInput(`not a KF8 book: this is a ${info.kind} file (KF7 only); open it as MOBI`);
  if (want === 'kf7' && !book.kf7) throw badInput(`not a KF7 book: this is a ${info.kind} file; convert its KF8 part`);
}

/** Decodes bytes of the book's encoding to a JS string (markup surgery happened on latin1 strings). */
function decodeMarkup(s: string, codec: TextCodec): string {
  return new TextDecoder(codec).decode(fromLatin1(s));
}

/** Makes a rebuilt part a UTF-8 XHTML file: the declaration may name the book's encoding. */
function asUtf8Xhtml(markup: string): Uint8Array {
  const fixed = markup
    .replace(/^\uFEFF/, '')
    .replace(/^(<\?xml[^>]*?encoding=)(["'])[^"']*\2/, '$1$2UTF-8$2')
    .replace(/<meta[^>]+charset=[^>]*>/i, '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>');
  return new TextEncoder().encode(fixed);
}

/**
 * Converts the KF8 part of an AZW3 or joint MOBI into an EPUB 2 package: rebuilt XHTML files in
 * skeleton order as the spine, the CSS/SVG flows, images and fonts, kindle: links rewritten.
 */
export async function convertKf8(bytes: Uint8Array): Promise<Kf8Conversion> {
  const book = openKindle(bytes);
  requireReadable(book, 'kf8');
  const db = book.db!;
  const h = book.kf8!;
  const warnings: string[] = [];
  const parts = buildKf8Parts(db, h, readTextStream(db, h));

  const { first, end } = resourceRange(book, h);
  const resources = first === undefined ? [] : readResources(db, first, end, warnings);
  const byNumber = new Map<number, KindleResource>(resources.map((r) => [r.number, r]));
  const resourceHref = (r: KindleResource) => `${r.kind === 'font' ? 'fonts' : 'images'}/${String(r.number).padStart(5, '0')}.${r.extension}`;

  // Flows other than 0: CSS as files, SVG as image files; anything else is kept as CSS-less text.
  const flowItems = new Map<number, EpubItem>();
  parts.flows.forEach((flow, n) => {
    if (n === 0) return;
    const isSvg = /<svg[\s>]/i.test(flow);
    const num = String(n).padStart(4, '0');
    flowItems.set(n, {
      id: `flow${num}`,
      href: isSvg ? `images/flow${num}.svg` : `styles/flow${num}.css`,
      mediaType: isSvg ? 'image/svg+xml' : 'text/css',
      data: new Uint8Array(),
    });
  });
  const fileHref = (i: number) => `text/part${String(i).padStart(4, '0')}.xhtml`;
  const resolver = new Kf8LinkResolver(parts, {
    fileHref,
    resourceHref: (n) => {
      const r = byNumber.get(n);
      return r ? resourceHref(r) : undefined;
    },
    flowHref: (n) => flowItems.get(n)?.href,
  });

  const items: EpubItem[] = [];
  const spine: string[] = [];
  for (const file of parts.files) {
    const id = `part${String(file.index).padStart(4, '0')}`;
    const markup = decodeMarkup(resolver.rewrite(file.markup, 'text', file.index), h.codec);
    items.push({ id, href: fileHref(file.index), mediaType: 'application/xhtml+xml', data: asUtf8Xhtml(markup) });
    spine.push(id);
  }
  for (const [n, item] of flowItems) {
    const dir = item.href.split('/')[0]!;
    const text = decodeMarkup(resolver.rewrite(parts.flows[n]!, dir), h.codec);
    items.push({ ...item, data: new TextEncoder().encode(text) });
  }
  for (const r of resources) items.push({ id: `res${String(r.number).padStart(5, '0')}`, href: resourceHref(r), mediaType: r.mediaType, data: r.data });

  const md = book.info.metadata;
  const identifier = kindleIdentifier(book, h);
  const toc = readKf8Toc(db, h, resolver, fileHref, warnings);
  if (toc.length > 0) {
    items.push({ id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml', data: new TextEncoder().encode(tocNcx(identifier, md.title, toc)) });
  }
  const coverOffset = exthValue(book.kf7 ?? h, 201);
  const cover = typeof coverOffset === 'number' && coverOffset !== NULL_INDEX ? byNumber.get(coverOffset + 1) : undefined;
  const epub = await writeKindleEpub(book, h, {
    spine,
    items,
    tocId: toc.length > 0 ? 'ncx' : undefined,
    coverImageId: cover?.kind === 'image' ? `res${String(cover.number).padStart(5, '0')}` : undefined,
    convertedFrom: `${book.info.kind} (KF8 header record ${h.base})`,
  });
  return {
    epub,
    info: book.info,
    spine: spine.map((id) => items.find((i) => i.id === id)!.href),
    images: resources.filter((r) => r.kind === 'image').length,
    fonts: resources.filter((r) => r.kind === 'font').length,
    toc,
    warnings,
  };
}

/**
 * Resource records: in a KF8-only file from the header's first resource record to the end; in a joint
 * file the shared resources sit in the KF7 part, from the KF7 header's first resource record to the
 * BOUNDARY record (KindleUnpack does the same; the KF8 header's own field is not usable there).
 */
function resourceRange(book: KindleBook, h: MobiHeader): { first?: number; end: number } {
  const db = book.db!;
  if (book.info.kind === 'joint' && book.kf7) {
    const first = book.kf7.firstResourceRecord;
    return { first: first === NULL_INDEX ? undefined : first, end: h.base - 1 };
  }
  const first = h.firstResourceRecord === NULL_INDEX ? h.base + h.textRecordCount + 1 : h.base + h.firstResourceRecord;
  return { first, end: db.recordCount };
}
