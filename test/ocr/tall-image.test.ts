import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/model/geometry';
import type { TextLine } from '../../shared/model/page';
import { mergeTileLines, planTiles, TILE_OVERLAP, MAX_TILE_PIXELS, MAX_TILE_SIDE } from '../../main/ocr/ocr-tiles';
import { renderDocumentPage } from '../../main/documents/extract-document';
import { DocumentJobError, DocumentWorkerPool } from '../../main/documents/worker-pool';
import { inkLayout } from '../../main/ocr/text-direction';
import { runShokoAsync, runShokoSteps } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';
import { drawLines, grayPng } from './tall-page';

// A 600×12000 px PNG (no resolution stored: MuPDF takes 96 dpi, so the page is 450×9000 pt). OCR renders
// a picture at its own resolution: 600×12000 px, taller than the 6,000 px a page is read whole at.
const PAGE: Box = [0, 0, 450, 9000];
const DPI = 96;
const PX = 0.75; // page points per image pixel

describe('tiles of a page too large to read whole', () => {
  it('cover the page with overlapping bands whose cores partition it', () => {
    const tiles = planTiles(PAGE, DPI)!;
    expect(tiles.length).toBeGreaterThan(1);
    expect(planTiles([0, 0, 595, 842], 300)).toBeNull(); // an A4 page at 300 dpi is read whole
    const s = DPI / 72;
    for (const [i, t] of tiles.entries()) {
      const w = (t.clip[2] - t.clip[0]) * s, h = (t.clip[3] - t.clip[1]) * s;
      expect(w * h).toBeLessThanOrEqual(MAX_TILE_PIXELS * 1.001);
      expect(Math.max(w, h)).toBeLessThanOrEqual(MAX_TILE_SIDE + 1);
      if (i > 0) {
        expect((tiles[i - 1].clip[3] - t.clip[1]) * s).toBeGreaterThanOrEqual(TILE_OVERLAP - 1); // overlap
        expect(t.core[1]).toBe(tiles[i - 1].core[3]); // cores meet, no gap, no overlap
      }
    }
    expect(tiles[0].core[1]).toBe(0);
    expect(tiles.at(-1)!.core[3]).toBe(PAGE[3]);
  });

  it('keep a line once: where its centre is, whole; a cut piece in the other band is dropped', () => {
    const tiles = planTiles(PAGE, DPI)!;
    const edge = tiles[0].clip[3]; // band 0 ends here; band 1 holds the line whole
    const line = (text: string, y0: number, y1: number, wmode: 'horizontal' | 'vertical' = 'horizontal'): TextLine => ({
      text, box: [20, y0, 200, y1], wmode, source: 'ocr', confidence: 90,
      chars: [...text].map((c, i) => ({ c, box: wmode === 'horizontal' ? [20 + i * 10, y0, 30 + i * 10, y1] : [20, y0 + i * 12, 32, y0 + i * 12 + 12] as Box, confidence: 90 })),
    });
    const whole = line('hanako@example.jp', edge - 8, edge + 8);
    const cutPiece = line('hanako@exarnple.jp', edge - 8, edge); // band 0's reading of the cut line
    const above = line('山田太郎', 100, 116);
    // A vertical column crossing the core boundary: each band keeps its own characters, then they are joined.
    const b = tiles[0].core[3];
    const colTop = line('あいう', b - 36, b, 'vertical');
    const colBottom = line('えお', b, b + 24, 'vertical');
    const colTopAgain = line('う', b - 12, b, 'vertical'); // band 1 saw the last character above the boundary too
    const merged = mergeTileLines(tiles, tiles.map((_, i) => (i === 0 ? [above, cutPiece, colTop] : i === 1 ? [whole, colTopAgain, colBottom] : [])));
    expect(merged.map((l) => l.text).sort()).toEqual(['hanako@example.jp', 'あいうえお', '山田太郎'].sort());
    const col = merged.find((l) => l.wmode === 'vertical')!;
    expect(col.text).toBe(col.chars.map((c) => c.c).join(''));
    expect(col.box[1]).toBeCloseTo(b - 36);
    expect(col.box[3]).toBeCloseTo(b + 24);
  });
});

describe('the line direction of a tall block', () => {
  it('is horizontal for lines stacked in a tall narrow block, vertical for one column of characters', () => {
    // 20 lines of 10×10 glyph blocks, 30 px apart, every other line shifted (no column blank throughout):
    // ink box 100×580, over four times taller than wide — what the single-column rule took as a column.
    const width = 120, height = 600, data = new Uint8Array(width * height).fill(255);
    for (let line = 0; line < 20; line++) for (let ch = 0; ch < 8; ch++) {
      const x0 = 10 + ch * 12 + (line % 2) * 6;
      for (let y = 10 + line * 30; y < 20 + line * 30; y++) for (let x = x0; x < x0 + 10; x++) data[y * width + x] = 0;
    }
    const layout = inkLayout({ width, height, data });
    expect(layout.blankColumns).toBeLessThan(0.1);
    expect(layout.direction).toBe('horizontal');
    const col = new Uint8Array(20 * 200).fill(255); // one column: 15 glyphs 2 px apart
    for (let ch = 0; ch < 15; ch++) for (let y = 5 + ch * 12; y < 15 + ch * 12; y++) for (let x = 5; x < 15; x++) col[y * 20 + x] = 0;
    expect(inkLayout({ width: 20, height: 200, data: col }).direction).toBe('vertical');
  });
});

describe('rendering a page over the render limit', () => {
  it('is refused with the resolution that fits, and renders at it', async () => {
    const dir = tmpDir('shoko-tall-render-');
    const image = path.join(dir, 'capture.png');
    fs.writeFileSync(image, grayPng(600, 12000, drawLines(600, 12000, [{ text: 'taro.yamada@example.com', top: 40 }])));
    const pool = new DocumentWorkerPool(1);
    try {
      const source = { path: image, format: 'image' as const, mediaType: 'image/png' };
      // 938×18750 px at 150 dpi; with a limit of 10 Mpx (the real one is 120 Mpx: a 1440×36000 capture at 150 dpi).
      const limits = { maxImagePixels: 10_000_000 };
      const refused = await renderDocumentPage(source, 0, { dpi: 150, format: 'png', pool, limits }).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(DocumentJobError);
      const fits = Number(/it fits at (\d+) dpi or less/.exec((refused as Error).message)?.[1]);
      expect(fits).toBeGreaterThan(50);
      const page = await renderDocumentPage(source, 0, { dpi: fits, format: 'png', pool, limits });
      expect(page.width * page.height).toBeLessThanOrEqual(limits.maxImagePixels);
    } finally {
      await pool.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an image page that cannot be rendered for OCR', () => {
  it('makes the item partial: scan exits 1 and says why (before: ok, exit 0, nothing read)', async () => {
    const dir = tmpDir('shoko-unreadable-');
    try {
      // Sound header (the page is extracted: 1 page, no warning), deflate data destroyed (rendering fails).
      const png = Buffer.from(grayPng(400, 300, drawLines(400, 300, [{ text: 'taro.yamada@example.com', top: 20 }])));
      const idat = png.indexOf('IDAT');
      png.fill(0xff, idat + 6, idat + 60);
      const image = path.join(dir, 'damaged.png');
      fs.writeFileSync(image, png);
      const caseDir = path.join(dir, 'case');
      await runShokoSteps([['case', 'init', caseDir, '--name', 'damaged', '--examiner', '検査 太郎'], ['add', caseDir, image]]);
      const scan = await runShokoAsync(['scan', caseDir, '--ocr', 'auto']);
      expect(scan.code, scan.stderr).toBe(1);
      expect(scan.stdout).toContain('image  partial  1 pages');
      expect(scan.stdout).toContain('1 of 1 item not read whole: 1 partial');
      const info = await runShokoAsync(['info', caseDir, '--item', '1']);
      expect(info.stdout).toMatch(/note ocr-pages-not-read \(text may be missing\): 1 page\(s\) not OCR'd \(page 1\): .*zlib error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a tall scroll capture through the pipeline', () => {
  it('is OCR\'d in bands at its own resolution: every record found once, boxed where it is drawn', async () => {
    const tiles = planTiles(PAGE, DPI)!;
    const px = (pt: number) => Math.round(pt / PX);
    // Lines across band edges (each band sees it cut at one edge, whole in the other), at a core boundary,
    // and at the page's top and bottom.
    const drawn = [
      { key: 'M001', name: '山田太郎', email: 'taro.yamada@example.com', top: 40 },
      { key: 'M002', name: '佐藤花子', email: 'hanako.sato@example.jp', top: px(tiles[0].clip[3]) - 12 },
      { key: 'M003', name: '鈴木一郎', email: 'ichiro.suzuki@example.co.jp', top: px(tiles[1].clip[1]) - 12 },
      { key: 'M004', name: '高橋美咲', email: 'misaki.takahashi@example.net', top: px(tiles[1].core[3]) - 12 },
      { key: 'M005', name: '田中健', email: 'ken.tanaka@example.org', top: px(tiles[1].clip[3]) - 16 },
      { key: 'M006', name: '伊藤真理', email: 'mari.ito@example.com', top: 11900 },
    ];
    // The test draws across the edges it means to: each of these lines is cut by a band edge.
    for (const d of drawn.slice(1, 5)) {
      const top = d.top * PX, bottom = (d.top + 24) * PX;
      expect(tiles.some((t) => (t.clip[1] > top && t.clip[1] < bottom) || (t.clip[3] > top && t.clip[3] < bottom) || (t.core[3] > top && t.core[3] < bottom))).toBe(true);
    }
    const dir = tmpDir('shoko-tall-');
    const caseDir = path.join(dir, 'case');
    const image = path.join(dir, 'scroll-capture.png');
    fs.writeFileSync(image, grayPng(600, 12000, drawLines(600, 12000, drawn.map((d) => ({ text: `${d.name} ${d.email}`, top: d.top })))));
    const absent = { key: 'M007', name: '森本沙織', email: 'saori.morimoto@example.jp' };
    const rows = [...drawn, absent].map((p) => `${p.key},${p.name},${p.email}`);
    fs.writeFileSync(path.join(dir, 'list.csv'), `会員番号,氏名,メール\n${rows.join('\n')}\n`);
    try {
      await runShokoSteps([
        ['case', 'init', caseDir, '--name', '縦長スクリーンショット', '--examiner', '検査 太郎'],
        ['add', caseDir, image],
        ['leaks', 'import', caseDir, path.join(dir, 'list.csv'), '--key', '会員番号'],
        ['scan', caseDir, '--ocr', 'auto'],
      ]);
      const hits = await runShokoAsync(['hits', caseDir, '--json']);
      const json = JSON.parse(hits.stdout) as { records: { key: string; present: boolean; occurrences: { field: string; page: number; text: string; boxes: Box[] }[] }[] };
      const present = json.records.filter((r) => r.present).map((r) => r.key).sort();
      console.log(`tall capture (${tiles.length} bands): present ${JSON.stringify(present)}`);
      // Every record on the page is found (OCR may drop a dot in an email: the name and the rest still match),
      // and nobody else.
      expect(present).toEqual(drawn.map((d) => d.key));
      for (const d of drawn) {
        const rec = json.records.find((r) => r.key === d.key)!;
        const top = d.top * PX, bottom = (d.top + 24) * PX;
        // Each record is on page 1 once per field (the overlaps are read once), boxed on its drawn line.
        const fields = rec.occurrences.map((o) => o.field);
        expect(new Set(fields).size, `${d.key}: ${JSON.stringify(rec.occurrences)}`).toBe(fields.length);
        for (const o of rec.occurrences) {
          expect(o.page).toBe(1);
          for (const b of o.boxes) {
            expect(b[1], `${d.key} ${o.field}`).toBeGreaterThan(top - 8);
            expect(b[3], `${d.key} ${o.field}`).toBeLessThan(bottom + 8);
          }
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
