// Generators of test inputs: real files made with MuPDF, yazl and zlib (never mocks).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as mupdf from 'mupdf';
import yazl from 'yazl';

export const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
export const corpus = (rel: string) => path.join(CORPUS, rel);

// The IPAex Gothic the app ships (resources/fonts): a fresh machine has no Japanese system font.
const FONT_FILE = path.resolve(process.cwd(), 'resources/fonts/ipaexg.ttf');

/**
 * A PDF with real embedded Japanese text: horizontal lines (Identity-H) and vertical columns
 * (Identity-V, one glyph after another downwards, the way typeset vertical books are written).
 */
export function japanesePdf(spec: { horizontal?: string[]; vertical?: string[]; size?: number }): Uint8Array {
  const size = spec.size ?? 14;
  const doc = new mupdf.PDFDocument();
  const fontBytes = fs.readFileSync(FONT_FILE);
  const hFont = new mupdf.Font('IPAexGothic', fontBytes);
  const vFont = hFont;
  const fh = doc.addFont(hFont);
  // The same embedded font under a second Type0 dictionary whose CMap is Identity-V (vertical).
  const vDict = doc.newDictionary();
  fh.resolve().forEach((v, k) => vDict.put(k, v));
  vDict.put('Encoding', doc.newName('Identity-V'));
  const fv = doc.addObject(vDict);
  const hex = (font: mupdf.Font, s: string) => [...s].map((ch) => font.encodeCharacter(ch.codePointAt(0)!).toString(16).padStart(4, '0')).join('');
  const W = 420;
  const H = 595;
  let content = '';
  (spec.horizontal ?? []).forEach((line, i) => {
    content += `BT /FH ${size} Tf 1 0 0 1 40 ${H - 60 - i * size * 1.8} Tm <${hex(hFont, line)}> Tj ET\n`;
  });
  (spec.vertical ?? []).forEach((col, i) => {
    content += `BT /FV ${size} Tf 1 0 0 1 ${W - 50 - i * size * 1.8} ${H - 250} Tm <${hex(vFont, col)}> Tj ET\n`;
  });
  const page = doc.addPage([0, 0, W, H], 0, { Font: { FH: fh, FV: fv } }, content);
  doc.insertPage(-1, page);
  return doc.saveToBuffer('compress').asUint8Array().slice();
}

/** A PDF of `pages` blank pages, written directly (MuPDF's insertPage is quadratic at 10,000 pages). */
export function manyPagePdf(pages: number): Uint8Array {
  const objs: string[] = [];
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  objs[2] = `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`;
  for (let i = 0; i < pages; i++) objs[i + 3] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>';
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  for (let n = 1; n < objs.length; n++) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objs[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objs.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A tiny PNG whose header claims width×height (30,000×30,000 is 2.7 GB of pixels). */
export function pngHeaderClaiming(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(body) : 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]));
}

/** A PNG of width×height pixels with a label drawn by MuPDF (screenshot sets). */
export function labelledPng(label: string, width = 300, height = 200): Uint8Array {
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, width, height], false);
  pix.clear(255);
  const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
  const text = new mupdf.Text();
  text.showString(new mupdf.Font('Helvetica'), [28, 0, 0, -28, 20, 100], label);
  dev.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
  dev.close();
  return pix.asPNG().slice();
}

export interface ZipFileSpec {
  name: string;
  data: Uint8Array | string;
  compress?: boolean;
}

/** Writes a ZIP with yazl (entries in the given order). */
export function writeZip(file: string, entries: ZipFileSpec[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const mtime = new Date(Date.UTC(2024, 0, 1));
    for (const e of entries) {
      zip.addBuffer(Buffer.from(typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data), e.name, { compress: e.compress ?? true, mtime });
    }
    zip.end();
    const out = fs.createWriteStream(file);
    zip.outputStream.pipe(out).on('close', resolve).on('error', reject);
  });
}

/** A minimal EPUB 3 with the given XHTML chapters (bodies), optional extra entries. */
export function writeEpub(file: string, opts: { title: string; lang?: string; chapters: string[]; extra?: ZipFileSpec[]; identifier?: string; creator?: string; css?: string }): Promise<void> {
  const items = opts.chapters.map((_, i) => `<item id="c${i}" href="c${i}.xhtml" media-type="application/xhtml+xml"/>`).join('');
  const refs = opts.chapters.map((_, i) => `<itemref idref="c${i}"/>`).join('');
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">${opts.identifier ?? 'urn:uuid:12345678-1234-1234-1234-123456789abc'}</dc:identifier>
<dc:title>${opts.title}</dc:title><dc:language>${opts.lang ?? 'ja'}</dc:language>
<dc:creator>${opts.creator ?? 'テスト著者'}</dc:creator>
<meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
</metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>${items}</manifest>
<spine>${refs}</spine></package>`;
  const nav = `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>nav</title></head><body><nav epub:type="toc"><ol><li><a href="c0.xhtml">1</a></li></ol></nav></body></html>`;
  const chapter = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${opts.title}</title>${opts.css ? '<link rel="stylesheet" type="text/css" href="style.css"/>' : ''}</head><body>${body}</body></html>`;
  return writeZip(file, [
    { name: 'mimetype', data: 'application/epub+zip', compress: false },
    { name: 'META-INF/container.xml', data: `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>` },
    { name: 'OEBPS/content.opf', data: opf },
    { name: 'OEBPS/nav.xhtml', data: nav },
    ...opts.chapters.map((body, i) => ({ name: `OEBPS/c${i}.xhtml`, data: chapter(body) })),
    ...(opts.css ? [{ name: 'OEBPS/style.css', data: opts.css }] : []),
    ...(opts.extra ?? []),
  ]);
}
