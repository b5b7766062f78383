import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { ShokoError } from '../../main/common/errors';
import { extractItem } from '../../main/documents/extract-item';
import { addEvidence } from '../../main/evidence/intake';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { ocrImage } from '../../main/ocr/ocr-image';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import { withoutLabels } from '../../main/redact/box-label';
import { exportRedacted } from '../../main/redact/export-redacted';
import { auditPdf } from '../../main/redact/pdf-audit';
import { fromPixmap, type Raster } from '../../main/redact/raster';
import { addManualRedaction } from '../../main/redact/redaction-store';
import { foldPageText, foldValue, occursWithin } from '../../main/redact/value-search';
import type { Box } from '../../shared/model/geometry';
import { runShokoAsync } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';
import { CORPUS, findBoxes, mupdfText } from './fixtures';

/** A real corpus PDF: one page, "Not highlighted" in large type (about 33 pt lines). */
const SOURCE = path.join(CORPUS, 'pdf/en-annot-pypdf-annotated.pdf');
const VALUE = 'Not highlighted';

let dir: string;
let c: CaseHandle;
let item: number;
let valueBox: Box;
let hitSeq = 2000;

function insertHit(boxes: Box[], status: 'confirmed' | 'dismissed'): void {
  const t = new Date().toISOString();
  const at = hitSeq++;
  c.db.prepare(`INSERT INTO hit (item_id, page_index, kind, field, recognizer, text, char_start, char_end, boxes_json, score, source, status, created_at, updated_at)
    VALUES (?, 0, 'pii', 'name', 'name', ?, ?, ?, ?, 1, 'native', ?, ?, ?)`).run(item, VALUE, at, at + VALUE.length, JSON.stringify(boxes), status, t, t);
}

/** Pixels of a rectangle (page units) of a raster rendered at `scale` pixels per unit. */
function pixelsIn(r: Raster, b: Box, scale: number): { white: number; total: number } {
  let white = 0, total = 0;
  for (let y = Math.ceil(b[1] * scale); y < Math.floor(b[3] * scale); y++) {
    for (let x = Math.ceil(b[0] * scale); x < Math.floor(b[2] * scale); x++) {
      const i = (y * r.width + x) * 4;
      total++;
      if (r.data[i] > 200 && r.data[i + 1] > 200 && r.data[i + 2] > 200) white++;
    }
  }
  return { white, total };
}

function renderPdfPage(bytes: Uint8Array, scale: number): Raster {
  const doc = new mupdf.PDFDocument(bytes);
  try {
    const pix = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false);
    return fromPixmap(pix);
  } finally {
    doc.destroy();
  }
}

beforeAll(async () => {
  dir = tmpDir('shoko-redact-label-');
  c = initCase(path.join(dir, 'case'), { name: 'Label test', caseNumber: '2026-8' });
  [{ id: item }] = await addEvidence(c, [SOURCE]);
  await extractItem(c, item);
  c.db.prepare('DELETE FROM hit').run();
  const [b] = findBoxes(new Uint8Array(fs.readFileSync(SOURCE)), 0, VALUE);
  valueBox = [b[0] - 2, b[1] - 2, b[2] + 2, b[3] + 2];
});

afterAll(async () => {
  c?.close();
  await closeSharedOcrPool();
});

describe('box labels', () => {
  it('discounts a drawn label only as often as it was drawn', () => {
    const page = foldPageText('Contact Ted: REDACTED today', true);
    expect(occursWithin(withoutLabels(page, [{ text: 'REDACTED', count: 1 }]), foldValue('Ted'), 0)).toBe(true);
    const onlyLabel = foldPageText('Contact REDACTED today', true);
    expect(occursWithin(onlyLabel, foldValue('Ted'), 0)).toBe(true); // "redac-TED": the false hit avoided
    expect(occursWithin(withoutLabels(onlyLabel, [{ text: 'REDACTED', count: 1 }]), foldValue('Ted'), 0)).toBe(false);
    const twice = foldPageText('REDACTED and REDACTED', true);
    expect(withoutLabels(twice, [{ text: 'REDACTED', count: 1 }])).toContain(foldValue('REDACTED'));
  });

  it('PNG with --label en: REDACTED in white inside the box, the value gone, verified', async () => {
    insertHit([valueBox], 'confirmed');
    const out = path.join(dir, 'out-png');
    const r = await exportRedacted(c, { format: 'png', itemId: item, dpi: 150, label: 'en', outDir: out, ocrLangs: 'eng' });
    expect(r.verification.ok).toBe(true);
    const png = new Uint8Array(fs.readFileSync(r.exports[0].path));
    const raster = fromPixmap(new mupdf.Image(png).toPixmap());
    const s = 150 / 72;
    const inBox = pixelsIn(raster, valueBox, s);
    expect(inBox.white).toBeGreaterThan(inBox.total * 0.03); // the label's ink
    expect(inBox.white).toBeLessThan(inBox.total * 0.5); // on black: the box is still a box
    // The box alone, read by OCR: the label, nothing of the value.
    const x0 = Math.floor(valueBox[0] * s), y0 = Math.floor(valueBox[1] * s), x1 = Math.ceil(valueBox[2] * s), y1 = Math.ceil(valueBox[3] * s);
    const crop = new Uint8Array((x1 - x0) * (y1 - y0) * 4);
    for (let y = y0; y < y1; y++) crop.set(raster.data.subarray((y * raster.width + x0) * 4, (y * raster.width + x1) * 4), (y - y0) * (x1 - x0) * 4);
    const boxText = (await ocrImage({ width: x1 - x0, height: y1 - y0, rgba: crop }, { langs: 'eng' })).text;
    expect(boxText).toMatch(/REDACTED/);
    const pageText = foldPageText((await ocrImage(png, { langs: 'eng' })).text, true);
    expect(pageText).not.toContain('highlighted');
    expect(pageText).toContain(foldValue('Some text'));
    const ev = listCustodyEvents(c.db).filter((e) => e.action === 'redact.exported').at(-1);
    expect((ev?.details as { label?: string }).label).toBe('en');
  });

  it('redacted PDF original with --label ja: 黒塗り stamped as a picture, no text added, value removed', async () => {
    const out = path.join(dir, 'out-pdf');
    const r = await exportRedacted(c, { format: 'pdf', itemId: item, label: 'ja', outDir: out });
    expect(r.verification.ok).toBe(true);
    const bytes = new Uint8Array(fs.readFileSync(r.exports[0].path));
    expect(auditPdf(bytes)).toEqual([]);
    const text = mupdfText(bytes);
    expect(text).not.toContain('highlighted');
    expect(text).not.toContain('黒塗り');
    expect(text).toContain('Line 1');
    const inBox = pixelsIn(renderPdfPage(bytes, 2), valueBox, 2);
    expect(inBox.white).toBeGreaterThan(inBox.total * 0.03);
    expect(inBox.white).toBeLessThan(inBox.total * 0.5);
  });

  it('a label does not hide a value left unredacted: box beside the value is still refused', async () => {
    c.db.prepare("UPDATE hit SET status = 'dismissed'").run();
    const beside: Box = [valueBox[2] + 20, valueBox[1], valueBox[2] + 200, valueBox[3]];
    insertHit([beside], 'confirmed');
    const out = path.join(dir, 'out-refused');
    const err = await exportRedacted(c, { format: 'png', itemId: item, dpi: 150, label: 'en', outDir: out, ocrLangs: 'eng' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShokoError);
    expect((err as ShokoError).kind).toBe('verification-failed');
    expect((err as ShokoError).message).toMatch(/page 1: redacted value (legible to OCR|still in the legible text) \(name\)/);
    expect(fs.readdirSync(out)).toEqual([]);
    c.db.prepare("UPDATE hit SET status = 'dismissed'").run();
  });

  it('image-only PDF of a real comic page with --label ja; a box too small stays plain black', async () => {
    const [{ id }] = await addEvidence(c, [path.join(CORPUS, 'cbz/ja-manga-haruko.cbz')]);
    await extractItem(c, id);
    const big: Box = [20, 20, 160, 80], tiny: Box = [200, 20, 206, 24];
    addManualRedaction(c, { itemId: id, pageIndex: 0, box: big });
    addManualRedaction(c, { itemId: id, pageIndex: 0, box: tiny });
    const out = path.join(dir, 'out-cbz');
    const r = await exportRedacted(c, { format: 'pdf', itemId: id, pages: '1', dpi: 72, label: 'ja', outDir: out, ocrLangs: 'jpn' });
    expect(r.verification.ok).toBe(true);
    const bytes = new Uint8Array(fs.readFileSync(r.exports[0].path));
    expect(mupdfText(bytes).trim()).toBe('');
    const page = renderPdfPage(bytes, 1);
    const inBig = pixelsIn(page, big, 1);
    expect(inBig.white).toBeGreaterThan(inBig.total * 0.03);
    expect(pixelsIn(page, tiny, 1)).toEqual({ white: 0, total: expect.any(Number) });
  });

  it('shoko redact --label: an unknown label is bad input (exit 2)', async () => {
    const bad = await runShokoAsync(['redact', path.join(dir, 'case'), '--item', String(item), '--label', 'fr', '--out', path.join(dir, 'cli-bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^shoko: --label fr: expected none, ja, en/m);
  });
});
