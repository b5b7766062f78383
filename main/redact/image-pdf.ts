import crypto from 'node:crypto';
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
 * Pages are added one at a time, so a long book is never held as rasters in memory; `pixelHashes` keeps
 * what each page must show, for imagePdfProblems.
 */
export class ImagePdfWriter {
  private doc = new mupdf.PDFDocument();
  readonly pixelHashes: string[] = [];
  readonly sizes: { width: number; height: number }[] = [];

  add(p: ImagePage): void {
    const pix = toPixmap(p.raster);
    try {
      this.pixelHashes.push(rgbHash(pix));
      const image = new mupdf.Image(pix);
      const ref = this.doc.addImage(image);
      const resources = this.doc.addObject(this.doc.newDictionary());
      const xobjects = this.doc.newDictionary();
      xobjects.put('Im0', ref);
      resources.put('XObject', xobjects);
      this.doc.insertPage(-1, this.doc.addPage([0, 0, p.width, p.height], 0, resources, pageStream(p.width, p.height)));
      this.sizes.push({ width: p.width, height: p.height });
      image.destroy();
    } finally {
      pix.destroy();
    }
  }

  finish(): Uint8Array {
    try {
      this.doc.getTrailer().delete('Info');
      return saveFull(this.doc);
    } finally {
      this.doc.destroy();
    }
  }

  /** Frees the document without writing it (an export that failed half-way). */
  discard(): void {
    this.doc.destroy();
  }
}

/** imageOnlyPdf for pages already in memory. */
export function imageOnlyPdf(pages: readonly ImagePage[]): Uint8Array {
  const w = new ImagePdfWriter();
  for (const p of pages) w.add(p);
  return w.finish();
}

/**
 * Re-reads an image-only PDF and says where it differs from what was written: page count, a content
 * stream other than the one drawing the page's picture, any other resource, or a picture whose pixels are
 * not exactly the (already verified) page (SHA-256 of its RGB samples). An empty list proves that each
 * page shows exactly its verified raster and nothing else, so the raster's proof holds for the PDF.
 */
export function imagePdfProblems(bytes: Uint8Array, expected: Pick<ImagePdfWriter, 'pixelHashes' | 'sizes'>): { page: number; problem: string }[] {
  const out: { page: number; problem: string }[] = [];
  const doc = new mupdf.PDFDocument(bytes);
  try {
    const n = expected.pixelHashes.length;
    if (doc.countPages() !== n) return [{ page: 0, problem: `${doc.countPages()} pages, expected ${n}` }];
    for (let i = 0; i < n; i++) {
      const page = doc.loadPage(i);
      try {
        const obj = page.getObject();
        const contents = obj.get('Contents');
        const stream = contents.isStream() ? contents.readStream().asString().trim() : '';
        if (stream !== pageStream(expected.sizes[i].width, expected.sizes[i].height)) out.push({ page: i, problem: 'content stream is not the page picture alone' });
        const resources = obj.get('Resources');
        const keys: string[] = [], xobjects: string[] = [];
        resources.forEach((_v, k) => keys.push(String(k)));
        resources.get('XObject').forEach((_v, k) => xobjects.push(String(k)));
        if (keys.join() !== 'XObject' || xobjects.join() !== 'Im0') {
          out.push({ page: i, problem: `resources other than the page picture (${keys.join(', ')}: ${xobjects.join(', ')})` });
          continue;
        }
        const image = doc.loadImage(resources.get('XObject').get('Im0'));
        const pix = image.toPixmap();
        try {
          if (rgbHash(pix) !== expected.pixelHashes[i]) out.push({ page: i, problem: 'page picture differs from the verified page' });
        } finally {
          pix.destroy();
          image.destroy();
        }
      } finally {
        page.destroy();
      }
    }
  } finally {
    doc.destroy();
  }
  return out;
}

function pageStream(width: number, height: number): string {
  return `q ${fmt(width)} 0 0 ${fmt(height)} 0 0 cm /Im0 Do Q`;
}

/** SHA-256 of a pixmap's RGB samples, row by row (stride and alpha left out), with its size. */
function rgbHash(pix: mupdf.Pixmap): string {
  const w = pix.getWidth(), h = pix.getHeight(), n = pix.getNumberOfComponents() + pix.getAlpha(), stride = pix.getStride();
  const h256 = crypto.createHash('sha256').update(`${w}x${h}:${pix.getNumberOfComponents()}\n`);
  const px = pix.getPixels();
  if (n === 3 && stride === w * 3) return h256.update(px).digest('hex');
  const row = new Uint8Array(w * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = y * stride + x * n;
      row[x * 3] = px[s]; row[x * 3 + 1] = px[s + 1]; row[x * 3 + 2] = px[s + 2];
    }
    h256.update(row);
  }
  return h256.digest('hex');
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
