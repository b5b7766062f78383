import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import type { Box } from '../../shared/model/geometry';
import { auditPdf, countAscii } from '../../main/redact/pdf-audit';
import { redactPdf } from '../../main/redact/pdf-redact';
import { regionsOfHit } from '../../main/redact/regions';
import type { RedactedValue } from '../../main/redact/types';
import { verifyPdfOutput } from '../../main/redact/verify-export';
import { CORPUS, IMAGE_BOX, NEIGHBOUR_WORDS, NEXT_LINE, SECRET_EMAIL, findBoxes, makeTextPdf, mupdfText } from './fixtures';

afterAll(() => closeSharedOcrPool());

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-redact-pdf-'));
const corpus = (name: string) => new Uint8Array(fs.readFileSync(path.join(CORPUS, 'pdf', name)));

function pdftotext(bytes: Uint8Array): string {
  const file = path.join(tmp, `t-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

function hitRegions(pdf: Uint8Array, needle: string, occurrence = 0) {
  const boxes = findBoxes(pdf, 0, needle, occurrence);
  return { boxes, regions: regionsOfHit({ id: 1, pageIndex: 0, boxes, valueKind: 'email', reason: 'email', text: needle }) };
}

/** Pixels of every image drawn on a page, with where it is drawn (page units). */
function pageImages(pdf: Uint8Array): { box: mupdf.Rect; pix: mupdf.Pixmap }[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const out: { box: mupdf.Rect; pix: mupdf.Pixmap }[] = [];
  doc.loadPage(0).toStructuredText('preserve-images').walk({
    onImageBlock(bbox, _m, image) { out.push({ box: bbox, pix: image.toPixmap() }); },
  });
  return out;
}

describe('redactPdf on a generated PDF with known text, an image and metadata', () => {
  const original = makeTextPdf();
  const { boxes, regions } = hitRegions(original, SECRET_EMAIL);
  const imageRegion: Box = [100, 220, 140, 260];
  const out = redactPdf(original, [...regions, { pageIndex: 0, box: imageRegion, reason: 'manual' }]);

  it('removes the value from the text (MuPDF and pdftotext) and nothing more on the line or below', () => {
    expect(mupdfText(original)).toContain(SECRET_EMAIL);
    for (const text of [mupdfText(out), pdftotext(out)]) {
      expect(text).not.toContain(SECRET_EMAIL);
      expect(text).not.toContain('tanaka');
      expect(text).not.toContain('example.com');
      for (const w of NEIGHBOUR_WORDS) expect(text).toContain(w);
      expect(text).toContain(NEXT_LINE);
    }
  });

  it('replaces the image samples under the region and keeps the others', () => {
    const images = pageImages(out);
    expect(images.length).toBe(1);
    const { box, pix } = images[0];
    expect(box.map(Math.round)).toEqual(IMAGE_BOX);
    const px = pix.getPixels(), n = pix.getNumberOfComponents() + pix.getAlpha(), stride = pix.getStride();
    const sx = pix.getWidth() / (box[2] - box[0]), sy = pix.getHeight() / (box[3] - box[1]);
    const at = (x: number, y: number) => { const i = Math.floor((y - box[1]) * sy) * stride + Math.floor((x - box[0]) * sx) * n; return [px[i], px[i + 1], px[i + 2]]; };
    const isRed = (c: number[]) => c[0] > 200 && c[1] < 50 && c[2] < 50;
    for (let y = imageRegion[1] + 1; y < imageRegion[3] - 1; y += 3) {
      for (let x = imageRegion[0] + 1; x < imageRegion[2] - 1; x += 3) expect(isRed(at(x, y))).toBe(false);
    }
    expect(isRed(at(80, 210))).toBe(true);
    expect(isRed(at(160, 290))).toBe(true);
  });

  it('scrubs Info, XMP, annotations and the JavaScript OpenAction, and writes one revision', () => {
    expect(auditPdf(original).map((p) => p.what)).toEqual(expect.arrayContaining(['info', 'xmp', 'annotations', 'javascript']));
    expect(auditPdf(out)).toEqual([]);
    expect(countAscii(out, '%%EOF')).toBe(1);
    const doc = new mupdf.PDFDocument(out);
    for (const k of ['info:Title', 'info:Author', 'info:Producer']) expect(doc.getMetaData(k) ?? '').toBe('');
    expect(Buffer.from(out).includes('Leaker Name')).toBe(false);
  });

  it('passes verification; a box placed beside the value is refused, naming page and kind but not the value', async () => {
    const values: RedactedValue[] = [{ pageIndex: 0, value: SECRET_EMAIL, kind: 'email', boxes }];
    const file = path.join(tmp, 'ok.pdf');
    fs.writeFileSync(file, out);
    const good = await verifyPdfOutput(out, values, { pageMap: [0], file });
    expect(good.ok).toBe(true);
    expect(good.checks.some((c) => c.check === 'text (pdftotext)' && c.ok)).toBe(true);

    const beside = regions.map((r) => ({ ...r, box: [r.box[2] + 60, r.box[1], r.box[2] + 200, r.box[3]] as Box, textBox: undefined }));
    const broken = redactPdf(original, beside);
    const bad = await verifyPdfOutput(broken, values, { pageMap: [0] });
    expect(bad.ok).toBe(false);
    expect(bad.failure).toContain('page 1');
    expect(bad.failure).toContain('email');
    expect(bad.failure).not.toContain('tanaka');
  });

  it('refuses a file with an incremental update appended (two revisions)', async () => {
    const doc = new mupdf.PDFDocument(out);
    doc.setMetaData('info:Title', 'added later');
    const updated = doc.saveToBuffer('incremental').asUint8Array().slice();
    expect(countAscii(updated, '%%EOF')).toBe(2);
    const v = await verifyPdfOutput(updated, [], { pageMap: [0] });
    expect(v.ok).toBe(false);
    expect(v.checks.filter((c) => !c.ok).map((c) => c.kind)).toEqual(expect.arrayContaining(['revisions', 'info']));
  });
});

describe('redactPdf on corpus PDFs', () => {
  it('removes a Japanese phrase everywhere it stands, keeping the rest of each line', async () => {
    const original = corpus('ja-pdfjs-issue16063-text.pdf');
    const phrase = '絶縁電線';
    const doc = mupdf.Document.openDocument(original, 'application/pdf');
    const count = doc.loadPage(0).search(phrase, {}).length;
    expect(count).toBe(5);
    const all = [...Array(count).keys()].flatMap((i) => hitRegions(original, phrase, i).regions);
    const out = redactPdf(original, all);
    for (const text of [mupdfText(out), pdftotext(out)]) {
      expect(text.replace(/\s/g, '')).not.toContain(phrase);
      for (const keep of ['ポリエチレン', 'に裸線をより合わせて引込用に使用される', '１．１', '電線関係', 'レックス', 'トリプレックス']) {
        expect(text.replace(/\s/g, '')).toContain(keep);
      }
    }
    expect(auditPdf(out)).toEqual([]);
    expect(countAscii(original, '%%EOF')).toBe(4);
    expect(countAscii(out, '%%EOF')).toBe(1);

    // Redacting only the first occurrence leaves the phrase readable elsewhere on the page: refused.
    const first = hitRegions(original, phrase, 0);
    const partial = redactPdf(original, first.regions);
    const v = await verifyPdfOutput(partial, [{ pageIndex: 0, value: phrase, kind: 'name', boxes: first.boxes }], { pageMap: [0] });
    expect(v.ok).toBe(false);
    expect(v.failure).toMatch(/page 1: redacted value in text \(MuPDF\) \(name\)/);
  });

  it('drops form fields and their values (the values live only in widgets)', () => {
    const original = corpus('en-form-pypdf-libreoffice-form.pdf');
    const before = new mupdf.PDFDocument(original).loadPage(0).getWidgets().map((w) => w.getValue());
    expect(before).toEqual(expect.arrayContaining(['Alice', 'Bob']));
    const out = redactPdf(original, []);
    const doc = new mupdf.PDFDocument(out);
    expect(doc.loadPage(0).getWidgets()).toEqual([]);
    expect(auditPdf(out)).toEqual([]);
    expect(allObjectText(doc)).not.toMatch(/Alice|Bob/);
    expect(mupdfText(out)).toContain('Example for a Form');
  });

  it('drops annotations and keeps the page text', () => {
    const original = corpus('en-annot-pypdf-annotated.pdf');
    expect(new mupdf.PDFDocument(original).loadPage(0).getAnnotations().length).toBe(3);
    const out = redactPdf(original, []);
    expect(new mupdf.PDFDocument(out).loadPage(0).getAnnotations()).toEqual([]);
    expect(auditPdf(out)).toEqual([]);
    expect(mupdfText(out)).toContain('Not highlighted');
  });

  it('drops attachments', () => {
    const original = corpus('en-attachment-pypdf-with-attachment.pdf');
    expect(Object.keys(new mupdf.PDFDocument(original).getEmbeddedFiles())).toEqual(['image.png']);
    const out = redactPdf(original, []);
    const doc = new mupdf.PDFDocument(out);
    expect(Object.keys(doc.getEmbeddedFiles())).toEqual([]);
    expect(auditPdf(out)).toEqual([]);
    expect(allObjectText(doc)).not.toContain('image.png');
  });
});

describe('redactPdf on a scanned (image-only) PDF', () => {
  it('removes the pixels of a word; OCR re-reading passes, and refuses a box placed below the word', async () => {
    const original = corpus('en-scan-ocrmypdf-linn.pdf');
    // Where tesseract reads the word "aftertouch" on this page (page units), found once and fixed here.
    const word: Box = [240.8, 454.3, 280.4, 461.9];
    const values: RedactedValue[] = [{ pageIndex: 0, value: 'aftertouch', kind: 'word', boxes: [word] }];
    const box: Box = [word[0] - 2, word[1] - 2, word[2] + 2, word[3] + 2];
    const out = redactPdf(original, [{ pageIndex: 0, box, reason: 'manual' }]);
    const v = await verifyPdfOutput(out, values, { pageMap: [0], ocrPages: new Set([0]), ocrLangs: 'eng', ocrDpi: 150 });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.checks.some((c) => c.check === 'OCR' && c.ok)).toBe(true);

    const below = redactPdf(original, [{ pageIndex: 0, box: [box[0], box[3] + 30, box[2], box[3] + 45], reason: 'manual' }]);
    const bad = await verifyPdfOutput(below, values, { pageMap: [0], ocrPages: new Set([0]), ocrLangs: 'eng', ocrDpi: 150 });
    expect(bad.failure).toBe('page 1: redacted value legible to OCR (word)');
  });
});

/** Every object of a document as text (strings included), to prove a value is nowhere in the file. */
function allObjectText(doc: mupdf.PDFDocument): string {
  let s = '';
  for (let i = 1; i < doc.countObjects(); i++) s += doc.newIndirect(i).resolve().toString() + '\n';
  return s;
}
