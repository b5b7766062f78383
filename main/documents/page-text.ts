import type * as mupdf from 'mupdf';
import { boxArea, intersectBoxes, type Box } from '../../shared/model/geometry';
import type { PageImage, TextChar } from '../../shared/model/page';
import type { ExtractedPage } from './types';
import { markRuby } from './ruby-style';
import { regroupVertical, type RawLine } from './vertical-columns';

// An image page with at most this much native text still needs OCR (a page number, a caption).
const OCR_MAX_NATIVE_CHARS = 40;
const OCR_MIN_IMAGE_COVERAGE = 0.5;

/**
 * Reads one MuPDF page into page units: lines (columns for vertical text) with a box per character,
 * images with where they are drawn, and whether the page needs OCR. Page coords = MuPDF's, origin
 * top-left, PDF points; boxes are rounded to 1/100 pt to keep the store small. With `ruby` (a document
 * styled with RUBY_CSS), ruby readings are flagged on their chars so detection can skip them.
 */
export function extractPage(page: mupdf.Page, index: number, maxImagePixels: number, opts: { ruby?: boolean } = {}): ExtractedPage {
  const bounds = page.getBounds();
  const [px, py] = [bounds[0], bounds[1]];
  const width = round(bounds[2] - bounds[0]);
  const height = round(bounds[3] - bounds[1]);
  const raw: RawLine[] = [];
  const images: PageImage[] = [];
  let current: RawLine | null = null;
  // Glyph sizes of the current line, and the last base size before it: ruby readings are told by size.
  let sizes: number[] = [];
  let carried = 0;
  const stext = page.toStructuredText('preserve-images,preserve-whitespace');
  try {
    stext.walk({
      onImageBlock(bbox, _transform, image) {
        const w = image.getWidth();
        const h = image.getHeight();
        if (w * h > maxImagePixels) throw new Error(`page ${index + 1}: image of ${w}×${h} pixels exceeds the limit of ${maxImagePixels} pixels`);
        images.push({ box: toBox(bbox, px, py), width: w, height: h });
      },
      beginLine(bbox, wmode) {
        current = { chars: [], vertical: wmode === 1, box: toBox(bbox, px, py) };
        sizes = [];
      },
      onChar(c, _origin, _font, size, quad) {
        if (!current) return;
        const box = quadBox(quad, px, py);
        // MuPDF 1.28 reports vertical (wmode=1) glyph quads one advance below the drawn glyph;
        // move them up by their height so boxes land on the ink (checked by rendering in tests).
        if (current.vertical) {
          const h = box[3] - box[1];
          box[1] = round(box[1] - h);
          box[3] = round(box[3] - h);
        }
        current.chars.push({ c, box });
        sizes.push(size);
      },
      endLine() {
        if (current && opts.ruby) {
          const marked = markRuby(sizes, carried);
          carried = marked.carried;
          marked.ruby.forEach((r, i) => { if (r) current!.chars[i].ruby = true; });
        }
        if (current && current.chars.length) raw.push(current);
        current = null;
      },
    });
  } finally {
    stext.destroy();
  }
  const lines = regroupVertical(raw);
  const nativeChars = lines.reduce((n, l) => n + l.chars.filter((c: TextChar) => c.c.trim() !== '').length, 0);
  const pageBox: Box = [0, 0, width, height];
  const covered = images.reduce((a, im) => a + boxArea(intersectBoxes(im.box, pageBox) ?? [0, 0, 0, 0]), 0);
  const coverage = boxArea(pageBox) > 0 ? covered / boxArea(pageBox) : 0;
  return {
    index,
    width,
    height,
    lines,
    images,
    needsOcr: coverage >= OCR_MIN_IMAGE_COVERAGE && nativeChars <= OCR_MAX_NATIVE_CHARS,
  };
}

function quadBox(q: mupdf.Quad, px: number, py: number): Box {
  const xs = [q[0], q[2], q[4], q[6]];
  const ys = [q[1], q[3], q[5], q[7]];
  return [round(Math.min(...xs) - px), round(Math.min(...ys) - py), round(Math.max(...xs) - px), round(Math.max(...ys) - py)];
}

function toBox(r: mupdf.Rect, px: number, py: number): Box {
  return [round(r[0] - px), round(r[1] - py), round(r[2] - px), round(r[3] - py)];
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
