// Every document of ../shared/corpus opens, or fails / is reported protected with the expected reason.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectMediaType } from '../../main/evidence/media-type';
import { extractDocument } from '../../main/documents/extract-document';
import { formatForMediaType } from '../../main/documents/formats';
import { DRM_MESSAGE } from '../../main/documents/protection';
import type { ExtractionResult } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { corpus } from './generate';

const pool = new DocumentWorkerPool(2);
afterAll(() => pool.close());

async function open(rel: string, password?: string): Promise<ExtractionResult> {
  const mt = await detectMediaType(corpus(rel));
  const format = formatForMediaType(mt.mediaType) ?? 'unsupported';
  return extractDocument({ path: corpus(rel), format, mediaType: mt.mediaType }, { pool, password });
}

// Whitespace-free: line breaks fall differently per layout; order is what matters.
const flat = (s: string) => s.replace(/\s+/g, '');
const text = (r: ExtractionResult) => flat(r.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n'));

interface Expect {
  status: 'ok' | 'protected' | 'failed';
  pages?: number;
  contains?: string[];
  /** Pages needing OCR (image-only content). */
  ocrPages?: number;
  error?: RegExp;
}

const EXPECTED: Record<string, Expect> = {
  'epub/en-childrens-literature.epub': { status: 'ok', contains: ['THE CONTENTS'] },
  'epub/en-cole-voyage-of-life-images.epub': { status: 'ok', contains: ['The Voyage of Life'] },
  'epub/epubcheck-minimal-valid.epub': { status: 'ok', pages: 1, contains: ['Call me Ishmael.'] },
  'epub/ja-kusamakura-vertical.epub': { status: 'ok', contains: ['草枕', '山路やまみちを登りながら'] },
  'epub/ja-manga-haruko-fxl-image-only.epub': { status: 'ok', pages: 13, ocrPages: 13 },
  'epub/ja-manga-torinome-scroll-image-only.epub': { status: 'ok', contains: ['鳥の眼'] },
  'cbz/ja-manga-haruko.cbz': { status: 'ok', pages: 12, ocrPages: 12 },
  'mobi/ja-kusamakura.calibre.mobi': { status: 'ok', contains: ['草枕'] },
  'mobi/ja-kusamakura.calibre.azw3': { status: 'ok', contains: ['草枕', '山路やまみちを登りながら'] },
  'mobi/en-cole-voyage-of-life.calibre.azw3': { status: 'ok', contains: ['The Voyage of Life'] },
  'mobi/en-childrens-literature.kf7-kf8-joint.mobi': { status: 'ok', contains: ['THE CONTENTS'] },
  'mobi/libmobi-sample-ncx.mobi': { status: 'ok', contains: ['Test chapter 1'] },
  'mobi/libmobi-sample-drm-v1.mobi': { status: 'protected', error: /^DRM-protected: the content cannot be examined .*screenshots of the reader app/ },
  'pdf/ja-pdfjs-noembed-sjis.pdf': { status: 'ok', pages: 1, contains: ['あいうえお'] },
  'pdf/ja-pdfjs-vertical-identity-v.pdf': { status: 'ok', pages: 3, contains: ['あいうえお\n日本語'] },
  'pdf/ja-pdfjs-issue16063-text.pdf': { status: 'ok', pages: 1, contains: ['電線接続端子部が次のいずれにも該当しないとき。'] },
  'pdf/ja-image-only-jlreq-2pages.pdf': { status: 'ok', pages: 2, ocrPages: 2 },
  'pdf/en-scan-ocrmypdf-c02-22-huckfinn.pdf': { status: 'ok', pages: 1, ocrPages: 1 },
  'pdf/en-scan-ocrmypdf-linn.pdf': { status: 'ok', pages: 1, ocrPages: 1 },
  'pdf/en-scan-ocrmypdf-skew.pdf': { status: 'ok', pages: 1, ocrPages: 1 },
  'pdf/en-form-pypdf-libreoffice-form.pdf': { status: 'ok', pages: 1, contains: ['Example for a Form'] },
  'pdf/en-annot-pypdf-annotated.pdf': { status: 'ok', pages: 1, contains: ['Some text.'] },
  'pdf/en-attachment-pypdf-with-attachment.pdf': { status: 'ok', pages: 1, contains: ['Lorem ipsum'] },
  'pdf/en-encrypted-pypdf-password.pdf': { status: 'protected', error: /^password-protected PDF: .*--password/ },
  'images/ja-jlreq-img1_3-vertical-page.png': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/ja-jlreq-img3_2-horizontal-spread.png': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/ja-manga-haruko-p02.jpg': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/ja-rendered-kusamakura-horizontal.png': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/ja-rendered-kusamakura-vertical.png': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/ja-rendered-pii-form-SYNTHETIC.png': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/en-tesseract-phototest.tif': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/en-tesseract-phototest-rotated-180.png': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/eu-tesseract-eurotext.tif': { status: 'ok', pages: 1, ocrPages: 1 },
  'images/en-ocrmypdf-typewriter.png': { status: 'ok', pages: 1, ocrPages: 1 },
  // Hostile inputs: each opens (repaired) or fails with a one-line reason.
  'hostile/epubcheck-truncated-no-end-header.epub': { status: 'failed', error: /not a readable ZIP container: End of central directory/ },
  'hostile/epubcheck-duplicate-zip-entry.epub': { status: 'ok', contains: ['Call me Ishmael.'] },
  'hostile/epubcheck-filename-not-utf8.epub': { status: 'ok' },
  'hostile/epubcheck-mimetype-missing.epub': { status: 'ok', contains: ['Call me Ishmael.'] },
  'hostile/epubcheck-image-with-epub-extension.epub': { status: 'ok', pages: 1, ocrPages: 1 }, // a JPEG: opened as what it is
  'hostile/epubcheck-empty-0-bytes.epub': { status: 'failed', error: /empty file|not a document format/ },
  'hostile/yauzl-path-traversal-dotdot.zip': { status: 'failed', error: /invalid relative path: \.\.\/xt/ },
  'hostile/yauzl-absolute-path-unix.zip': { status: 'failed', error: /absolute path: \/atxt/ },
  'hostile/yauzl-absolute-path-windows-drive.zip': { status: 'failed', error: /absolute path: C:\/xt/ },
  'hostile/yauzl-truncated-no-eocd.zip': { status: 'failed', error: /End of central directory record signature not found/ },
  'hostile/yauzl-corrupt-deflate-stream.zip': { status: 'failed', error: /invalid code lengths set/ },
  'hostile/yauzl-entry-size-overflow.zip': { status: 'failed', error: /claims 2147483647 bytes .*zip bomb/ },
  'hostile/ja-pdfjs-issue13147-broken-trailer.pdf': { status: 'ok', contains: ['準会場で受験の方'] },
  'hostile/pdfjs-xref_command_missing.pdf': { status: 'ok', pages: 1 },
  'hostile/pdfjs-helloworld-bad-xref-offsets.pdf': { status: 'ok', pages: 1, contains: ['Hello, world!'] },
  'hostile/ocrmypdf-invalid.pdf': { status: 'failed', error: /no objects found/ },
};

describe('every corpus document', () => {
  const onDisk = ['epub', 'pdf', 'mobi', 'cbz', 'images', 'hostile']
    .flatMap((d) => fs.readdirSync(corpus(d)).map((f) => `${d}/${f}`))
    .filter((f) => !/\.gt\.(txt|tsv)$/.test(f));

  it('has an expectation for each file in the corpus', () => {
    expect(onDisk.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const [rel, exp] of Object.entries(EXPECTED)) {
    it(`${rel} → ${exp.status}`, async () => {
      const r = await open(rel);
      expect(r.status, r.error).toBe(exp.status);
      if (exp.error) {
        expect(r.error).toMatch(exp.error);
        expect(r.error).not.toMatch(/\n/);
      }
      if (r.status !== 'ok') return;
      expect(r.pages.length).toBe(r.pageCount);
      if (exp.pages !== undefined) expect(r.pageCount).toBe(exp.pages);
      for (const s of exp.contains ?? []) expect(text(r)).toContain(flat(s));
      if (exp.ocrPages !== undefined) expect(r.pages.filter((p) => p.needsOcr).length).toBe(exp.ocrPages);
      for (const p of r.pages) for (const l of p.lines) expect(l.text).toBe(l.chars.map((c) => c.c).join(''));
    });
  }

  it('opens the password PDF with its password, and refuses a wrong one', async () => {
    const good = await open('pdf/en-encrypted-pypdf-password.pdf', 'openpassword');
    expect(good.status).toBe('ok');
    expect(good.pageCount).toBeGreaterThan(0);
    const bad = await open('pdf/en-encrypted-pypdf-password.pdf', 'wrong');
    expect(bad.status).toBe('protected');
    expect(bad.error).toMatch(/does not open it/);
  });

  it('says DRM the same way for every protected book', async () => {
    const r = await open('mobi/libmobi-sample-drm-v1.mobi');
    expect(r.error?.startsWith(DRM_MESSAGE)).toBe(true);
    expect(r.pages).toEqual([]);
  });
});

describe('metadata of forensic value', () => {
  it('EPUB: authors, contributors with roles, rendition facts, XMP and a hashed inventory', async () => {
    const m = (await open('epub/ja-kusamakura-vertical.epub')).metadata!;
    expect(m).toMatchObject({ title: '草枕', authors: ['夏目 漱石'], language: 'ja-jp', publisher: '青空文庫' });
    expect(m.contributors).toContain('柴田 卓治 (dtc)');
    expect(m.epub).toMatchObject({ version: '3.0', pageProgression: 'rtl', opfPath: 'OPS/package.opf' });
    expect(m.xmp).toMatch(/x:xmpmeta|rdf:RDF/);
    expect(m.inventory?.find((e) => e.name === 'mimetype')).toMatchObject({ size: 20, date: expect.stringMatching(/^2024-01-01T/) });
  });

  it('AZW3: EXTH records, tools (kindlegen/calibre traces) and the book UUID', async () => {
    const m = (await open('mobi/ja-kusamakura.calibre.azw3')).metadata!;
    expect(m.title).toBe('草枕');
    expect(m.tools?.join(' ')).toMatch(/calibre/);
    expect(m.identifiers?.some((i) => i.scheme === 'UUID')).toBe(true);
    expect(Array.isArray(m.kindle?.exth)).toBe(true);
  });

  it('PDF: Info verbatim, XMP, producer tools; embedded files with their SHA-256', async () => {
    const a = (await open('pdf/ja-pdfjs-issue16063-text.pdf')).metadata!;
    expect(a.tools).toContain('Producer: Adobe Acrobat Pro (64-bit) 22.3.20314');
    expect(a.pdfInfo?.CreationDate).toBe("D:20230216100534+01'00'");
    expect(a.identifiers).toContainEqual({ scheme: 'XMP DocumentID', value: 'uuid:ea548ee3-e48d-4697-865f-d4fadc520e1e' });
    const b = (await open('pdf/en-attachment-pypdf-with-attachment.pdf')).metadata!;
    expect(b.attachments).toEqual([expect.objectContaining({ name: 'image.png', size: 6669, sha256: 'cfe67fe8072bfca0d910ec29c7b477ac6e80f275448f8c165911c10e3754f51b' })]);
  });
});
