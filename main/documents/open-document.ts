import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import type { LayoutSpec } from '../../shared/model/page';
import { readEpubPackage } from './epub-package';
import { rewriteEpubForLayout } from './epub-rewrite';
import { declaresVerticalRl, HORIZONTAL_SUBSTITUTE, styledEntries } from './vertical-layout';
import { RUBY_CSS } from './ruby-style';
import { REFLOW_CSS } from './reflow-style';
import { kindleLabel, kindleMetadata, kindleReader } from './kindle-adapter';
import { naturalSort } from '../common/natural-sort';
import { pdfMetadata } from './pdf-metadata';
import { drmProtected, PDF_PASSWORD_NEEDED, PDF_PASSWORD_WRONG, ProtectedDocumentError } from './protection';
import type { DocumentFormat, DocumentMetadata, DocumentSource, ExtractionLimits, ReadNote } from './types';
import { oneLine } from '../common/errors';
import { inventoryOf, readZip } from './zip-archive';
import { loadWebpDecoder, webpToPng } from './webp-image';

/** A document opened in the worker: pages on demand, facts gathered at open time. */
export interface OpenedDocument {
  format: DocumentFormat;
  pageCount: number;
  /** The layout used for reflowable content; null for fixed pages (PDF, images). */
  layout: LayoutSpec | null;
  metadata: DocumentMetadata;
  /** True for image pages (single images, screenshot sets, CBZ): rendering decodes the whole image. */
  imagePages: boolean;
  /** Reflowable text laid out with RUBY_CSS: ruby readings can be told apart by their size. */
  rubyMarked?: boolean;
  /** What the reader worked around while opening (names decoded, records skipped, layout substituted). */
  readNotes: ReadNote[];
  /** Reflowable books: the EPUB whose spine was laid out (coverage.ts compares its text with the pages). */
  reflowSource?: () => Promise<Uint8Array>;
  loadPage(index: number): mupdf.Page;
  close(): void;
}

export interface OpenOptions {
  password?: string;
  layout: LayoutSpec;
  limits: ExtractionLimits;
  warnings: string[];
  /** Filled while opening; the opened document carries them as `readNotes`. */
  notes?: ReadNote[];
}

const IMAGE_NAME = /\.(png|jpe?g|gif|webp|tiff?|bmp|jxr|pnm|pbm|pgm|ppm)$/i;
const IMAGE_MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', tif: 'image/tiff',
  tiff: 'image/tiff', bmp: 'image/bmp', jxr: 'image/jxr', pnm: 'image/x-portable-anymap', pbm: 'image/x-portable-anymap',
  pgm: 'image/x-portable-anymap', ppm: 'image/x-portable-anymap',
};

/** Opens any supported source. Throws ProtectedDocumentError for DRM/password, Error for broken files. */
export async function openDocument(source: DocumentSource, opts: OpenOptions): Promise<OpenedDocument> {
  const notes = (opts.notes ??= []);
  const doc = await openSource(source, opts);
  doc.readNotes = notes;
  return doc;
}

async function openSource(source: DocumentSource, opts: OpenOptions): Promise<OpenedDocument> {
  if (source.container === 'folder') return openImageFolder(source.path, opts);
  const bytes = new Uint8Array(fs.readFileSync(source.path));
  if (bytes.byteLength === 0) throw new Error('empty file (0 bytes)');
  switch (source.format) {
    case 'pdf':
      return openPdf(bytes, opts);
    case 'epub':
      return openEpub(bytes, opts);
    case 'mobi':
    case 'azw3':
    case 'kfx':
      return openKindle(bytes, opts);
    case 'cbz':
    case 'image-set':
      return openImageZip(bytes, source.format, opts);
    case 'image':
      if (source.mediaType === 'image/webp') {
        const png = webpToPng(await loadWebpDecoder(), bytes, opts.limits.maxImagePixels);
        return openMupdf(png, 'image/png', 'image', null, { format: imageLabel(source.mediaType) }, true);
      }
      return openMupdf(bytes, source.mediaType ?? 'image/png', 'image', null, { format: imageLabel(source.mediaType) }, true);
    case 'fb2':
      return openMupdf(bytes, 'application/x-fictionbook+xml', 'fb2', opts.layout, { format: 'FictionBook 2' }, false);
    case 'unsupported':
      throw new Error('not a document format Shoko opens');
  }
}

function openMupdf(
  bytes: Uint8Array,
  magic: string,
  format: DocumentFormat,
  layout: LayoutSpec | null,
  metadata: DocumentMetadata,
  imagePages: boolean,
): OpenedDocument {
  const doc = mupdfOpen(bytes, magic);
  if (layout) {
    // Before layout: the style decides where pages break (the book's own CSS still applies).
    doc.style(true, `${RUBY_CSS}\n${REFLOW_CSS}`);
    doc.layout(layout.width, layout.height, layout.em);
  }
  const title = doc.getMetaData('info:Title');
  const author = doc.getMetaData('info:Author');
  if (title && !metadata.title) metadata.title = title;
  if (author && !metadata.authors?.length) metadata.authors = [author];
  return { ...wrap(doc, format, layout, metadata, imagePages), rubyMarked: layout !== null };
}

/** MuPDF's own open, with its terse errors ("no objects found") said as what failed. */
function mupdfOpen(bytes: Uint8Array, magic: string): mupdf.Document {
  try {
    return mupdf.Document.openDocument(bytes, magic);
  } catch (err) {
    throw new Error(`cannot open as ${magic}: ${oneLine(err)}`);
  }
}

function wrap(doc: mupdf.Document, format: DocumentFormat, layout: LayoutSpec | null, metadata: DocumentMetadata, imagePages: boolean): OpenedDocument {
  let pageCount: number;
  try {
    pageCount = doc.countPages();
  } catch (err) {
    throw new Error(`cannot count the pages: ${oneLine(err)}`);
  }
  return {
    format,
    pageCount,
    layout,
    metadata,
    imagePages,
    readNotes: [],
    loadPage: (i) => doc.loadPage(i),
    close: () => doc.destroy(),
  };
}

function openPdf(bytes: Uint8Array, opts: OpenOptions): OpenedDocument {
  const doc = mupdfOpen(bytes, 'application/pdf');
  if (doc.needsPassword()) {
    if (!opts.password) throw new ProtectedDocumentError(PDF_PASSWORD_NEEDED);
    if (!doc.authenticatePassword(opts.password)) throw new ProtectedDocumentError(PDF_PASSWORD_WRONG);
  }
  const pdf = doc.asPDF();
  const metadata: DocumentMetadata = pdf ? pdfMetadata(pdf, opts.warnings) : { format: 'PDF' };
  const enc = doc.getMetaData('encryption');
  if (enc && enc !== 'None') metadata.pdfInfo = { ...metadata.pdfInfo, '(encryption)': enc };
  return wrap(doc, 'pdf', null, metadata, false);
}

async function openEpub(bytes: Uint8Array, opts: OpenOptions): Promise<OpenedDocument> {
  const zip = await readZip(bytes, opts.limits);
  if (zip.duplicates.length) opts.warnings.push(`duplicate ZIP entry names (first one used): ${zip.duplicates.join(', ')}`);
  const pkg = readEpubPackage(zip);
  if (pkg.protectedReason) throw new ProtectedDocumentError(pkg.protectedReason);
  const metadata = { ...pkg.metadata, inventory: inventoryOf(zip) };
  // An XMP packet shipped in the package (EPUB 3 metadata link) is kept verbatim, like a PDF's.
  const xmp = zip.entries.find((e) => /\.xmp$/i.test(e.name));
  if (xmp) metadata.xmp = Buffer.from(xmp.data).toString('utf8').slice(0, 200_000);
  const missing = pkg.spine.filter((s) => !zip.get(s.href)).map((s) => s.href);
  // MuPDF lays out a placeholder page ("ERROR: cannot find chapter …") for these: say so.
  if (missing.length) {
    opts.warnings.push(`spine items missing from the EPUB (shown as placeholder pages): ${missing.join(', ')}`);
    opts.notes?.push({ code: 'spine-items-missing', detail: `${missing.length} spine document(s) missing from the EPUB, such as ${missing[0]}`, partial: true });
  }
  if (pkg.imageOnlySpine) {
    // MuPDF shows images placed straight in the spine as blank pages: open them one by one instead.
    const images = pkg.spine.map((s) => ({ name: s.href, data: zip.get(s.href), mime: s.mediaType }));
    const missing = images.find((i) => !i.data);
    if (missing) throw new Error(`spine image ${missing.name} is missing from the EPUB`);
    metadata.images = images.map((i) => i.name);
    return imageSet(images as { name: string; data: Uint8Array; mime: string }[], 'epub', metadata, opts, await webpDecoderFor(images as { mime: string }[]));
  }
  // Names not marked UTF-8 or SVG text: MuPDF gets a copy it can read whole (the evidence file is untouched).
  const laidOut = (await rewriteEpubForLayout(zip, pkg, (opts.notes ??= []))) ?? bytes;
  if (declaresVerticalRl(styledEntries(zip))) opts.notes.push(HORIZONTAL_SUBSTITUTE);
  return { ...openMupdf(laidOut, 'application/epub+zip', 'epub', opts.layout, metadata, false), reflowSource: async () => laidOut };
}

async function openKindle(bytes: Uint8Array, opts: OpenOptions): Promise<OpenedDocument> {
  const kindle = await kindleReader();
  const info = kindle.readKindleContainer(bytes);
  const metadata = kindleMetadata(info);
  if (info.encrypted) {
    // The reader words its reason with drmProtected (format and scheme named), as every protected input is told.
    throw new ProtectedDocumentError(info.drmReason ?? drmProtected(kindleLabel(info.kind)));
  }
  if (info.kind === 'kf8' || info.kind === 'joint') {
    try {
      const epub = await kindle.kf8ToEpub(bytes);
      // The rebuilt EPUB gets what any EPUB gets: SVG text made text (KF8 SVG flows are separate SVG files).
      const zip = await readZip(epub, opts.limits);
      const laidOut = (await rewriteEpubForLayout(zip, readEpubPackage(zip), (opts.notes ??= []))) ?? epub;
      if (/vertical/i.test(info.metadata.writingMode ?? '') || declaresVerticalRl(styledEntries(zip))) opts.notes.push(HORIZONTAL_SUBSTITUTE);
      return { ...openMupdf(laidOut, 'application/epub+zip', 'azw3', opts.layout, metadata, false), reflowSource: async () => laidOut };
    } catch (err) {
      if (info.kind === 'kf8') throw new Error(`KF8 content could not be rebuilt: ${oneLine(err)}`);
      opts.warnings.push(`KF8 part could not be rebuilt (${oneLine(err)}); the KF7 part is shown`);
    }
  }
  const notes = (opts.notes ??= []);
  // MOBI 6 markup has no CSS: the EXTH writing mode is all a vertical book says of itself.
  if (/vertical/i.test(info.metadata.writingMode ?? '')) notes.push(HORIZONTAL_SUBSTITUTE);
  const damage = info.damage ?? [];
  const tableDamage = damage.filter((d) => !d.startsWith('EXTH'));
  if (damage.length > tableDamage.length) {
    notes.push({ code: 'mobi-exth-unreadable', detail: damage.filter((d) => d.startsWith('EXTH')).join('; '), partial: false });
  }
  // The kindle reader rebuilds the text stream, reading around damage: sound records are kept, bad ones
  // listed. MuPDF's own MOBI reader knows no such recovery (a damaged record table fails the whole book).
  const recovery = { damage: [...tableDamage], skipped: [] as string[] };
  let rebuilt: Uint8Array | null = null;
  try {
    rebuilt = await kindle.mobi6ToEpub(bytes, recovery);
  } catch (err) {
    if (tableDamage.length) throw err;
    opts.warnings.push(`the MOBI text could not be rebuilt for checking (${oneLine(err)}); MuPDF's reading is shown`);
  }
  if (rebuilt && (recovery.damage.length || recovery.skipped.length)) {
    const epub = rebuilt;
    notes.push({ code: 'mobi-records-skipped', detail: [...recovery.damage, ...recovery.skipped].join('; '), partial: true });
    return { ...openMupdf(epub, 'application/epub+zip', 'mobi', opts.layout, metadata, false), reflowSource: async () => epub };
  }
  // A sound MOBI 6: MuPDF reads it itself; the rebuild of the same text stream is the source compared.
  const source = rebuilt;
  return {
    ...openMupdf(bytes, 'application/x-mobipocket-ebook', 'mobi', opts.layout, metadata, false),
    reflowSource: source ? async () => source : () => kindle.mobi6ToEpub(bytes),
  };
}

async function openImageZip(bytes: Uint8Array, format: DocumentFormat, opts: OpenOptions): Promise<OpenedDocument> {
  const zip = await readZip(bytes, opts.limits);
  const names = naturalSort(zip.entries.map((e) => e.name).filter((n) => IMAGE_NAME.test(n) && !/(^|\/)(__MACOSX\/|\.)/.test(n)));
  if (names.length === 0) throw new Error('the ZIP holds no images (not a CBZ or screenshot set)');
  const images = names.map((name) => ({ name, data: zip.get(name)!, mime: mimeOfName(name) }));
  const metadata: DocumentMetadata = { format: format === 'cbz' ? 'CBZ' : 'screenshot set (ZIP)', inventory: inventoryOf(zip), images: names };
  return imageSet(images, format, metadata, opts, await webpDecoderFor(images));
}

async function openImageFolder(dir: string, opts: OpenOptions): Promise<OpenedDocument> {
  const names = naturalSort(fs.readdirSync(dir).filter((n) => IMAGE_NAME.test(n) && !n.startsWith('.')));
  if (names.length === 0) throw new Error(`${dir}: the folder holds no images`);
  if (names.length > opts.limits.maxPages) throw new Error(`${names.length} images (limit ${opts.limits.maxPages} pages)`);
  const images = names.map((name) => ({ name, data: new Uint8Array(fs.readFileSync(path.join(dir, name))), mime: mimeOfName(name) }));
  return imageSet(images, 'image-set', { format: 'screenshot set (folder)', images: names }, opts, await webpDecoderFor(images));
}

/** The WebP decoder, loaded only when a set holds WebP images (MuPDF has no WebP support). */
async function webpDecoderFor(images: readonly { mime: string }[]) {
  return images.some((i) => i.mime === 'image/webp') ? loadWebpDecoder() : null;
}

/**
 * One page per image — per frame for a multi-page TIFF (a scanned list is often one TIFF of many
 * pages); each image is opened by MuPDF only when one of its pages is asked for.
 */
function imageSet(
  images: { name: string; data: Uint8Array; mime: string }[], format: DocumentFormat, metadata: DocumentMetadata, opts: OpenOptions,
  webp: Awaited<ReturnType<typeof loadWebpDecoder>> | null = null,
): OpenedDocument {
  const pages = images.flatMap((img, image) => Array.from({ length: frameCount(img) }, (_, frame) => ({ image, frame })));
  if (pages.length > opts.limits.maxPages) throw new Error(`${pages.length} pages in ${images.length} images (limit ${opts.limits.maxPages} pages)`);
  let open: { image: number; doc: mupdf.Document } | null = null;
  return {
    format,
    pageCount: pages.length,
    layout: null,
    metadata,
    imagePages: true,
    readNotes: [],
    loadPage(i) {
      const at = pages[i];
      if (!at) throw new Error(`no page ${i + 1}`);
      const img = images[at.image];
      if (open?.image !== at.image) {
        open?.doc.destroy();
        open = null;
        try {
          open = webp && img.mime === 'image/webp'
            ? { image: at.image, doc: mupdfOpen(webpToPng(webp, img.data, opts.limits.maxImagePixels), 'image/png') }
            : { image: at.image, doc: mupdfOpen(img.data, img.mime) };
        } catch (err) {
          throw new Error(`image ${img.name}: ${(err as Error).message}`);
        }
      }
      try {
        return open.doc.loadPage(at.frame);
      } catch (err) {
        throw new Error(`image ${img.name}${at.frame ? ` (frame ${at.frame + 1})` : ''}: ${oneLine(err)}`);
      }
    },
    close() {
      open?.doc.destroy();
      open = null;
    },
  };
}

/** Frames of a TIFF (read from its directory by MuPDF, no decoding); every other image is one page. */
function frameCount(img: { data: Uint8Array; mime: string }): number {
  if (img.mime !== 'image/tiff') return 1;
  let doc: mupdf.Document | null = null;
  try {
    doc = mupdfOpen(img.data, img.mime);
    return Math.max(1, doc.countPages());
  } catch {
    return 1; // an unreadable TIFF still gets its one page, which then fails with the reason
  } finally {
    doc?.destroy();
  }
}

function mimeOfName(name: string): string {
  return IMAGE_MIME[name.split('.').pop()!.toLowerCase()] ?? 'image/png';
}

function imageLabel(mediaType?: string): string {
  return mediaType ? `${mediaType.replace('image/', '').toUpperCase()} image` : 'image';
}
