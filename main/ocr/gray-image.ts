import * as mupdf from 'mupdf';
import { badInput } from '../common/errors';

/**
 * 8-bit grayscale raster: what OCR works on. We decode once (MuPDF) and do the cheap geometric work
 * (rotate by quarter turns, crop, downscale) here, then hand tesseract an uncompressed PGM.
 */
export interface GrayImage {
  width: number;
  height: number;
  /** row-major, width * height bytes, 0 = black. */
  data: Uint8Array;
}

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
}

export type QuarterTurn = 0 | 90 | 180 | 270;

/** Pages larger than this are refused: a decompression bomb must not take the process down. */
const MAX_PIXELS = 100_000_000;

/** Decodes PNG/JPEG/TIFF/… bytes (anything MuPDF reads) or converts an RGBA raster to gray. */
export function toGray(image: Uint8Array | RgbaImage, what = 'image'): GrayImage {
  if (image instanceof Uint8Array) return decodeToGray(image, what);
  const { width, height, rgba } = image;
  if (!(width > 0 && height > 0) || rgba.length < width * height * 4) {
    throw badInput(`${what}: RGBA raster of ${width}x${height} needs ${width * height * 4} bytes, got ${rgba.length}`);
  }
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    // Composite on white (transparent screenshot areas are background), then Rec. 601 luma.
    const a = rgba[j + 3] / 255;
    const y = 0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2];
    data[i] = Math.round(y * a + 255 * (1 - a));
  }
  return { width, height, data };
}

/**
 * Decodes as the scan does (documents' worker): MuPDF opens the bytes as a one-page image document and
 * renders that page without alpha, at the image's own pixel size. Rendering composites transparency on
 * white and converts any colour space (RGBA, gray+alpha, 16-bit, palette, CMYK with its ICC profile) and
 * applies EXIF orientation; converting the decoded pixmap directly fails on alpha ("cannot drop alpha").
 */
function decodeToGray(bytes: Uint8Array, what: string): GrayImage {
  let img: mupdf.Image;
  let doc: mupdf.Document;
  try {
    img = new mupdf.Image(bytes);
    // The magic only picks MuPDF's image handler; it recognises the actual format from the content.
    doc = mupdf.Document.openDocument(bytes, 'image/png');
  } catch (e) {
    throw badInput(`${what}: not a readable image (${(e as Error).message})`, e);
  }
  try {
    const w0 = img.getWidth(), h0 = img.getHeight();
    if (w0 * h0 > MAX_PIXELS) throw badInput(`${what}: image of ${w0}x${h0} pixels is too large to OCR`);
    const page = doc.loadPage(0);
    const [bx0, by0, bx1, by1] = page.getBounds();
    const pw = bx1 - bx0, ph = by1 - by0;
    // Page size = pixels at the image's resolution; a quarter-turned (EXIF) page swaps the sides.
    const turned = Math.abs(pw / ph - w0 / h0) > Math.abs(pw / ph - h0 / w0);
    const [tw, th] = turned ? [h0, w0] : [w0, h0];
    let pix: mupdf.Pixmap;
    try {
      pix = page.toPixmap([tw / pw, 0, 0, th / ph, -bx0 * (tw / pw), -by0 * (th / ph)], mupdf.ColorSpace.DeviceGray, false);
    } catch (e) {
      throw badInput(`${what}: image cannot be decoded (${(e as Error).message})`, e);
    } finally {
      page.destroy();
    }
    const width = pix.getWidth(), height = pix.getHeight(), stride = pix.getStride();
    const px = pix.getPixels();
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) data.set(px.subarray(y * stride, y * stride + width), y * width);
    pix.destroy();
    return { width, height, data };
  } finally {
    doc.destroy();
    img.destroy();
  }
}

/** Turns the image clockwise by a quarter-turn multiple. */
export function rotateGray(img: GrayImage, turn: QuarterTurn): GrayImage {
  if (turn === 0) return img;
  const { width: w, height: h, data: s } = img;
  if (turn === 180) {
    const d = new Uint8Array(s.length);
    for (let i = 0, n = s.length; i < n; i++) d[n - 1 - i] = s[i];
    return { width: w, height: h, data: d };
  }
  const d = new Uint8Array(s.length);
  // Output is h wide, w high. 90 cw: out(x', y') = in(x = y', y = h-1-x').
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const o = turn === 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      d[o] = s[row + x];
    }
  }
  return { width: h, height: w, data: d };
}

/**
 * Maps a box [x0,y0,x1,y1] found in an image that was turned clockwise by `turn` back into the
 * unturned image (whose size is w x h).
 */
export function unrotateBox(b: readonly number[], turn: QuarterTurn, w: number, h: number): [number, number, number, number] {
  switch (turn) {
    case 0: return [b[0], b[1], b[2], b[3]];
    case 180: return [w - b[2], h - b[3], w - b[0], h - b[1]];
    // Turned 90 cw: rotated (x', y') came from (x = y', y = h - x').
    case 90: return [b[1], h - b[2], b[3], h - b[0]];
    // Turned 270 cw: rotated (x', y') came from (x = w - y', y = x').
    case 270: return [w - b[3], b[0], w - b[1], b[2]];
  }
}

/** Box-filter downscale by an integer-free factor (0 < f < 1); keeps strokes (averaging, not sampling). */
export function downscaleGray(img: GrayImage, f: number): GrayImage {
  if (f >= 1) return img;
  const width = Math.max(1, Math.round(img.width * f)), height = Math.max(1, Math.round(img.height * f));
  const sx = img.width / width, sy = img.height / height;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy), y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx), x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) {
        const row = yy * img.width;
        for (let xx = x0; xx < x1; xx++) sum += img.data[row + xx];
      }
      out[y * width + x] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return { width, height, data: out };
}

export function cropGray(img: GrayImage, x0: number, y0: number, x1: number, y1: number): GrayImage {
  const width = x1 - x0, height = y1 - y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const src = (y0 + y) * img.width + x0;
    data.set(img.data.subarray(src, src + width), y * width);
  }
  return { width, height, data };
}

/** The image inside a white border of n pixels (tesseract reads a line better with a margin round it). */
export function padGray(img: GrayImage, n: number): GrayImage {
  const width = img.width + 2 * n, height = img.height + 2 * n;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + n) * width + n);
  return { width, height, data };
}

/** Bounding box of the "ink" (pixels clearly darker than the page), or null for a blank image. */
export function inkBox(img: GrayImage, threshold = 128): [number, number, number, number] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  const { width: w, height: h, data } = img;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (data[row + x] < threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : [x0, y0, x1 + 1, y1 + 1];
}

/** Binary PGM (P5): Leptonica inside tesseract reads it without any decoding cost. */
export function encodePgm(img: GrayImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head, 0);
  out.set(img.data, head.length);
  return out;
}
