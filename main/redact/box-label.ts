import * as mupdf from 'mupdf';
import type { Box } from '../../shared/model/geometry';
import { reportFontBytes, REPORT_FONT_FAMILY } from '../report/report-font';
import { saveFull } from './pdf-redact';
import { boxPixels, toPixmap, type Raster } from './raster';
import { BOX_LABEL_TEXT, type BoxLabel } from './types';
import { foldPageText } from './value-search';

/** Below this font size (pixels) a label is not drawn: it would not be legible, only noise in the box. */
export const MIN_LABEL_PX = 9;
/** Share of the box height / width the label may take. */
const HEIGHT_SHARE = 0.6;
const WIDTH_SHARE = 0.85;
/** Baseline below the box centre, in ems: centres both capitals and ideographs of IPAex Gothic. */
const BASELINE_DROP = 0.37;

/** One label drawn: its text and the pixel rectangle [x0, y0, x1, y1) of the box it stands in. */
export interface DrawnLabel {
  text: string;
  rect: [number, number, number, number];
}

let face: mupdf.Font | null = null;

/** The report's Japanese font (IPAex Gothic, resources/fonts), loaded once per process. */
function labelFont(): mupdf.Font {
  face ??= new mupdf.Font(REPORT_FONT_FAMILY, reportFontBytes());
  return face;
}

/** Width of `text` in ems of the label font (every label character is in IPAex Gothic). */
function emWidth(font: mupdf.Font, text: string): number {
  let w = 0;
  for (const ch of text) w += font.advanceGlyph(font.encodeCharacter(ch), 0);
  return w;
}

/**
 * Writes the label (黒塗り / REDACTED) in white, centred and scaled to fit, into each box of an already
 * burned-in raster (boxes in page units, `sx`/`sy` pixels per unit). It is drawn after the pixels were
 * destroyed and only inside each box's pixel rectangle, so it carries nothing of what stood there and
 * touches no pixel outside the box. A box too small for a legible label is left plain black.
 * Returns the labels drawn (the verifier discounts exactly those when it re-reads the output).
 */
export function drawBoxLabels(r: Raster, boxes: readonly Box[], label: BoxLabel, sx: number, sy: number, minSize = MIN_LABEL_PX): DrawnLabel[] {
  if (label === 'none') return [];
  const text = BOX_LABEL_TEXT[label];
  const font = labelFont();
  const em = emWidth(font, text);
  const drawn: DrawnLabel[] = [];
  const seen = new Set<string>();
  for (const b of boxes) {
    const [x0, y0, x1, y1] = boxPixels(r, b, sx, sy);
    const w = x1 - x0, h = y1 - y0;
    const key = `${x0},${y0},${x1},${y1}`;
    if (seen.has(key)) continue; // the same area boxed twice (a hit and a hand-drawn box): one label
    seen.add(key);
    const size = Math.min(h * HEIGHT_SHARE, (w * WIDTH_SHARE) / em);
    if (!(size >= minSize)) continue;
    const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, w, h], false);
    const t = new mupdf.Text();
    try {
      pix.clear(0);
      // Glyph space is y-up, the pixmap y-down: flip with a negative d.
      t.showString(font, [size, 0, 0, -size, (w - em * size) / 2, h / 2 + BASELINE_DROP * size], text);
      const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
      try {
        dev.fillText(t, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, [1, 1, 1], 1);
        dev.close();
      } finally {
        dev.destroy();
      }
      // Lighten into the box: its pixels are black already, so this only adds the label's ink and
      // keeps the ink of an overlapping box's label.
      const px = pix.getPixels(), stride = pix.getStride();
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const s = y * stride + x * 3, d = ((y0 + y) * r.width + x0 + x) * 4;
          r.data[d] = Math.max(r.data[d], px[s]);
          r.data[d + 1] = Math.max(r.data[d + 1], px[s + 1]);
          r.data[d + 2] = Math.max(r.data[d + 2], px[s + 2]);
        }
      }
    } finally {
      t.destroy();
      pix.destroy();
    }
    drawn.push({ text, rect: [x0, y0, x1, y1] });
  }
  return drawn;
}

/** Labels that show, whole or in part, inside a pixel crop [x0, y0, x1, y1) of the page they were drawn on. */
export function labelsInside(labels: readonly DrawnLabel[], x0: number, y0: number, x1: number, y1: number): DrawnLabel[] {
  return labels.filter((l) => l.rect[0] < x1 && l.rect[2] > x0 && l.rect[1] < y1 && l.rect[3] > y0);
}

/** How many times each label text stands on one output image: what the verifier may discount. */
export interface LabelCount {
  text: string;
  count: number;
}

export function countLabels(labels: readonly DrawnLabel[]): LabelCount[] {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l.text, (m.get(l.text) ?? 0) + 1);
  return [...m].map(([text, count]) => ({ text, count }));
}

/**
 * Folded OCR text with the labels drawn on that image blanked out, at most as many times as they were
 * drawn, so that a label word is never read as a redacted value (a name "Ted" inside "REDACTED").
 * Each occurrence becomes one character no value contains, so neighbouring words are not joined either.
 * Only what was drawn is discounted: the same word standing unredacted elsewhere on the page is still there.
 */
export function withoutLabels(folded: string, labels: readonly LabelCount[] | undefined): string {
  let out = folded;
  for (const l of labels ?? []) {
    const word = foldPageText(l.text, true);
    if (!word) continue;
    for (let n = 0; n < l.count; n++) {
      const at = out.indexOf(word);
      if (at < 0) break;
      out = `${out.slice(0, at)}\u0000${out.slice(at + word.length)}`;
    }
  }
  return out;
}

/** Pixels per point of a label image stamped on a PDF page: sharp when zoomed, small in the file. */
const PDF_LABEL_SCALE = 4;
/** The same legibility threshold as a page rendered at the default 150 dpi. */
const PDF_MIN_LABEL_PX = (MIN_LABEL_PX * PDF_LABEL_SCALE * 72) / 150;

/**
 * Stamps the label on each box of an already redacted PDF (`boxes` by output page, page units, top-left
 * origin). The label is a small picture — white word on black, the size of the box — drawn over the black
 * box, never text: the PDF's text layer gains nothing, so the text checks read exactly what they read
 * without it. Written again as one revision. Returns the PDF and the labels drawn per output page.
 */
export function stampPdfLabels(bytes: Uint8Array, boxes: ReadonlyMap<number, readonly Box[]>, label: BoxLabel):
  { bytes: Uint8Array; labels: Map<number, LabelCount[]> } {
  const labels = new Map<number, LabelCount[]>();
  if (label === 'none' || boxes.size === 0) return { bytes, labels };
  const doc = new mupdf.PDFDocument(bytes);
  try {
    let serial = 0;
    for (const [index, list] of boxes) {
      const page = doc.loadPage(index);
      try {
        const bounds = page.getBounds();
        // Page units → MuPDF page space (y down, rotation applied) → PDF user space.
        const toUser = mupdf.Matrix.invert(page.getTransform());
        const ops: string[] = [];
        const xobjects: [string, mupdf.PDFObject][] = [];
        const drawn: DrawnLabel[] = [];
        for (const b of list) {
          const w = b[2] - b[0], h = b[3] - b[1];
          const r: Raster = { width: Math.ceil(w * PDF_LABEL_SCALE), height: Math.ceil(h * PDF_LABEL_SCALE), data: new Uint8Array(0) };
          r.data = new Uint8Array(r.width * r.height * 4);
          for (let i = 3; i < r.data.length; i += 4) r.data[i] = 255; // opaque black, like the box under it
          const one = drawBoxLabels(r, [[0, 0, w, h]], label, PDF_LABEL_SCALE, PDF_LABEL_SCALE, PDF_MIN_LABEL_PX);
          if (one.length === 0) continue;
          drawn.push(...one);
          const pix = toPixmap(r);
          const image = new mupdf.Image(pix);
          const name = `ShokoLabel${serial++}`;
          xobjects.push([name, doc.addImage(image)]);
          image.destroy();
          pix.destroy();
          const x0 = b[0] + bounds[0], y1 = b[3] + bounds[1];
          // The image's unit square, row 0 at the top of the box, then into user space.
          const m = mupdf.Matrix.concat([w, 0, 0, -h, x0, y1], toUser);
          ops.push(`q ${m.map(fmt).join(' ')} cm /${name} Do Q`);
        }
        if (ops.length === 0) continue;
        const obj = page.getObject();
        let res = obj.getInheritable('Resources');
        if (!res || res.isNull()) { res = doc.newDictionary(); obj.put('Resources', res); }
        let xo = res.get('XObject');
        if (!xo || xo.isNull()) { xo = doc.newDictionary(); res.put('XObject', xo); }
        for (const [name, ref] of xobjects) xo.put(name, ref);
        // The page's own content is wrapped in q … Q so a transform it leaves behind cannot move the labels.
        const contents = doc.newArray();
        contents.push(doc.addStream('q\n', {}));
        const old = obj.get('Contents');
        if (old.isArray()) for (let i = 0; i < old.length; i++) contents.push(old.get(i));
        else if (!old.isNull()) contents.push(old);
        contents.push(doc.addStream(`\nQ\n${ops.join('\n')}\n`, {}));
        obj.put('Contents', contents);
        labels.set(index, countLabels(drawn));
      } finally {
        page.destroy();
      }
    }
    return { bytes: saveFull(doc), labels };
  } finally {
    doc.destroy();
  }
}

function fmt(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}
