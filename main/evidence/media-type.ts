import fs from 'node:fs';
import path from 'node:path';
import { listZipEntries } from './zip-listing';

/** What a file is, decided by its content (magic bytes, container structure), never by its name. */
export interface MediaTypeInfo {
  mediaType: string;
  /** Human label, e.g. "EPUB", "MOBI/AZW3 (Kindle)", "Kindle KFX (DRM container)". */
  label: string;
  /** Set when the container itself says the content is protected. */
  protection?: 'drm' | 'encrypted';
  /** The file name's extension suggests another type than the content. */
  extensionMismatch: boolean;
  /** Why the type is uncertain or the container is damaged, if it is. */
  note?: string;
}

export const MEDIA = {
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  mobi: 'application/x-mobipocket-ebook',
  palmdoc: 'application/vnd.palm',
  kfx: 'application/vnd.amazon.kfx',
  cbz: 'application/vnd.comicbook+zip',
  zip: 'application/zip',
  xps: 'application/oxps',
  fb2: 'application/x-fictionbook+xml',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
  html: 'text/html',
  text: 'text/plain',
  unknown: 'application/octet-stream',
} as const;

const LABELS: Record<string, string> = {
  [MEDIA.pdf]: 'PDF', [MEDIA.epub]: 'EPUB', [MEDIA.mobi]: 'MOBI/AZW3 (Kindle)', [MEDIA.palmdoc]: 'PalmDOC',
  [MEDIA.kfx]: 'Kindle KFX (DRM container)', [MEDIA.cbz]: 'CBZ (comic / screenshot set)', [MEDIA.zip]: 'ZIP archive',
  [MEDIA.xps]: 'XPS', [MEDIA.fb2]: 'FictionBook 2', [MEDIA.png]: 'PNG image', [MEDIA.jpeg]: 'JPEG image',
  [MEDIA.tiff]: 'TIFF image', [MEDIA.webp]: 'WebP image', [MEDIA.gif]: 'GIF image', [MEDIA.bmp]: 'BMP image',
  [MEDIA.html]: 'HTML', [MEDIA.text]: 'plain text', [MEDIA.unknown]: 'unknown',
};

/** Extensions and the media types they may honestly carry. */
const EXTENSIONS: Record<string, string[]> = {
  '.pdf': [MEDIA.pdf], '.epub': [MEDIA.epub], '.kepub': [MEDIA.epub],
  '.mobi': [MEDIA.mobi, MEDIA.palmdoc], '.azw': [MEDIA.mobi], '.azw3': [MEDIA.mobi], '.prc': [MEDIA.mobi, MEDIA.palmdoc],
  '.kfx': [MEDIA.kfx], '.azw8': [MEDIA.kfx], '.kfx-zip': [MEDIA.kfx, MEDIA.zip],
  '.cbz': [MEDIA.cbz, MEDIA.zip], '.zip': [MEDIA.zip, MEDIA.cbz, MEDIA.epub], '.xps': [MEDIA.xps], '.oxps': [MEDIA.xps],
  '.fb2': [MEDIA.fb2], '.png': [MEDIA.png], '.jpg': [MEDIA.jpeg], '.jpeg': [MEDIA.jpeg], '.tif': [MEDIA.tiff],
  '.tiff': [MEDIA.tiff], '.webp': [MEDIA.webp], '.gif': [MEDIA.gif], '.bmp': [MEDIA.bmp],
  '.html': [MEDIA.html], '.htm': [MEDIA.html], '.xhtml': [MEDIA.html], '.txt': [MEDIA.text], '.csv': [MEDIA.text],
};

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|tiff?|bmp)$/i;

function startsWith(buf: Buffer, bytes: number[] | string, at = 0): boolean {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return buf.length >= at + b.length && buf.subarray(at, at + b.length).equals(b);
}

function readHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** Sniffs a file's type from its content; the name is used only to flag a disagreeing extension. */
export async function detectMediaType(file: string, originalName = path.basename(file)): Promise<MediaTypeInfo> {
  const head = readHead(file, 4096);
  const found = await sniff(file, head);
  const ext = path.extname(originalName).toLowerCase();
  const allowed = EXTENSIONS[ext];
  const extensionMismatch = allowed !== undefined && !allowed.includes(found.mediaType);
  return { label: LABELS[found.mediaType] ?? found.mediaType, ...found, extensionMismatch };
}

async function sniff(file: string, head: Buffer): Promise<Omit<MediaTypeInfo, 'extensionMismatch' | 'label'> & { label?: string }> {
  if (head.length === 0) return { mediaType: MEDIA.unknown, label: 'empty file', note: 'the file is empty (0 bytes)' };
  if (head.subarray(0, 1024).includes(Buffer.from('%PDF-'))) return { mediaType: MEDIA.pdf };
  if (startsWith(head, 'BOOKMOBI', 60)) return { mediaType: MEDIA.mobi };
  if (startsWith(head, 'TEXtREAd', 60)) return { mediaType: MEDIA.palmdoc };
  // KFX: an Amazon Ion "CONT" container, or a DRMION envelope; both are Kindle's protected formats.
  if (startsWith(head, 'CONT') || startsWith(head, [0xea, 0x44, 0x52, 0x4d, 0x49, 0x4f, 0x4e, 0xee])) {
    return { mediaType: MEDIA.kfx, protection: 'drm' };
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: MEDIA.png };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mediaType: MEDIA.jpeg };
  if (startsWith(head, 'II*\0') || startsWith(head, 'MM\0*')) return { mediaType: MEDIA.tiff };
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return { mediaType: MEDIA.webp };
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return { mediaType: MEDIA.gif };
  if (startsWith(head, 'BM') && head.length > 26 && head.readUInt32LE(2) > 26) return { mediaType: MEDIA.bmp };
  if (startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06')) return sniffZip(file, head);
  return sniffText(head);
}

async function sniffZip(file: string, head: Buffer): Promise<Omit<MediaTypeInfo, 'extensionMismatch'>> {
  // OCF: the first local entry is an uncompressed "mimetype" holding application/epub+zip.
  const nameLen = head.length >= 30 ? head.readUInt16LE(26) : 0;
  const extraLen = head.length >= 30 ? head.readUInt16LE(28) : 0;
  const firstName = head.subarray(30, 30 + nameLen).toString('latin1');
  const firstData = head.subarray(30 + nameLen + extraLen, 30 + nameLen + extraLen + 20).toString('latin1');
  const epubByFirstEntry = firstName === 'mimetype' && firstData.startsWith('application/epub+zip');
  let entries;
  try {
    entries = await listZipEntries(file);
  } catch (err) {
    const note = `damaged ZIP container: ${(err as Error).message}`;
    return epubByFirstEntry ? { mediaType: MEDIA.epub, label: 'EPUB', note } : { mediaType: MEDIA.zip, label: 'ZIP archive', note };
  }
  const names = entries.map((e) => e.name);
  const has = (n: string) => names.includes(n);
  if (epubByFirstEntry) return { mediaType: MEDIA.epub, label: 'EPUB', protection: has('META-INF/rights.xml') ? 'drm' : undefined };
  if (has('META-INF/container.xml')) {
    return { mediaType: MEDIA.epub, label: 'EPUB', note: 'EPUB without a leading mimetype entry', protection: has('META-INF/rights.xml') ? 'drm' : undefined };
  }
  if (has('[Content_Types].xml') && names.some((n) => /FixedDocumentSequence\.fdseq$/i.test(n) || /\.fdseq$/i.test(n))) return { mediaType: MEDIA.xps, label: 'XPS' };
  const files = entries.filter((e) => !e.isDirectory && !/^(__MACOSX\/|.*\/?\.DS_Store$|.*Thumbs\.db$)/.test(e.name));
  if (files.length > 0 && files.every((e) => IMAGE_EXT.test(e.name) || /ComicInfo\.xml$/i.test(e.name))) {
    return { mediaType: MEDIA.cbz, label: 'CBZ (comic / screenshot set)' };
  }
  return { mediaType: MEDIA.zip, label: 'ZIP archive' };
}

function sniffText(head: Buffer): Omit<MediaTypeInfo, 'extensionMismatch'> {
  if (head.includes(0)) return { mediaType: MEDIA.unknown, label: 'unknown (binary)' };
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (text.includes('<fictionbook')) return { mediaType: MEDIA.fb2, label: 'FictionBook 2' };
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || /<html[\s>]/.test(text)) return { mediaType: MEDIA.html, label: 'HTML' };
  return { mediaType: MEDIA.text, label: 'plain text' };
}
