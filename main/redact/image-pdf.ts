import * as mupdf from 'mupdf';
import { saveFull } from './pdf-redact';
import { toPixmap, type Raster } from './raster';

export interface ImagePage {
  raster: Raster;
  /** Page size in page units (points). */
  width: number;
  height: number;
}

/**
 * An image-only PDF: each page one picture of the (already burned-in) page and nothing else, so there is
 * no text layer, hidden or not, to carry what was redacted. Written as one revision without metadata.
 */
export function imageOnlyPdf(pages: readonly ImagePage[]): Uint8Array {
  const doc = new mupdf.PDFDocument();
  try {
    for (const p of pages) {
      const pix = toPixmap(p.raster);
      const image = new mupdf.Image(pix);
      const ref = doc.addImage(image);
      const resources = doc.addObject(doc.newDictionary());
      const xobjects = doc.newDictionary();
      xobjects.put('Im0', ref);
      resources.put('XObject', xobjects);
      const contents = `q ${fmt(p.width)} 0 0 ${fmt(p.height)} 0 0 cm /Im0 Do Q`;
      doc.insertPage(-1, doc.addPage([0, 0, p.width, p.height], 0, resources, contents));
      image.destroy();
      pix.destroy();
    }
    doc.getTrailer().delete('Info');
    return saveFull(doc);
  } finally {
    doc.destroy();
  }
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
