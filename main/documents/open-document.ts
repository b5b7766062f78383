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
import { inventoryOf, readZip, type ZipContents } from './zip-archive';
import { findNameClashes } from './epub-decoys';
import { otherVersionsEpub } from './epub-other-versions';
import { pagesText, withExtraReadings, type ExtraReading } from './composite-document';
import { findZipSpan, pdfStart } from './zip-span';
import { loadWebpDecoder, webpToPng } from './webp-image';
import { apngFrames, GifFramePngs, imageFrames } from './image-frames';

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
  /** Per page, when the item joins readings of different kinds (a PDF with an EPUB appended). */
  rubyMarkedAt?: (index: number) => boolean;
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
      return openPdfFile(bytes, opts);
    case 'epub':
    case 'cbz':
    case 'image-set':
      return openZipFile(bytes, source.format, opts);
    case 'mobi':
    case 'azw3':
    case 'kfx':
      return openKindle(bytes, opts);
    case 'image':
      if (source.mediaType === 'image/webp') {
        const png = webpToPng(await loadWebpDecoder(), bytes, opts.limits.maxImagePixels);
        return openMupdf(png, 'image/png', 'image', null, { format: imageLabel(source.mediaType) }, true);
      }
      // An animated GIF (frames MuPDF does not see) or APNG (frames said) goes the way a set's images go.
      if (source.mediaType === 'image/gif' || apngFrames(bytes) > 1) {
        return imageSet([{ name: 'the image', data: bytes, mime: source.mediaType ?? 'image/png' }], 'image', { format: imageLabel(source.mediaType) }, opts);
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

/**
 * An EPUB read from its ZIP. `bytes` is what MuPDF may lay out as it is, or null when it must get a clean
 * copy (the ZIP sat inside other bytes). Names that clash (epub-decoys.ts) are laid out by their exact
 * version; every other version of them gets pages of its own after the book's.
 */
async function openEpub(zip: ZipContents, bytes: Uint8Array | null, opts: OpenOptions): Promise<OpenedDocument> {
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
  const clashes = findNameClashes(zip, pkg);
  const notes = (opts.notes ??= []);
  let book: OpenedDocument;
  if (pkg.imageOnlySpine) {
    // MuPDF shows images placed straight in the spine as blank pages: open them one by one instead.
    const images = pkg.spine.map((s) => ({ name: s.href, data: zip.get(s.href), mime: s.mediaType }));
    const missing = images.find((i) => !i.data);
    if (missing) throw new Error(`spine image ${missing.name} is missing from the EPUB`);
    metadata.images = images.map((i) => i.name);
    book = imageSet(images as { name: string; data: Uint8Array; mime: string }[], 'epub', metadata, opts, await webpDecoderFor(images as { mime: string }[]));
  } else {
    // Names not marked UTF-8, SVG text, clashing names: MuPDF gets a copy it can read whole (the evidence file is untouched).
    const laidOut = (await rewriteEpubForLayout(zip, pkg, notes, clashes?.kept ?? (bytes ? undefined : zip.entries))) ?? bytes!;
    if (declaresVerticalRl(styledEntries(zip))) notes.push(HORIZONTAL_SUBSTITUTE);
    book = { ...openMupdf(laidOut, 'application/epub+zip', 'epub', opts.layout, metadata, false), reflowSource: async () => laidOut };
  }
  if (!clashes) return book;
  const others = await otherVersionsEpub(clashes);
  let extra: ExtraReading | null = null;
  if (others) {
    try {
      const zipOfOthers = await readZip(others.bytes, opts.limits);
      extra = { label: 'other versions of clashing ZIP entries', doc: await openEpub(zipOfOthers, others.bytes, { ...opts, notes: [] }) };
    } catch (err) {
      book.close();
      throw err;
    }
  }
  const { doc, ranges } = withExtraReadings(book, extra ? [extra] : [], opts.layout);
  notes.push(...clashNotes(clashes, others?.read ?? [], ranges[0] ? pagesText(ranges[0]) : null));
  return doc;
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

async function openImageZip(zip: ZipContents, format: DocumentFormat, opts: OpenOptions): Promise<OpenedDocument> {
  const names = naturalSort([...new Set(zip.entries.map((e) => e.name).filter((n) => IMAGE_NAME.test(n) && !/(^|\/)(__MACOSX\/|\.)/.test(n)))]);
  if (names.length === 0) throw new Error('the ZIP holds no images (not a CBZ or screenshot set)');
  // A name stored twice is a page per version: either may be the one a viewer shows.
  const images = names.flatMap((name) => zip.entries.filter((e) => e.name === name).map((e) => ({ name, data: e.data, mime: mimeOfName(name) })));
  const twice = names.filter((n) => zip.duplicates.includes(n));
  if (twice.length) {
    opts.notes?.push({
      code: 'zip-duplicate-entry',
      detail: `${twice.length} image name${twice.length > 1 ? 's' : ''} stored more than once in the ZIP (such as ${twice[0]}): every version is read, a page each, in the order stored`,
      partial: false,
    });
  }
  const metadata: DocumentMetadata = { format: format === 'cbz' ? 'CBZ' : 'screenshot set (ZIP)', inventory: inventoryOf(zip), images: images.map((i) => i.name) };
  return imageSet(images, format, metadata, opts, await webpDecoderFor(images));
}

/**
 * EPUB, CBZ or screenshot ZIP. The ZIP is found by its end record: bytes outside it (a PDF before or after
 * it, a polyglot) are not dropped unseen: a PDF there is read as well, anything else is said.
 */
async function openZipFile(bytes: Uint8Array, format: DocumentFormat, opts: OpenOptions): Promise<OpenedDocument> {
  const span = findZipSpan(bytes);
  const clean = !span || (span.dataStart === 0 && span.end === bytes.byteLength);
  const zip = await readZip(clean ? bytes : bytes.subarray(span.start, span.end), opts.limits);
  const main = format === 'epub' ? await openEpub(zip, clean ? bytes : null, opts) : await openImageZip(zip, format, opts);
  if (clean) return main;
  const what = format === 'epub' ? 'EPUB' : 'ZIP';
  const outside = [[0, span.dataStart], [span.end, bytes.byteLength]].filter(([a, b]) => b > a);
  const pdfAt = outside.map(([a, b]) => ({ at: pdfStart(bytes, a, b), end: b })).find((p) => p.at !== null);
  const notes = (opts.notes ??= []);
  const zipPart = `the ${what} (bytes ${span.dataStart}–${span.end})`;
  if (!pdfAt) {
    notes.push({
      code: 'zip-outside-bytes',
      detail: `${outside.map(([a, b]) => `bytes ${a}–${b}`).join(' and ')} of the file lie outside ${zipPart} and are not a PDF: not read`,
      partial: false,
    });
    return main;
  }
  const pdfBytes = bytes.subarray(pdfAt.at!, pdfAt.end);
  let pdf: OpenedDocument;
  try {
    pdf = openPdf(pdfBytes, opts);
  } catch (err) {
    notes.push({ code: 'polyglot-file', detail: `the file is also a PDF (bytes ${pdfAt.at}–${pdfAt.end}) beside ${zipPart}; the PDF could not be read: ${oneLine(err)}`, partial: true });
    return main;
  }
  const { doc, ranges } = withExtraReadings(main, [{ label: 'PDF', doc: pdf }], opts.layout);
  notes.push({
    code: 'polyglot-file',
    detail: `the file is two documents: ${zipPart} and a PDF (bytes ${pdfAt.at}–${pdfAt.end}); both are read, the PDF on ${ranges[0] ? pagesText(ranges[0]) : 'no page'}`,
    partial: false,
  });
  return doc;
}

/**
 * A PDF. A ZIP found in its bytes (an EPUB or CBZ appended after %%EOF: calibre opens that, a PDF reader
 * the PDF) is read as well, on pages after the PDF's, and the file is said to be a polyglot.
 */
async function openPdfFile(bytes: Uint8Array, opts: OpenOptions): Promise<OpenedDocument> {
  const span = findZipSpan(bytes);
  if (!span || span.dataStart === 0) return openPdf(bytes, opts);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const appended = buf.lastIndexOf('%%EOF') < span.dataStart;
  // An appended ZIP is cut off: MuPDF reads the PDF as written, without repairing past its end.
  const main = openPdf(appended ? bytes.subarray(0, span.dataStart) : bytes, opts);
  const notes = (opts.notes ??= []);
  const where = appended ? `appended after the PDF's end (bytes ${span.dataStart}–${span.end})` : `inside the PDF's bytes (${span.dataStart}–${span.end})`;
  const inner: OpenOptions = { ...opts, notes: [] };
  let extra: OpenedDocument;
  let what = 'ZIP archive';
  try {
    const zip = await readZip(bytes.subarray(span.start, span.end), opts.limits);
    what = zip.get('META-INF/container.xml') ? 'EPUB' : 'ZIP of images';
    extra = what === 'EPUB' ? await openEpub(zip, null, inner) : await openImageZip(zip, 'cbz', inner);
  } catch (err) {
    notes.push({ code: 'polyglot-file', detail: `the file is a PDF with a ${what} ${where}, which could not be read: ${oneLine(err)}`, partial: true });
    return main;
  }
  const { doc, ranges } = withExtraReadings(main, [{ label: what, doc: extra }], opts.layout);
  notes.push({
    code: 'polyglot-file',
    detail: `the file is two documents: a PDF and an ${what} ${where}; both are read, the ${what} on ${ranges[0] ? pagesText(ranges[0]) : 'no page'}`,
    partial: false,
  });
  for (const n of inner.notes ?? []) notes.push({ ...n, detail: `in the ${what} (its own page numbers): ${n.detail}` });
  return doc;
}

/** What the reader says of clashing names: which version is the book, where the others were read. */
function clashNotes(clashes: NonNullable<ReturnType<typeof findNameClashes>>, read: string[], pages: string | null): ReadNote[] {
  const notes: ReadNote[] = [];
  const laidOut = new Set(read);
  const whereOthers = (list: { entry: { name: string } }[]) => {
    const shown = list.filter((o) => laidOut.has(o.entry.name));
    const unread = [...new Set(list.filter((o) => !laidOut.has(o.entry.name)).map((o) => o.entry.name))];
    return [
      shown.length ? `the other version${shown.length > 1 ? 's are' : ' is'} read on ${pages ?? 'no page (empty)'}` : '',
      unread.length ? `not laid out (not a document or picture, listed in the inventory): ${unread.slice(0, 5).join(', ')}${unread.length > 5 ? ', …' : ''}` : '',
    ].filter(Boolean).join('; ');
  };
  const twins = clashes.others.filter((o) => o.kind === 'case-twin');
  if (twins.length) {
    notes.push({
      code: 'zip-case-twin',
      detail: `${twins.length} ZIP entr${twins.length > 1 ? 'ies differ' : 'y differs'} from another only in letter case (such as ${twins[0].entry.name} beside ${twins[0].of}): the name the package gives was laid out as the book (readers that ignore case may show the twin); ${whereOthers(twins)}`,
      partial: false,
    });
  }
  const dups = clashes.others.filter((o) => o.kind === 'duplicate');
  if (dups.length) {
    const names = [...new Set(dups.map((o) => o.of))];
    notes.push({
      code: 'zip-duplicate-entry',
      detail: `${names.length} ZIP name${names.length > 1 ? 's are' : ' is'} stored more than once (such as ${names[0]}, ${dups.filter((o) => o.of === names[0]).length + 1} versions): the first version was laid out as the book (other readers may show another); ${whereOthers(dups)}`,
      partial: false,
    });
  }
  if (clashes.otherSpines.length) {
    notes.push({
      code: 'zip-duplicate-entry',
      detail: `another version of the package names documents the book's spine does not (${clashes.otherSpines.slice(0, 5).join(', ')}): read on ${pages ?? 'no page'}`,
      partial: false,
    });
  }
  return notes;
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
  // Frames: TIFF pages, GIF frames (decoded here: MuPDF reads only the first); the notes say what was folded or left.
  const pages = images.flatMap((img, image) => imageFrames(img, opts.limits, (opts.notes ??= [])).map((f) => ({ image, ...f })));
  if (pages.length > opts.limits.maxPages) throw new Error(`${pages.length} pages in ${images.length} images (limit ${opts.limits.maxPages} pages)`);
  let open: { image: number; frame: number; doc: mupdf.Document } | null = null;
  let gif: { image: number; frames: GifFramePngs } | null = null;
  // A set names the image at fault; a single image file (an animated GIF) names only the frame.
  const where = (name: string, frame: number) => format === 'image' ? (frame ? `frame ${frame + 1}: ` : '') : `image ${name}${frame ? ` (frame ${frame + 1})` : ''}: `;
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
      if (open?.image !== at.image || (at.decoded && open.frame !== at.frame)) {
        open?.doc.destroy();
        open = null;
        try {
          if (at.decoded) {
            // A GIF frame composited by Shoko, handed to MuPDF as a PNG of the whole canvas.
            if (gif?.image !== at.image) gif = { image: at.image, frames: new GifFramePngs(img.data, opts.limits.maxImagePixels) };
            open = { image: at.image, frame: at.frame, doc: mupdfOpen(gif.frames.png(at.frame), 'image/png') };
          } else {
            open = webp && img.mime === 'image/webp'
              ? { image: at.image, frame: 0, doc: mupdfOpen(webpToPng(webp, img.data, opts.limits.maxImagePixels), 'image/png') }
              : { image: at.image, frame: 0, doc: mupdfOpen(img.data, img.mime) };
          }
        } catch (err) {
          throw new Error(`${where(img.name, at.frame)}${(err as Error).message}`);
        }
      }
      try {
        return open.doc.loadPage(at.decoded ? 0 : at.frame);
      } catch (err) {
        throw new Error(`${where(img.name, at.frame)}${oneLine(err)}`);
      }
    },
    close() {
      open?.doc.destroy();
      open = null;
      gif = null;
    },
  };
}

function mimeOfName(name: string): string {
  return IMAGE_MIME[name.split('.').pop()!.toLowerCase()] ?? 'image/png';
}

function imageLabel(mediaType?: string): string {
  return mediaType ? `${mediaType.replace('image/', '').toUpperCase()} image` : 'image';
}
