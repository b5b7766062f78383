import * as mupdf from 'mupdf';
import { reportFontBytes } from '../report/report-font';
import { fromPixmap, toPixmap, type Raster } from './raster';

/**
 * Adds a caption band under an image (a screenshot): one line such as the case name, number and date,
 * in the report's Japanese font (IPAex Gothic, shipped in resources/fonts), drawn by MuPDF on a page
 * that holds the image at one unit per pixel, then rendered back. A character the font lacks becomes
 * '?', so the caption never silently drops text.
 */
export function withCaption(r: Raster, caption: string): Raster {
  const size = Math.max(10, Math.min(24, Math.round(r.width / 45)));
  const band = Math.round(size * 1.8);
  const w = r.width, h = r.height + band;
  const doc = new mupdf.PDFDocument();
  const pix = toPixmap(r);
  try {
    const image = doc.addImage(new mupdf.Image(pix));
    const face = new mupdf.Font('IPAexGothic', reportFontBytes());
    const font = doc.addFont(face);
    // Identity-H text: two bytes of glyph id per character.
    const question = face.encodeCharacter('?');
    const text = [...caption.replace(/[\u0000-\u001f]/g, ' ')]
      .map((ch) => { const g = face.encodeCharacter(ch); return (g > 0 ? g : question).toString(16).padStart(4, '0'); }).join('');
    const resources = doc.addObject({ Font: { F1: font }, XObject: { Im0: image } });
    const content = [
      `q ${w} 0 0 ${r.height} 0 ${band} cm /Im0 Do Q`,
      `BT /F1 ${size} Tf ${Math.round(size * 0.6)} ${Math.round(band * 0.3)} Td <${text}> Tj ET`,
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
