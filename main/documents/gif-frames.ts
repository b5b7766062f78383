import { GifReader } from 'omggif';

/**
 * The frames of an animated GIF. MuPDF opens a GIF as one page (its first frame) and says nothing of the
 * rest, so an animation of 5,000 screenshots read as one picture. Each frame's pixels are decoded by omggif
 * (LZW, colour table, interlace, transparency); this module keeps what Shoko needs around it: a block walk
 * that counts frames and finds where a damaged file stops, the bounds on untrusted input, and compositing
 * by disposal method (a viewer's view of each frame) so every frame can be a page.
 *
 * Untrusted input: the canvas is bounded by maxImagePixels before anything is allocated, a frame is
 * clipped to the canvas, and the pixels decoded over all frames are bounded (MAX_DECODED_PIXELS).
 * omggif only ever sees one frame at a time, rebuilt as a minimal well-formed GIF (its parser throws on
 * any block it does not know, which would lose the frames before it), and only after its LZW codes were
 * checked: omggif loops forever on a code beyond its table (`lzwDamage`).
 */

/** Pixels decoded (frame areas, summed) before a GIF's remaining frames are left unread. */
export const MAX_DECODED_PIXELS = 2_000_000_000;

interface FrameInfo {
  /** Offset of the image descriptor (0x2C). */
  at: number;
  /** Offset of the LZW minimum code size byte, and the end of the frame's sub-blocks (after the 0 block). */
  data: number;
  end: number;
  disposal: number;
  transparent: number | null;
}

export function isGif(b: Uint8Array): boolean {
  return b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61;
}

function walk(b: Uint8Array): { width: number; height: number; globalTable: number; frames: FrameInfo[]; damage: string | null } {
  if (!isGif(b) || b.length < 13) throw new Error('not a GIF file (no GIF87a/GIF89a header)');
  const width = b[6] | (b[7] << 8), height = b[8] | (b[9] << 8);
  const packed = b[10];
  let p = 13;
  const globalTable = packed & 0x80 ? 3 << ((packed & 7) + 1) : 0;
  p += globalTable;
  const frames: FrameInfo[] = [];
  let disposal = 0, transparent: number | null = null;
  const skipBlocks = (): boolean => {
    while (p < b.length) {
      const n = b[p++];
      if (n === 0) return true;
      p += n;
    }
    return false;
  };
  while (p < b.length) {
    const tag = b[p];
    if (tag === 0x3b) return { width, height, globalTable, frames, damage: null };
    if (tag === 0x21) {
      const label = b[p + 1];
      if (label === 0xf9 && b[p + 2] === 4 && p + 7 < b.length) {
        disposal = (b[p + 3] >> 2) & 7;
        transparent = b[p + 3] & 1 ? b[p + 6] : null;
      }
      p += 2;
      if (!skipBlocks()) break;
      continue;
    }
    if (tag === 0x2c) {
      if (p + 10 > b.length) break;
      const at = p;
      const lp = b[p + 9];
      p += 10 + (lp & 0x80 ? 3 << ((lp & 7) + 1) : 0); // descriptor, local table
      const data = p++; // LZW minimum code size
      if (!skipBlocks()) break;
      frames.push({ at, data, end: p, disposal, transparent });
      disposal = 0;
      transparent = null;
      continue;
    }
    return { width, height, globalTable, frames, damage: `unknown block 0x${tag.toString(16)} at byte ${p}` };
  }
  return { width, height, globalTable, frames, damage: `truncated after ${frames.length} frame(s) (no trailer)` };
}

/**
 * Why omggif must not decode this LZW stream, or null. omggif follows a code's prefix chain with no bound,
 * so a code beyond the table (or a first code after a clear that is not a literal) can link the table into
 * a cycle and hang the worker on a file of a hundred bytes. Only the codes are read here (the same code-size
 * growth as omggif's decoder, no dictionary), up to the end code, the end of the data or `pixels` codes.
 */
function lzwDamage(b: Uint8Array, at: number, end: number, pixels: number): string | null {
  const minSize = b[at];
  if (minSize < 2 || minSize > 11) return `LZW minimum code size ${minSize}`;
  const clear = 1 << minSize, eoi = clear + 1;
  let size = minSize + 1, next = eoi + 1, literalNext = true;
  let acc = 0, bits = 0, block = 0, emitted = 0;
  let p = at + 1;
  while (emitted < pixels) {
    while (bits < size) {
      if (block === 0) {
        block = p < end ? b[p++] : 0;
        if (block === 0) return null; // data ends: the rest of the frame stays index 0, as viewers show it
      }
      acc |= b[p++] << bits;
      bits += 8;
      block--;
    }
    const code = acc & ((1 << size) - 1);
    acc >>>= size;
    bits -= size;
    if (code === clear) { size = minSize + 1; next = eoi + 1; literalNext = true; continue; }
    if (code === eoi) return null;
    if (literalNext ? code > clear : code > next) return `LZW code ${code} where at most ${literalNext ? clear - 1 : next} is defined`;
    emitted++;
    if (!literalNext && next < 4096) {
      next++;
      if (next === 1 << size && size < 12) size++;
    }
    literalNext = false;
  }
  return null;
}

/**
 * Composites frames in order; `next()` returns the canvas (RGBA, transparent where nothing was drawn)
 * after the next frame and whether any pixel changed from the canvas before it — compared pixel by pixel,
 * so "unchanged" is a proof, not a guess.
 */
export class GifFrameReader {
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  readonly damage: string | null;
  private readonly b: Uint8Array;
  private readonly frames: FrameInfo[];
  private readonly globalTable: number;
  private readonly maxPixels: number;
  private canvas: Uint8Array;
  private saved: Uint8Array | null = null;
  /** The frame decoded by omggif (RGBA, alpha 0 where transparent), reused from frame to frame. */
  private patch = new Uint8Array(0);
  private last: { frame: FrameInfo; rect: [number, number, number, number] } | null = null;
  /** Index of the next frame to composite. */
  position = 0;
  decodedPixels = 0;

  constructor(bytes: Uint8Array, maxPixels: number) {
    const w = walk(bytes);
    if (w.width === 0 || w.height === 0) throw new Error(`GIF canvas of ${w.width}×${w.height} pixels`);
    if (w.width * w.height > maxPixels) throw new Error(`GIF of ${w.width}×${w.height} pixels is over the limit of ${maxPixels} pixels`);
    this.b = bytes;
    this.maxPixels = maxPixels;
    this.width = w.width;
    this.height = w.height;
    this.frames = w.frames;
    this.frameCount = w.frames.length;
    this.damage = w.damage;
    this.globalTable = w.globalTable;
    this.canvas = new Uint8Array(w.width * w.height * 4);
  }

  /** Back to before the first frame (a page earlier than the last one asked for). */
  rewind(): void {
    this.canvas.fill(0);
    this.saved = null;
    this.last = null;
    this.position = 0;
    this.decodedPixels = 0;
  }

  /** The canvas after the last frame composited. */
  current(): Uint8Array {
    return this.canvas;
  }

  next(): { rgba: Uint8Array; changed: boolean } {
    const f = this.frames[this.position];
    if (!f) throw new Error(`no frame ${this.position + 1}`);
    const b = this.b;
    const p = f.at;
    const left = b[p + 1] | (b[p + 2] << 8), top = b[p + 3] | (b[p + 4] << 8);
    const fw = b[p + 5] | (b[p + 6] << 8), fh = b[p + 7] | (b[p + 8] << 8);
    // A frame may claim any size (up to 65535×65535) whatever the canvas: bounded before its pixels are allocated.
    if (fw * fh > this.maxPixels) throw new Error(`frame ${this.position + 1} of ${fw}×${fh} pixels is over the limit of ${this.maxPixels} pixels`);
    const pixels = fw * fh > 0 ? this.decode(f, fw, fh) : null;
    let changed = false;
    const W = this.width, c = this.canvas;
    // The previous frame's disposal, applied before this one is drawn.
    if (this.last) {
      const [x0, y0, x1, y1] = this.last.rect;
      if (this.last.frame.disposal === 2) {
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
          const o = (y * W + x) * 4;
          if (c[o + 3] !== 0 || c[o] !== 0 || c[o + 1] !== 0 || c[o + 2] !== 0) { changed = true; c[o] = c[o + 1] = c[o + 2] = c[o + 3] = 0; }
        }
      } else if (this.last.frame.disposal === 3 && this.saved) {
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
          const o = (y * W + x) * 4;
          for (let k = 0; k < 4; k++) if (c[o + k] !== this.saved[o + k]) { changed = true; c[o + k] = this.saved[o + k]; }
        }
      }
    }
    const rect: [number, number, number, number] = [Math.min(left, this.width), Math.min(top, this.height), Math.min(left + fw, this.width), Math.min(top + fh, this.height)];
    if (f.disposal === 3) this.saved = c.slice();
    this.decodedPixels += fw * fh;
    if (pixels) {
      const [x0, y0, x1, y1] = rect;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
        const s = ((y - top) * fw + (x - left)) * 4;
        if (pixels[s + 3] === 0) continue; // transparent: the canvas shows through
        const o = (y * W + x) * 4;
        if (c[o] !== pixels[s] || c[o + 1] !== pixels[s + 1] || c[o + 2] !== pixels[s + 2] || c[o + 3] !== 255) {
          changed = true;
          c[o] = pixels[s]; c[o + 1] = pixels[s + 1]; c[o + 2] = pixels[s + 2]; c[o + 3] = 255;
        }
      }
    }
    this.last = { frame: f, rect };
    this.position++;
    return { rgba: c, changed: changed || this.position === 1 };
  }

  /**
   * The frame's own pixels (fw×fh RGBA, alpha 0 where transparent), decoded by omggif from a one-frame GIF:
   * the frame's colour table (padded to 256 entries with black, so an index past the table reads no other
   * bytes), its transparency, interlace flag and LZW data, placed at 0,0 of a canvas of its own size.
   */
  private decode(f: FrameInfo, fw: number, fh: number): Uint8Array {
    const b = this.b;
    const damage = lzwDamage(b, f.data, f.end, fw * fh);
    if (damage) throw new Error(`frame ${this.position + 1}: damaged image data (${damage})`);
    const lp = b[f.at + 9];
    const table = lp & 0x80 ? { at: f.at + 10, size: 3 << ((lp & 7) + 1) } : { at: 13, size: this.globalTable };
    const head = 13 + 768 + 8 + 10;
    const gif = new Uint8Array(head + (f.end - f.data) + 1);
    gif.set([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, fw & 0xff, fw >> 8, fh & 0xff, fh >> 8, 0xf7, 0, 0]);
    gif.set(b.subarray(table.at, table.at + table.size), 13);
    const t = f.transparent;
    gif.set([0x21, 0xf9, 4, t === null ? 0 : 1, 0, 0, t ?? 0, 0], 13 + 768);
    gif.set([0x2c, 0, 0, 0, 0, fw & 0xff, fw >> 8, fh & 0xff, fh >> 8, lp & 0x40], 13 + 768 + 8);
    gif.set(b.subarray(f.data, f.end), head);
    gif[gif.length - 1] = 0x3b;
    const n = fw * fh * 4;
    if (this.patch.length < n) this.patch = new Uint8Array(n);
    const out = this.patch.subarray(0, n);
    out.fill(0);
    // omggif reports a stream shorter or longer than its frame with console.log, which would reach the
    // command's stdout (JSON for `--json`): silenced for the call, which is synchronous.
    const log = console.log;
    console.log = () => {};
    try {
      new GifReader(gif).decodeAndBlitFrameRGBA(0, out);
    } finally {
      console.log = log;
    }
    return out;
  }
}

/** A frame of the animation as a page: which frame, and how many identical frames follow it. */
export interface GifPage {
  frame: number;
  /** Frames shown identically after it (same composited pixels), read with it. */
  repeats: number;
}

export interface GifPagePlan {
  pages: GifPage[];
  frames: number;
  /** Frames left unread: over the frame cap, over the decoding budget, or after damage. */
  unread: number;
  /** Why frames were left unread, in words; null when every frame was read. */
  unreadReason: string | null;
  /** Frames folded into the page before them (identical pixels). */
  identical: number;
}

/**
 * One page per distinct frame, up to `maxFrames` pages: every frame is composited once here; a frame
 * whose composited pixels equal the previous frame's (compared pixel by pixel) is folded into its page.
 */
export function planGifPages(bytes: Uint8Array, maxPixels: number, maxFrames: number): GifPagePlan {
  const reader = new GifFrameReader(bytes, maxPixels);
  const pages: GifPage[] = [];
  let identical = 0;
  let unreadReason: string | null = null;
  while (reader.position < reader.frameCount) {
    if (reader.decodedPixels >= MAX_DECODED_PIXELS) {
      unreadReason = `decoding stopped after ${MAX_DECODED_PIXELS.toLocaleString('en')} pixels`;
      break;
    }
    const at = reader.position;
    let changed: boolean;
    try {
      ({ changed } = reader.next());
    } catch (err) {
      unreadReason = (err as Error).message;
      break;
    }
    if (!changed && pages.length) {
      pages[pages.length - 1].repeats++;
      identical++;
      continue;
    }
    if (pages.length === maxFrames) {
      unreadReason = `more than ${maxFrames} distinct frames (the limit per image)`;
      reader.position = at;
      break;
    }
    pages.push({ frame: at, repeats: 0 });
  }
  const unread = reader.frameCount - reader.position;
  if (!unreadReason && reader.damage) unreadReason = `the GIF is damaged: ${reader.damage}`;
  return { pages, frames: reader.frameCount, unread, unreadReason, identical };
}
