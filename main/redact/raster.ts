import * as mupdf from 'mupdf';
import type { Box } from '../../shared/model/geometry';

/** An opaque RGBA image of a page (4 bytes per pixel, no padding), as the document engine renders it. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Fills each box (page units) with solid black, every channel, in place: the pixels are replaced, not
 * blurred or tinted. `sx`/`sy` are pixels per page unit. Partly covered edge pixels are filled too.
 */
export function burnIn(r: Raster, boxes: readonly Box[], sx: number, sy: number): void {
  const px = rgbaWords(r);
  const black = rgbaWords({ width: 1, height: 1, data: Uint8Array.of(0, 0, 0, 255) })[0];
  for (const b of boxes) {
    const [x0, y0, x1, y1] = boxPixels(r, b, sx, sy);
    if (x1 <= x0) continue;
    for (let y = y0; y < y1; y++) px.fill(black, y * r.width + x0, y * r.width + x1);
  }
  // rgbaWords copies unaligned bytes: write the words back then.
  if (px.buffer !== r.data.buffer) r.data.set(new Uint8Array(px.buffer, px.byteOffset, r.width * r.height * 4));
}

/**
 * The pixel rectangle [x0, y0, x1, y1) a box (page units) covers on the raster: every partly covered
 * edge pixel included, clamped to the image. What burnIn blacks out, and the only area a box label may use.
 */
export function boxPixels(r: Raster, b: Box, sx: number, sy: number): [number, number, number, number] {
  return [
    clamp(Math.floor(b[0] * sx), r.width), clamp(Math.floor(b[1] * sy), r.height),
    clamp(Math.ceil(b[2] * sx), r.width), clamp(Math.ceil(b[3] * sy), r.height),
  ];
}

/** A copy of a pixel rectangle [x0, y0, x1, y1). */
export function cropRaster(r: Raster, x0: number, y0: number, x1: number, y1: number): Raster {
  x0 = clamp(Math.floor(x0), r.width); x1 = clamp(Math.ceil(x1), r.width);
  y0 = clamp(Math.floor(y0), r.height); y1 = clamp(Math.ceil(y1), r.height);
  const w = x1 - x0, h = y1 - y0;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) data.set(r.data.subarray(((y0 + y) * r.width + x0) * 4, ((y0 + y) * r.width + x1) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/** The raster as a MuPDF RGB pixmap (alpha dropped: pages are opaque). Caller destroys it. */
export function toPixmap(r: Raster): mupdf.Pixmap {
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, r.width, r.height], false);
  const px = pix.getPixels();
  const stride = pix.getStride();
  for (let y = 0; y < r.height; y++) {
    const src = y * r.width * 4, dst = y * stride;
    for (let x = 0; x < r.width; x++) {
      px[dst + x * 3] = r.data[src + x * 4];
      px[dst + x * 3 + 1] = r.data[src + x * 4 + 1];
      px[dst + x * 3 + 2] = r.data[src + x * 4 + 2];
    }
  }
  return pix;
}

/** RGBA raster from a MuPDF pixmap (RGB or RGBA, any stride). */
export function fromPixmap(pix: mupdf.Pixmap): Raster {
  const w = pix.getWidth(), h = pix.getHeight(), n = pix.getNumberOfComponents() + pix.getAlpha(), stride = pix.getStride();
  const px = pix.getPixels();
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = y * stride + x * n, d = (y * w + x) * 4;
      if (n >= 3) { data[d] = px[s]; data[d + 1] = px[s + 1]; data[d + 2] = px[s + 2]; } else { data[d] = data[d + 1] = data[d + 2] = px[s]; }
      data[d + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

/**
 * The raster's pixels as 32-bit words (R in the low byte: every platform Node runs on is little-endian),
 * one read per pixel instead of four. Copies only when the bytes are not 4-aligned.
 */
export function rgbaWords(r: Raster): Uint32Array {
  const d = r.data;
  const n = r.width * r.height;
  return d.byteOffset % 4 === 0 ? new Uint32Array(d.buffer, d.byteOffset, n) : new Uint32Array(d.slice(0, n * 4).buffer);
}

function clamp(v: number, max: number): number {
  return Math.max(0, Math.min(max, v));
}
