import * as mupdf from 'mupdf';
import { encodePng } from './png-encode';
import { GifFrameReader, isGif, planGifPages } from './gif-frames';
import type { ReadNote } from './types';

/**
 * Which frames of one image become pages. TIFF: every page of its directory (MuPDF reads them). GIF: every
 * distinct frame, composited by gif-frames.ts (MuPDF reads only the first), up to `maxFrames`, with read
 * notes for frames folded (identical) or left unread. APNG: MuPDF reads only the default image; said.
 */
export interface ImageFrame {
  frame: number;
  /** Decoded by Shoko (GIF frames), not by MuPDF's own multi-page reader. */
  decoded?: true;
}

/** Distinct frames of one animated image read as pages; the rest is said (`image-frames-skipped`). */
export const MAX_IMAGE_FRAMES = 500;

export const IMAGE_FRAMES_SKIPPED = 'image-frames-skipped';
export const IMAGE_FRAMES_IDENTICAL = 'image-frames-identical';

export function imageFrames(
  img: { name: string; data: Uint8Array; mime: string }, limits: { maxImagePixels: number; maxImageFrames?: number }, notes: ReadNote[],
): ImageFrame[] {
  if (isGif(img.data)) return gifFrames(img, limits, notes);
  if (img.mime === 'image/tiff') return tiffFrames(img);
  const apng = apngFrames(img.data);
  if (apng > 1) {
    notes.push({ code: IMAGE_FRAMES_SKIPPED, detail: `${img.name}: an animated PNG of ${apng} frames; only its default image is read (${apng - 1} frames not read: no APNG decoder)`, partial: true });
  }
  return [{ frame: 0 }];
}

function gifFrames(img: { name: string; data: Uint8Array }, limits: { maxImagePixels: number; maxImageFrames?: number }, notes: ReadNote[]): ImageFrame[] {
  let plan: ReturnType<typeof planGifPages>;
  try {
    plan = planGifPages(img.data, limits.maxImagePixels, limits.maxImageFrames ?? MAX_IMAGE_FRAMES);
  } catch {
    return [{ frame: 0 }]; // MuPDF then opens it, or fails its page with its own reason
  }
  if (plan.frames <= 1 && !plan.unreadReason) return [{ frame: 0 }];
  if (plan.identical) {
    notes.push({
      code: IMAGE_FRAMES_IDENTICAL,
      detail: `${img.name}: ${plan.identical} of ${plan.frames} frames show exactly the frame before them (composited pixels compared one by one) and are read once, with it`,
      partial: false,
    });
  }
  if (plan.unread || plan.unreadReason) {
    notes.push({
      code: IMAGE_FRAMES_SKIPPED,
      detail: `${img.name}: ${plan.unread} of ${plan.frames} frames not read (${plan.unreadReason}); ${plan.pages.length} page${plan.pages.length === 1 ? '' : 's'} read`,
      partial: true,
    });
  }
  if (plan.pages.length === 0) return [{ frame: 0 }];
  return plan.pages.map((p) => ({ frame: p.frame, decoded: true }));
}

/** Pages of a TIFF (read from its directory by MuPDF, no decoding). */
function tiffFrames(img: { data: Uint8Array; mime: string }): ImageFrame[] {
  let doc: mupdf.Document | null = null;
  let n = 1;
  try {
    doc = mupdf.Document.openDocument(img.data, img.mime);
    n = Math.max(1, doc.countPages());
  } catch {
    // an unreadable TIFF still gets its one page, which then fails with the reason
  } finally {
    doc?.destroy();
  }
  return Array.from({ length: n }, (_, frame) => ({ frame }));
}

/** Frame count of an APNG (`acTL` before the first IDAT), 0 for a plain PNG or anything else. */
export function apngFrames(b: Uint8Array): number {
  if (b.length < 8 || b[0] !== 0x89 || b[1] !== 0x50 || b[2] !== 0x4e || b[3] !== 0x47) return 0;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let p = 8; p + 8 <= b.length;) {
    const len = view.getUint32(p);
    const type = String.fromCharCode(b[p + 4], b[p + 5], b[p + 6], b[p + 7]);
    if (type === 'acTL' && p + 12 <= b.length) return view.getUint32(p + 8);
    if (type === 'IDAT' || type === 'IEND') return 0;
    p += 12 + len;
  }
  return 0;
}

/** Composited GIF frames as PNGs for MuPDF; keeps its place, so pages asked in order cost one frame each. */
export class GifFramePngs {
  private reader: GifFrameReader | null = null;
  constructor(private readonly bytes: Uint8Array, private readonly maxPixels: number) {}

  png(frame: number): Uint8Array {
    this.reader ??= new GifFrameReader(this.bytes, this.maxPixels);
    const r = this.reader;
    if (frame < r.position - 1) r.rewind();
    let rgba = frame === r.position - 1 ? r.current() : null;
    while (r.position <= frame) rgba = r.next().rgba;
    return encodePng(rgba!, r.width, r.height, 4);
  }
}
