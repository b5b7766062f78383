// Boxes land on the glyphs: crops of a render at each character's box hold ink, crops beside the
// text hold none, and line boxes agree with poppler's (pdftotext -bbox-layout) on the same file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import type { Box } from '../../shared/model/geometry';
import { extractDocument, renderDocumentPage } from '../../main/documents/extract-document';
import type { DocumentSource, RenderedPage } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { corpus, japanesePdf } from './generate';

const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-docs-box-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const DPI = 150;

/** Fraction of dark pixels inside a page-unit box of an RGBA render. */
function ink(img: RenderedPage, box: Box): number {
  const s = DPI / 72;
  const [x0, y0, x1, y1] = [Math.floor(box[0] * s), Math.floor(box[1] * s), Math.ceil(box[2] * s), Math.ceil(box[3] * s)];
  let dark = 0;
  let all = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const i = (y * img.width + x) * 4;
      const lum = (img.data[i] + img.data[i + 1] + img.data[i + 2]) / 3;
      if (lum < 128) dark++;
      all++;
    }
  }
  return all ? dark / all : 0;
}

async function checkInk(source: DocumentSource, pageIndex: number, sample: number) {
  const r = await extractDocument(source, { pool, from: pageIndex, to: pageIndex });
  expect(r.status, r.error).toBe('ok');
  const page = r.pages[0];
  const img = await renderDocumentPage(source, pageIndex, { pool, dpi: DPI, format: 'rgba' });
  expect(img.data.byteLength).toBe(img.width * img.height * 4);
  // Punctuation holds too little ink to tell; letters and kanji fill their box.
  const chars = page.lines.flatMap((l) => l.chars).filter((c) => c.c.trim() !== '' && !/[\p{P}\p{S}ー]/u.test(c.c));
  expect(chars.length).toBeGreaterThan(0);
  const picked = chars.filter((_, i) => i % Math.max(1, Math.floor(chars.length / sample)) === 0);
  for (const c of picked) expect(ink(img, c.box), `ink under "${c.c}" at ${c.box}`).toBeGreaterThan(0.03);
  return { page, img };
}

describe('character boxes', () => {
  it('generated PDF: horizontal and vertical glyphs are under their boxes, and nothing is beside them', async () => {
    const file = path.join(tmp, 'boxes.pdf');
    fs.writeFileSync(file, japanesePdf({ horizontal: ['山田太郎様', '東京都中央区'], vertical: ['縦書きの個人情報'], size: 20 }));
    const { page, img } = await checkInk({ path: file, format: 'pdf' }, 0, 20);
    for (const l of page.lines) {
      const shifted: Box = [l.box[0], l.box[1] + 150, l.box[2], l.box[3] + 150];
      if (l.wmode === 'horizontal') expect(ink(img, shifted)).toBe(0);
    }
  });

  it('vertical Identity-V corpus PDF', async () => {
    await checkInk({ path: corpus('pdf/ja-pdfjs-vertical-identity-v.pdf'), format: 'pdf' }, 0, 8);
  });

  it('reflowed EPUB page (kusamakura, page 4 at the default layout)', async () => {
    await checkInk({ path: corpus('epub/ja-kusamakura-vertical.epub'), format: 'epub' }, 3, 25);
  });

  it('AZW3 through the KF8 reader', async () => {
    await checkInk({ path: corpus('mobi/ja-kusamakura.calibre.azw3'), format: 'mobi' }, 5, 25);
  });

  it('line boxes agree with poppler on an Acrobat PDF', async () => {
    const file = corpus('pdf/ja-pdfjs-issue16063-text.pdf');
    const { page } = await checkInk({ path: file, format: 'pdf' }, 0, 30);
    const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    const poppler = [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((m) => m.slice(1, 5).map(Number));
    for (const line of page.lines.slice(0, 5)) {
      const match = poppler.find((p) => Math.abs(p[0] - line.box[0]) < 1.5 && Math.abs(p[1] - line.box[1]) < 1.5);
      expect(match, `poppler line at ${line.box}`).toBeDefined();
      expect(Math.abs(match![2] - line.box[2])).toBeLessThan(1.5);
      expect(Math.abs(match![3] - line.box[3])).toBeLessThan(1.5);
    }
  });

  it('PNG and raw renders have the same size; DPI scales it', async () => {
    const source: DocumentSource = { path: corpus('pdf/ja-pdfjs-noembed-sjis.pdf'), format: 'pdf' };
    const png = await renderDocumentPage(source, 0, { pool, dpi: 72, format: 'png' });
    const raw = await renderDocumentPage(source, 0, { pool, dpi: 72, format: 'rgba' });
    expect([png.width, png.height]).toEqual([raw.width, raw.height]);
    expect([png.width, png.height]).toEqual([595, 842]);
    expect(Buffer.from(png.data.subarray(1, 4)).toString()).toBe('PNG');
    // The PNG decodes (with MuPDF) to exactly the raw render's pixels.
    const decoded = new mupdf.Image(png.data).toPixmap();
    const rgb = decoded.getPixels();
    let diff = 0;
    for (let i = 0, j = 0; j < raw.data.length; i += decoded.getNumberOfComponents(), j += 4) {
      diff += Math.abs(rgb[i] - raw.data[j]) + Math.abs(rgb[i + 1] - raw.data[j + 1]) + Math.abs(rgb[i + 2] - raw.data[j + 2]);
    }
    expect(diff / (raw.width * raw.height)).toBeLessThan(1);
    const big = await renderDocumentPage(source, 0, { pool, dpi: 144, format: 'rgba' });
    expect([big.width, big.height]).toEqual([1190, 1684]);
  });
});
