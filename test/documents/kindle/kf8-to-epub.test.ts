import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertKf8, kf8ToEpub, mobi6ToEpub } from '../../../main/documents/kindle';

const corpus = path.resolve(process.cwd(), '../shared/corpus');
const load = (name: string) => new Uint8Array(readFileSync(path.join(corpus, name)));

interface Laid {
  pages: number;
  text: string;
  imageBlocks: number;
}

/** Opens an EPUB with MuPDF at a fixed layout and extracts every page's text. */
function layOut(epub: Uint8Array): Laid {
  const doc = mupdf.Document.openDocument(epub, 'application/epub+zip');
  doc.layout(420, 595, 11);
  let text = '';
  let imageBlocks = 0;
  const pages = doc.countPages();
  for (let i = 0; i < pages; i++) {
    const st = doc.loadPage(i).toStructuredText('preserve-images');
    text += st.asText();
    st.walk({ onImageBlock: () => void imageBlocks++ });
  }
  return { pages, text, imageBlocks };
}

/** Zip entries in order, name → bytes (checks the OCF layout the converter writes). */
function unzip(bytes: Uint8Array): Promise<[string, Buffer][]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: [string, Buffer][] = [];
      zip.on('entry', (e: yauzl.Entry) =>
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.push([e.fileName, Buffer.concat(chunks)]);
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Fraction of the reference's 8-character shingles (whitespace removed) that also occur in `text`. */
function sharedFraction(reference: string, text: string): number {
  const squash = (s: string) => s.replace(/\s+/g, '');
  const a = squash(reference);
  const b = new Set<string>();
  const t = squash(text);
  for (let i = 0; i + 8 <= t.length; i++) b.add(t.slice(i, i + 8));
  let total = 0;
  let shared = 0;
  for (let i = 0; i + 8 <= a.length; i += 8) {
    total++;
    if (b.has(a.slice(i, i + 8))) shared++;
  }
  return shared / total;
}

describe('kf8ToEpub: Japanese AZW3 (Kusamakura)', () => {
  let laid: Laid;
  let entries: [string, Buffer][];
  beforeAll(async () => {
    const epub = await kf8ToEpub(load('mobi/ja-kusamakura.calibre.azw3'));
    laid = layOut(epub);
    entries = await unzip(epub);
  });

  it('is an OCF zip: mimetype first and stored, container.xml, OPF with the rebuilt parts in the spine', () => {
    expect(entries[0]).toEqual(['mimetype', Buffer.from('application/epub+zip')]);
    const names = entries.map(([n]) => n);
    expect(names).toContain('META-INF/container.xml');
    const opf = entries.find(([n]) => n === 'OEBPS/content.opf')![1].toString('utf8');
    expect(opf).toContain('<dc:title>草枕</dc:title>');
    expect(opf).toContain('<dc:language>ja</dc:language>');
    expect(opf).toContain('page-progression-direction="rtl"');
    expect(opf.match(/<itemref /g)).toHaveLength(18);
    // No kindle: URI survives: links, flows and embeds are all rewritten.
    for (const [name, data] of entries) if (/\.(xhtml|css)$/.test(name)) expect(data.toString('utf8')).not.toMatch(/kindle:(pos|embed|flow)/);
  });

  it('keeps the embedded font: the zlib-compressed, XOR-obfuscated FONT record decodes to a TrueType MuPDF loads', () => {
    const font = entries.find(([n]) => /^OEBPS\/fonts\/\d+\.ttf$/.test(n));
    expect(font).toBeDefined();
    expect(() => new mupdf.Font('embedded', font![1])).not.toThrow();
    const css = entries.filter(([n]) => n.endsWith('.css')).map(([, d]) => d.toString('utf8')).join('\n');
    expect(css).toContain(`../fonts/${path.basename(font![0])}`);
  });

  it('MuPDF lays it out and the novel text comes out', () => {
    expect(laid.pages).toBeGreaterThan(100);
    // Ruby readings are laid out inline (やまみち), as in the source EPUB.
    expect(laid.text).toMatch(/山路(やまみち)?を登りながら、こう考えた/);
    expect(laid.text).toMatch(/智(ち)?に働けば角(かど)?が立つ/);
  });

  it('shares most of its text with MuPDF\u2019s reading of the source EPUB', () => {
    const reference = layOut(load('epub/ja-kusamakura-vertical.epub')).text;
    expect(sharedFraction(reference, laid.text)).toBeGreaterThan(0.98); // 1.0 measured
  });
});

describe('kf8ToEpub: images and links', () => {
  it('Voyage of Life AZW3: every image record lands in the EPUB, decodes, and is drawn on a page', async () => {
    const r = await convertKf8(load('mobi/en-cole-voyage-of-life.calibre.azw3'));
    expect(r.images).toBe(10);
    expect(r.warnings).toEqual([]);
    const entries = await unzip(r.epub);
    const images = entries.filter(([n]) => n.startsWith('OEBPS/images/'));
    expect(images).toHaveLength(10);
    for (const [name, data] of images) {
      const img = new mupdf.Image(data);
      expect(img.getWidth(), name).toBeGreaterThan(50);
      expect(img.getHeight(), name).toBeGreaterThan(50);
    }
    const opf = entries.find(([n]) => n === 'OEBPS/content.opf')![1].toString('utf8');
    expect(opf).toMatch(/<meta name="cover" content="res00002"\/>/); // EXTH 201 cover offset 1
    const laid = layOut(r.epub);
    expect(laid.imageBlocks).toBeGreaterThanOrEqual(8);
    expect(laid.text).toContain('The Voyage of Life');
  });

  it('joint KF7+KF8 MOBI: the KF8 part converts, kindle:pos links become file#id links', async () => {
    const r = await convertKf8(load('mobi/en-childrens-literature.kf7-kf8-joint.mobi'));
    expect(r.info.kind).toBe('joint');
    expect(r.spine).toEqual(['text/part0000.xhtml', 'text/part0001.xhtml']);
    const entries = await unzip(r.epub);
    const toc = entries.find(([n]) => n === 'OEBPS/text/part0000.xhtml')![1].toString('utf8');
    const body = entries.find(([n]) => n === 'OEBPS/text/part0001.xhtml')![1].toString('utf8');
    const targets = [...toc.matchAll(/href="part0001\.xhtml#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(100);
    for (const id of targets.slice(0, 20)) expect(body).toContain(`id="${id}"`);
    const laid = layOut(r.epub);
    expect(laid.text).toContain('THE CONTENTS');
    expect(laid.text).toContain('A FOUR-LEAVED CLOVER');
  });

  it('refuses a KF7-only book (that goes to MuPDF\u2019s MOBI reader or mobi6ToEpub)', async () => {
    await expect(kf8ToEpub(load('mobi/ja-kusamakura.calibre.mobi'))).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringMatching(/not a KF8 book: this is a mobi6 file/) });
  });
});

describe('mobi6ToEpub', () => {
  it('KF7 Kusamakura: text and the cover image come out, filepos links resolve to anchors', async () => {
    const epub = await mobi6ToEpub(load('mobi/ja-kusamakura.calibre.mobi'));
    const entries = await unzip(epub);
    const html = entries.find(([n]) => n === 'OEBPS/text/book.html')![1].toString('utf8');
    const links = [...html.matchAll(/href="#(filepos\d+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const id of links) expect(html).toContain(`id="${id}"`);
    expect(entries.some(([n]) => /^OEBPS\/images\/\d+\.(jpg|png|gif)$/.test(n))).toBe(true);
    const laid = layOut(epub);
    expect(laid.text).toMatch(/山路(やまみち)?を登りながら、こう考えた/);
  });
});

describe('table of contents', () => {
  it('the KF8 NCX index becomes toc.ncx, which MuPDF reads as the outline (libmobi NCX sample)', async () => {
    const r = await convertKf8(load('mobi/libmobi-sample-ncx.mobi'));
    expect(r.toc.map((e) => e.label)).toEqual(['Test chapter 1', 'Test chapter 2']);
    expect(r.toc[1]!.children.map((e) => [e.label, e.href])).toEqual([
      ['Test subchapter 2-1', 'text/part0002.xhtml#sigil_toc_id_1'],
      ['Test subchapter 2-2', 'text/part0002.xhtml#sigil_toc_id_2'],
    ]);
    const doc = mupdf.Document.openDocument(r.epub, 'application/epub+zip');
    doc.layout(420, 595, 11);
    const outline = doc.loadOutline()!;
    expect(outline.map((o) => o.title)).toEqual(['Test chapter 1', 'Test chapter 2']);
    expect(outline[1]!.down!.map((o) => o.title)).toEqual(['Test subchapter 2-1', 'Test subchapter 2-2']);
  });
});
