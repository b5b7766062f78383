import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { getPageContent, getPageLines, listPages } from '../../main/documents/document-store';
import { extractItem } from '../../main/documents/extract-item';
import { addEvidence } from '../../main/evidence/intake';
import { ocrItemPages } from '../../main/ocr/ocr-item-pages';
import { OcrPool } from '../../main/ocr/ocr-pool';
import type { Progress } from '../../shared/model/progress';
import { corpusFile, scratchDir } from '../helpers/paths';

const pool = new OcrPool({ size: 2 });
afterAll(() => pool.close());

describe('OCR of a case item\'s pages', () => {
  it('stores OCR lines in page coordinates beside the page, and never OCRs the same image twice', async () => {
    const dir = path.join(scratchDir('ocr-item-pages'), 'case');
    const c = initCase(dir, { name: 'ocr test' });
    try {
      const [added] = await addEvidence(c, [corpusFile('images/ja-rendered-pii-form-SYNTHETIC.png')]);
      const itemId = added.id;
      const ex = await extractItem(c, itemId);
      expect(ex.status).toBe('ok');

      const progress: Progress[] = [];
      const first = await ocrItemPages(c, itemId, { langs: 'jpn+eng', mode: 'auto', pool, onProgress: (p) => progress.push(p) });
      expect(first).toMatchObject({ itemId, pagesOcrd: 1, fromCache: 0, failedPages: [] });
      expect(progress.at(-1)).toMatchObject({ phase: 'ocr', done: 1, total: 1 });

      const [page] = listPages(c, itemId);
      expect(page.textSource).toBe('ocr');
      expect(page.ocrConfidence).toBeGreaterThan(60);
      const lines = getPageLines(c, itemId, 0, 'ocr');
      const email = lines.find((l) => l.text.includes('hanako.sato@example.com'))!;
      expect(email.source).toBe('ocr');
      expect(email.text).toBe(email.chars.map((ch) => ch.c).join(''));
      // Page coordinates: inside the page, not image pixels.
      for (const l of lines) {
        expect(l.box[0]).toBeGreaterThanOrEqual(0);
        expect(l.box[2]).toBeLessThanOrEqual(page.width + 0.5);
        expect(l.box[3]).toBeLessThanOrEqual(page.height + 0.5);
      }
      expect(getPageContent(c, itemId, 0).lines.some((l) => l.text.includes('佐藤花子'))).toBe(true);

      const cached = c.db.prepare('SELECT COUNT(*) AS n FROM ocr_cache').get() as { n: number };
      expect(cached.n).toBe(1);
      // A picture page is read at its own pixels (1240×900; MuPDF sizes it at 96 dpi, and the scan used to
      // scale it up to 150), with no resolution hint made up from that size (the PNG states none).
      const row = c.db.prepare('SELECT mode, result_json FROM ocr_cache').get() as { mode: string; result_json: string };
      expect(JSON.parse(row.result_json).imageSize).toEqual({ width: 1240, height: 900 });
      expect(row.mode).toBe('auto');
      const again = await ocrItemPages(c, itemId, { langs: 'jpn+eng', mode: 'auto', pool });
      expect(again).toMatchObject({ pagesOcrd: 1, fromCache: 1 });
      expect(getPageLines(c, itemId, 0, 'ocr')).toEqual(lines);

      expect(await ocrItemPages(c, itemId, { mode: 'never', pool })).toMatchObject({ pagesOcrd: 0 });
      const events = c.db.prepare("SELECT details FROM custody_event WHERE action = 'ocr.completed'").all() as { details: string }[];
      expect(events).toHaveLength(2);
      expect(JSON.parse(events[1].details)).toMatchObject({ pages: 1, fromCache: 1, langs: 'jpn+eng' });
    } finally {
      c.close();
    }
  });
});

/** A text PDF page (A4) with one line of native text and the PII form drawn as a large image in a box. */
function textPageWithImage(file: string): void {
  const doc = new mupdf.PDFDocument();
  const img = doc.addImage(new mupdf.Image(fs.readFileSync(corpusFile('images/ja-rendered-pii-form-SYNTHETIC.png'))));
  const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
  const resources = doc.addObject({ Font: { F1: font }, XObject: { Im1: img } });
  // Image 1240x900 px drawn 400x290 pt at x 100, top edge 252 pt from the page top (842 - 590).
  const contents = 'BT /F1 14 Tf 72 790 Td (Member list appendix, page 3) Tj ET q 400 0 0 290 100 300 cm /Im1 Do Q';
  doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, contents));
  fs.writeFileSync(file, doc.saveToBuffer('compress').asUint8Array());
}

describe('a large image inside a text page', () => {
  it('is OCR\'d where it is drawn, beside the native text', async () => {
    const dir = scratchDir('ocr-item-image-in-page');
    const pdf = path.join(dir, 'appendix.pdf');
    textPageWithImage(pdf);
    const c = initCase(path.join(dir, 'case'), { name: 'image in page' });
    try {
      const [added] = await addEvidence(c, [pdf]);
      expect((await extractItem(c, added.id)).status).toBe('ok');
      const [page] = listPages(c, added.id);
      expect(page.needsOcr).toBe(false);
      expect(page.images).toHaveLength(1);
      const out = await ocrItemPages(c, added.id, { mode: 'auto', pool, vertical: 'no' });
      expect(out.pagesOcrd).toBe(1);
      const ocr = getPageLines(c, added.id, 0, 'ocr');
      const email = ocr.find((l) => l.text.includes('hanako.sato@example.com'))!;
      expect(email).toBeDefined();
      // Every OCR box lies inside the image's placement (100..500 x 252..542 pt).
      for (const l of ocr) {
        expect(l.box[0]).toBeGreaterThanOrEqual(99);
        expect(l.box[2]).toBeLessThanOrEqual(501);
        expect(l.box[1]).toBeGreaterThanOrEqual(251);
        expect(l.box[3]).toBeLessThanOrEqual(543);
      }
      expect(listPages(c, added.id)[0].textSource).toBe('mixed');
      const content = getPageContent(c, added.id, 0);
      expect(content.lines.some((l) => l.source === 'native' && l.text.includes('Member list appendix'))).toBe(true);
      expect(content.lines.some((l) => l.source === 'ocr' && l.text.includes('佐藤花子'))).toBe(true);
    } finally {
      c.close();
    }
  });
});
