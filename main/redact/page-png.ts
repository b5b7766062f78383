import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { rgbaWords, type Raster } from './raster';

const deflate = promisify(zlib.deflate);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
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

function assemble(w: number, h: number, channels: 1 | 3, idat: Buffer): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 1 ? 0 : 2; // colour type: gray / RGB
  const png = Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A page image as a clean PNG: only IHDR/IDAT/IEND (no text, time, EXIF, colour profile or resolution
 * chunks), gray when the page is gray. Compressed on libuv's thread pool, so the other core deflates while
 * this thread proves the next page.
 */
export async function encodePagePng(r: Raster): Promise<Uint8Array> {
  const { raw, channels } = scanlines(r);
  return assemble(r.width, r.height, channels, await deflate(raw, { level: LEVEL }));
}

/** encodePagePng on this thread (a single image: a screenshot). */
export function encodePagePngSync(r: Raster): Uint8Array {
  const { raw, channels } = scanlines(r);
  return assemble(r.width, r.height, channels, zlib.deflateSync(raw, { level: LEVEL }));
}
