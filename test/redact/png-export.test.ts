import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import { withCaption } from '../../main/redact/caption';
import { jpegTrailingBytes, pngLayout, pngProblems, stripPng } from '../../main/redact/image-bytes';
import { burnIn, fromPixmap, type Raster } from '../../main/redact/raster';
import { encodePagePngSync } from '../../main/redact/page-png';
import { regionsOfHit } from '../../main/redact/regions';
import { verifyPngOutput } from '../../main/redact/verify-export';
import { CORPUS, SECRET_EMAIL, findBoxes, makeTextPdf } from './fixtures';
import { ocrImage } from '../../main/ocr/ocr-image';

afterAll(() => closeSharedOcrPool());

const DPI = 150;
const S = DPI / 72;
const pdf = makeTextPdf();
const boxes = findBoxes(pdf, 0, SECRET_EMAIL);
const regions = regionsOfHit({ id: 1, pageIndex: 0, boxes, valueKind: 'email', reason: 'email', text: SECRET_EMAIL });

function renderTop(): Raster {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const page = doc.loadPage(0);
  // The top of the page only (where the text is): keeps OCR quick.
  const pix = page.toPixmap(mupdf.Matrix.scale(S, S), mupdf.ColorSpace.DeviceRGB, false);
  const full = fromPixmap(pix);
  const h = Math.round(160 * S);
  return { width: full.width, height: h, data: full.data.slice(0, full.width * h * 4) };
}

/** A PNG chunk with a correct CRC, to build files with metadata or trailing data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function crc32(b: Uint8Array): number {
  let c = ~0;
  for (const x of b) { c ^= x; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}

describe('burned-in PNG pages', () => {
  const raster = renderTop();
  burnIn(raster, regions.map((r) => r.box), S, S);
  const png = encodePagePngSync(raster);

  it('fills every pixel under the box with solid black and leaves the rest', () => {
    const decoded = fromPixmap(new mupdf.Image(png).toPixmap());
    const b = regions[0].box;
    for (let y = Math.ceil(b[1] * S); y < Math.floor(b[3] * S); y++) {
      for (let x = Math.ceil(b[0] * S); x < Math.floor(b[2] * S); x++) {
        const i = (y * decoded.width + x) * 4;
        expect([decoded.data[i], decoded.data[i + 1], decoded.data[i + 2]]).toEqual([0, 0, 0]);
      }
    }
    const white = (Math.round(5 * S) * decoded.width + Math.round(5 * S)) * 4;
    expect(decoded.data[white]).toBe(255);
  });

  it('keeps only IHDR/IDAT/IEND and nothing after IEND', () => {
    const types = pngLayout(png).chunks.map((c) => c.type);
    expect(new Set(types)).toEqual(new Set(['IHDR', 'IDAT', 'IEND']));
    expect(pngLayout(png).trailing).toBe(0);
    expect(pngProblems(png)).toEqual([]);
  });

  it('flags metadata chunks and bytes after IEND, and strips the chunks', () => {
    const sig = png.subarray(0, 8);
    const ihdrEnd = 8 + 12 + 13;
    const withText = Buffer.concat([sig, png.subarray(8, ihdrEnd), chunk('tEXt', Buffer.from('Author\0Leaker')),
      chunk('eXIf', Buffer.from('MM\0*')), png.subarray(ihdrEnd)]);
    expect(pngProblems(withText)).toEqual(['metadata chunk(s) tEXt, eXIf']);
    expect(pngProblems(stripPng(withText))).toEqual([]);
    // aCropalypse: a cropped image written over a longer one leaves the old image's tail behind IEND.
    const leaky = Buffer.concat([png, chunk('IDAT', deflateSync(Buffer.alloc(100)))]);
    expect(pngProblems(leaky)).toEqual([`${leaky.length - png.length} byte(s) after IEND`]);
  });

  it('finds bytes after a JPEG end marker', () => {
    const jpg = fs.readFileSync(path.join(CORPUS, 'images/ja-manga-haruko-p02.jpg'));
    expect(jpegTrailingBytes(jpg)).toBe(0);
    expect(jpegTrailingBytes(Buffer.concat([jpg, jpg.subarray(0, 500)]))).toBe(500);
  });

  it('OCR re-read: the burned page passes, a box beside the value is refused', async () => {
    const values = [{ pageIndex: 0, value: SECRET_EMAIL, kind: 'email', boxes }];
    const ok = await verifyPngOutput(png, values, 0, { ocrLangs: 'eng' });
    expect(ok.ok).toBe(true);
    expect(ok.checks.some((c) => c.check === 'OCR' && c.ok)).toBe(true);

    const beside = renderTop();
    burnIn(beside, regions.map((r) => [r.box[2] + 5, r.box[1], r.box[2] + 120, r.box[3]] as [number, number, number, number]), S, S);
    const bad = await verifyPngOutput(encodePagePngSync(beside), values, 0, { ocrLangs: 'eng' });
    expect(bad.ok).toBe(false);
    expect(bad.failure).toBe('page 1: redacted value legible to OCR (email)');
  });

  it('adds a caption band under a screenshot', () => {
    const shot: Raster = { width: 400, height: 100, data: new Uint8Array(400 * 100 * 4).fill(255) };
    const captioned = withCaption(shot, 'Case 2026-7 - 2026-11-26');
    expect(captioned.width).toBe(400);
    expect(captioned.height).toBeGreaterThan(100);
    const band = captioned.data.subarray(400 * 100 * 4);
    expect(band.some((v, i) => i % 4 !== 3 && v < 128)).toBe(true); // the caption's ink
  });

  it('writes Japanese captions in the Japanese font, not as question marks', async () => {
    const shot: Raster = { width: 1200, height: 60, data: new Uint8Array(1200 * 60 * 4).fill(255) };
    const ja = withCaption(shot, '会員情報流出 (K-1) — 2026-11-26 — 黒塗り済み');
    const marks = withCaption(shot, '?????? (K-1) — 2026-11-26 — ????');
    expect(Buffer.from(ja.data).equals(Buffer.from(marks.data))).toBe(false);
    const r = await ocrImage(encodePagePngSync(ja), { langs: 'jpn' });
    expect(r.text.replace(/\s/g, '')).toMatch(/黒塗り/);
  });
});
