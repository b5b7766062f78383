// Tesseract's page layout can drop a line altogether: nothing read where a clean e-mail stands (issue 13: on
// page 222 of the seed-scale screenshot book, 飯島龍星's e-mail). Ink outside every line read is read as a line.
import fs from 'node:fs';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { seedScreen } from '../../bench/seedscale/screenshot-book';
import { levenshtein } from '../../main/common/levenshtein';
import { ocrImage } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';
import { CORPUS } from '../helpers/paths';

const pool = new OcrPool({ size: 1 });
afterAll(() => pool.close());

describe('ink no line covers', () => {
  it('the seed book\'s page 222: the e-mail line the page layout dropped is read, in reading order', async () => {
    const { records, png } = seedScreen(221);
    const r = await ocrImage(png, { langs: 'jpn+eng', pool });
    const texts = r.lines.map((l) => l.text.replace(/\s/g, ''));
    // Every e-mail has a line within the budget detection completes a found record with (one per six characters).
    const far = records.filter((p) => !texts.some((t) => levenshtein(t, p.email) <= Math.floor(p.email.length / 6)));
    expect(far.map((p) => p.email)).toEqual([]);
    const dropped = records.find((p) => p.email.startsWith('ryuusei.iijima'))!;
    const at = texts.findIndex((t) => levenshtein(t, dropped.email) <= 3);
    // Under its name line, above the next record's.
    expect(texts[at - 1]).toContain('飯島龍星');
    expect(r.lines[at].box[1]).toBeGreaterThan(r.lines[at - 1].box[3] - 2);
    expect(r.lines[at].box[3]).toBeLessThan(r.lines[at + 1].box[1] + 2);
  }, 120_000);

  it('a numbered list\'s numbers the layout dropped are read, each before its item on the same row', async () => {
    // The IDPF children's-literature EPUB, laid out as the OCR bench lays it: its reading list numbers 1.–42.
    const doc = mupdf.Document.openDocument(fs.readFileSync(`${CORPUS}/epub/en-childrens-literature.epub`), 'application/epub+zip');
    doc.layout(420, 595, 11);
    let index = -1;
    for (let i = 0; i < doc.countPages() && index < 0; i++) if (doc.loadPage(i).toStructuredText('preserve-whitespace').asText().includes('14. Cox, Palmer')) index = i;
    expect(index).toBeGreaterThanOrEqual(0);
    const png = doc.loadPage(index).toPixmap(mupdf.Matrix.scale(150 / 72, 150 / 72), mupdf.ColorSpace.DeviceGray, false).asPNG().slice();
    const r = await ocrImage(png, { langs: 'eng', pool, dpi: 150 });
    const text = r.lines.map((l) => l.text).join('\n');
    for (const [n, item] of [['14', 'Cox, Palmer'], ['15', 'Craik, Dinah']]) {
      // Tesseract keeps the number's full stop with the item (". Cox, Palmer"): the number itself was dropped.
      expect(text, text).toMatch(new RegExp(`${n}\\.?\\s*\\.?\\s*${item}`));
    }
  }, 120_000);
});
