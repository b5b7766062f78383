import * as mupdf from 'mupdf';
import { fromPixmap, toPixmap, type Raster } from './raster';

/**
 * Adds a caption band under an image (a screenshot): one line of Helvetica text such as the case number
 * and date, drawn by MuPDF on a page that holds the image at one unit per pixel, then rendered back.
 * Characters Helvetica cannot show are replaced by '?', so the caption never silently drops text.
 */
export function withCaption(r: Raster, caption: string): Raster {
  const text = caption.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, (c) => `\\${c}`);
  const size = Math.max(10, Math.min(24, Math.round(r.width / 45)));
  const band = Math.round(size * 1.8);
  const w = r.width, h = r.height + band;
  const doc = new mupdf.PDFDocument();
  const pix = toPixmap(r);
  try {
    const image = doc.addImage(new mupdf.Image(pix));
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
    const resources = doc.addObject({ Font: { F1: font }, XObject: { Im0: image } });
    const content = [
      `q ${w} 0 0 ${r.height} 0 ${band} cm /Im0 Do Q`,
      `BT /F1 ${size} Tf ${Math.round(size * 0.6)} ${Math.round(band * 0.3)} Td (${text}) Tj ET`,
    ].join('\n');
    doc.insertPage(-1, doc.addPage([0, 0, w, h], 0, resources, content));
    const page = doc.loadPage(0);
    const out = page.toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, false);
    try {
      return fromPixmap(out);
    } finally {
      out.destroy();
      page.destroy();
    }
  } finally {
    pix.destroy();
    doc.destroy();
  }
}
