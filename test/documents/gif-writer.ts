// GIF89a files for tests, written by omggif's GifWriter: 8-bit gray frames over a 256-gray global palette.
// Frames may be smaller than the screen and placed at an offset. Two deliberately broken frames are made
// here on top of what GifWriter writes (it refuses to write either): a descriptor claiming a size its data
// does not hold (`claim`), and LZW data given code by code (`codes`).
import { GifWriter } from 'omggif';

export interface GifFrame {
  width: number;
  height: number;
  /** 8-bit gray, row-major, 0 = black. */
  gray: Uint8Array;
  left?: number;
  top?: number;
  /** Hundredths of a second. */
  delay?: number;
  /** GIF disposal method: 0/1 keep, 2 restore to background, 3 restore to previous. */
  disposal?: number;
  /** Broken on purpose: the descriptor says this size; the data still holds width×height pixels of `gray`. */
  claim?: { width: number; height: number };
  /** Broken on purpose: the frame's data is these 9-bit codes (LZW minimum code size 8), not `gray` encoded. */
  codes?: readonly number[];
}

const GRAYS = Array.from({ length: 256 }, (_, i) => (i << 16) | (i << 8) | i);

export function encodeGif(width: number, height: number, frames: readonly GifFrame[], opts: { loop?: boolean } = {}): Uint8Array {
  // LZW never needs more than 12 bits a pixel, plus a length byte per 255 bytes of data and the frame's blocks.
  const size = 1000 + 768 + frames.reduce((n, f) => n + f.width * f.height * 2 + (f.codes?.length ?? 0) * 2 + 100, 0);
  const buf = new Uint8Array(size);
  const gif = new GifWriter(buf, width, height, { palette: GRAYS, loop: (opts.loop ?? frames.length > 1) ? 0 : undefined });
  for (const f of frames) {
    const at = gif.getOutputBufferPosition();
    gif.addFrame(f.left ?? 0, f.top ?? 0, f.width, f.height, f.gray as unknown as number[], { delay: f.delay ?? 10, disposal: f.disposal ?? 1 });
    const desc = buf[at] === 0x21 ? at + 8 : at; // after the graphic control extension, if any
    if (f.claim) {
      buf[desc + 5] = f.claim.width & 0xff; buf[desc + 6] = f.claim.width >> 8;
      buf[desc + 7] = f.claim.height & 0xff; buf[desc + 8] = f.claim.height >> 8;
    }
    if (f.codes) {
      let p = desc + 10;
      buf[p++] = 8;
      const data = pack9(f.codes);
      for (let i = 0; i < data.length; i += 255) {
        const n = Math.min(255, data.length - i);
        buf[p++] = n;
        buf.set(data.subarray(i, i + n), p);
        p += n;
      }
      buf[p++] = 0;
      gif.setOutputBufferPosition(p);
    }
  }
  return buf.slice(0, gif.end());
}

function pack9(codes: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  let acc = 0, bits = 0;
  for (const code of codes) {
    acc |= code << bits;
    bits += 9;
    while (bits >= 8) { bytes.push(acc & 0xff); acc >>>= 8; bits -= 8; }
  }
  if (bits > 0) bytes.push(acc & 0xff);
  return Uint8Array.from(bytes);
}
