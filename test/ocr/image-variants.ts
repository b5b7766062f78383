import zlib from 'node:zlib';
import * as mupdf from 'mupdf';
import { pngChunk } from '../../main/documents/png-encode';

/**
 * Test images of one line of text in the pixel formats screenshots and scans come in. The text is drawn
 * by MuPDF once; the files are written by MuPDF where it can (RGBA / gray+alpha PNG, CMYK JPEG) and by the
 * small PNG writer below where it cannot (16-bit, palette): real files any decoder must read.
 */

export const VARIANT_TEXT = 'hanako.sato@example.com 03-0123-4567';

/** Ink coverage 0..1 (1 = text) of the line drawn at 36 px on a 760x110 canvas. */
export function inkRaster(text = VARIANT_TEXT): { width: number; height: number; ink: Float64Array } {
  const width = 760, height = 110;
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, width, height], false);
  pix.clear(255);
  const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
  const t = new mupdf.Text();
  t.showString(new mupdf.Font('Helvetica'), [36, 0, 0, -36, 20, 68], text);
  dev.fillText(t, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
  dev.close();
  const px = pix.getPixels(), stride = pix.getStride();
  const ink = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) ink[y * width + x] = 1 - px[y * stride + x] / 255;
  return { width, height, ink };
}

/** Text in dark blue on a fully transparent background: composited on black it would vanish. */
export function rgbaPng(): Uint8Array {
  const { width, height, ink } = inkRaster();
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, width, height], true);
  pix.clear(0);
  const px = pix.getPixels();
  for (let i = 0; i < ink.length; i++) {
    px.set([10, 20, 90, Math.round(ink[i] * 255)], i * 4);
  }
  return pix.asPNG().slice();
}

/** Black text, transparent elsewhere, 8-bit gray + alpha. */
export function grayAlphaPng(): Uint8Array {
  const { width, height, ink } = inkRaster();
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, width, height], true);
  pix.clear(0);
  const px = pix.getPixels();
  for (let i = 0; i < ink.length; i++) px.set([0, Math.round(ink[i] * 255)], i * 2);
  return pix.asPNG().slice();
}

/** 16 bits per sample, RGBA (colour type 6): a deep-colour capture with transparency. */
export function rgba16Png(): Uint8Array {
  const { width, height, ink } = inkRaster();
  const row = 1 + width * 8;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * 8;
      raw.writeUInt16BE(0x1000, o);
      raw.writeUInt16BE(0x1000, o + 2);
      raw.writeUInt16BE(0x3000, o + 4);
      raw.writeUInt16BE(Math.round(ink[y * width + x] * 65535), o + 6);
    }
  }
  return png(width, height, 16, 6, raw);
}

/** 16-bit gray (colour type 0), opaque, light gray paper. */
export function gray16Png(): Uint8Array {
  const { width, height, ink } = inkRaster();
  const row = 1 + width * 2;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.writeUInt16BE(Math.round(62000 * (1 - ink[y * width + x])), y * row + 1 + x * 2);
  }
  return png(width, height, 16, 0, raw);
}

/** Palette (colour type 3, 8-bit indices) with 16 shades and a transparent background entry (tRNS). */
export function palettePng(): Uint8Array {
  const { width, height, ink } = inkRaster();
  const row = 1 + width;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * row + 1 + x] = Math.round(ink[y * width + x] * 15);
  // Entry 0 = paper (transparent), 15 = ink (dark red); in between, blends.
  const plte = Buffer.alloc(16 * 3);
  for (let i = 0; i < 16; i++) plte.set([Math.round(255 - i * (255 - 120) / 15), Math.round(255 - i * 255 / 15), Math.round(255 - i * 255 / 15)], i * 3);
  const trns = Buffer.from([0]);
  return png(width, height, 8, 3, raw, [['PLTE', plte], ['tRNS', trns]]);
}

/** CMYK JPEG (4 components, as print workflows and some scanners save). */
export function cmykJpeg(): Uint8Array {
  const { width, height, ink } = inkRaster();
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceCMYK, [0, 0, width, height], false);
  pix.clear(0);
  const px = pix.getPixels();
  // Rich black text (C 60 M 40 Y 40 K 100) on white (all zero).
  for (let i = 0; i < ink.length; i++) {
    const a = ink[i];
    px.set([Math.round(a * 153), Math.round(a * 102), Math.round(a * 102), Math.round(a * 255)], i * 4);
  }
  // Inverted, with an Adobe marker, as Photoshop writes CMYK JPEGs (readers invert them back).
  return pix.asJPEG(92, true).slice();
}

function png(width: number, height: number, depth: 8 | 16, colourType: 0 | 2 | 3 | 4 | 6, raw: Buffer, extra: [string, Buffer][] = []): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colourType;
  const out = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...extra.map(([t, d]) => pngChunk(t, d)),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(out);
}
