import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { assemblePng } from '../documents/png-encode';
import { rgbaWords, type Raster } from './raster';

const deflate = promisify(zlib.deflate);
/** Deflate level for page images: mostly flat paper, where level 1 is within a few per cent of 6 and several times quicker. */
const LEVEL = 1;

/**
 * The raster as PNG scanlines (filter byte "none" + samples): 8-bit gray when every pixel is gray (a text
 * page with black boxes: a third of the bytes to compress), else RGB. Alpha is dropped (pages are opaque).
 */
function scanlines(r: Raster): { raw: Buffer; channels: 1 | 3 } {
  const { width: w, height: h } = r;
  const px = rgbaWords(r);
  const gray = Buffer.allocUnsafe((w + 1) * h);
  for (let y = 0, o = 0, i = 0; y < h; y++) {
    gray[o++] = 0;
    for (let x = 0; x < w; x++, i++) {
      const v = px[i];
      // R, G and B equal: the low 24 bits are one byte three times.
      if (((v ^ (v >>> 8)) & 0xffff) !== 0) return { raw: rgbLines(px, w, h), channels: 3 };
      gray[o++] = v & 255;
    }
  }
  return { raw: gray, channels: 1 };
}

function rgbLines(px: Uint32Array, w: number, h: number): Buffer {
  const raw = Buffer.allocUnsafe((w * 3 + 1) * h);
  for (let y = 0, o = 0, i = 0; y < h; y++) {
    raw[o++] = 0;
    for (let x = 0; x < w; x++, i++) {
      const v = px[i];
      raw[o++] = v & 255; raw[o++] = (v >>> 8) & 255; raw[o++] = (v >>> 16) & 255;
    }
  }
  return raw;
}

/**
 * A page image as a clean PNG: only IHDR/IDAT/IEND (no text, time, EXIF, colour profile or resolution
 * chunks), gray when the page is gray. Compressed on libuv's thread pool, so the other core deflates while
 * this thread proves the next page.
 */
export async function encodePagePng(r: Raster): Promise<Uint8Array> {
  const { raw, channels } = scanlines(r);
  return assemblePng(r.width, r.height, channels, await deflate(raw, { level: LEVEL }));
}

/** encodePagePng on this thread (a single image: a screenshot). */
export function encodePagePngSync(r: Raster): Uint8Array {
  const { raw, channels } = scanlines(r);
  return assemblePng(r.width, r.height, channels, zlib.deflateSync(raw, { level: LEVEL }));
}
