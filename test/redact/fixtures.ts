import * as mupdf from 'mupdf';
import type { Box } from '../../shared/model/geometry';

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;

export const SECRET_EMAIL = 'alice.tanaka@example.com';
export const NEIGHBOUR_WORDS = ['Contact', 'reachable', 'weekdays'];
export const NEXT_LINE = 'Neighbour line stays readable';
/** Where the red test image is drawn (page units, top-left origin), 1 pixel per unit. */
export const IMAGE_BOX: Box = [72, 200, 172, 300];

/**
 * A one-page PDF with known text (Helvetica): the secret e-mail between neighbouring words on one line,
 * another line right below, a solid red image, an Info dictionary, XMP, a text annotation and an OpenAction.
 */
export function makeTextPdf(): Uint8Array {
  const doc = new mupdf.PDFDocument();
  try {
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
    const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, 100, 100], false);
    const px = pix.getPixels();
    for (let i = 0; i < px.length; i += 3) { px[i] = 255; px[i + 1] = 0; px[i + 2] = 0; }
    const image = doc.addImage(new mupdf.Image(pix));
    const resources = doc.addObject({ Font: { F1: font }, XObject: { Im0: image } });
    const h = 842;
    const content = [
      'BT /F1 12 Tf 72 ' + (h - 100) + ` Td (Contact: ${SECRET_EMAIL} reachable weekdays) Tj ET`,
      'BT /F1 12 Tf 72 ' + (h - 114) + ` Td (${NEXT_LINE}) Tj ET`,
      `q 100 0 0 100 72 ${h - 300} cm /Im0 Do Q`,
    ].join('\n');
    doc.insertPage(-1, doc.addPage([0, 0, 595, h], 0, resources, content));
    const info = doc.addObject({ Title: 'Member list', Author: 'Leaker Name', Producer: 'Test Producer' });
    doc.getTrailer().put('Info', info);
    const xmp = doc.addStream('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Leaker Name</dc:creator></x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' });
    const root = doc.getTrailer().get('Root');
    root.put('Metadata', xmp);
    root.put('OpenAction', doc.addObject({ S: 'JavaScript', JS: 'app.alert("hi")' }));
    const page = doc.loadPage(0);
    const note = page.createAnnotation('Text');
    note.setRect([300, 300, 320, 320]);
    note.setContents(`note mentioning ${SECRET_EMAIL}`);
    note.update();
    const buf = doc.saveToBuffer('compress');
    return buf.asUint8Array().slice();
  } finally {
    doc.destroy();
  }
}

/** Boxes (page units, top-left origin) of the first occurrence of `needle` on a page, one per line. */
export function findBoxes(pdf: Uint8Array, pageIndex: number, needle: string, occurrence = 0): Box[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const page = doc.loadPage(pageIndex);
    const b = page.getBounds();
    const hits = page.search(needle, {});
    const quads = hits[occurrence];
    if (!quads) throw new Error(`'${needle}' not found on page ${pageIndex + 1}`);
    return quads.map((q) => {
      const xs = [q[0], q[2], q[4], q[6]], ys = [q[1], q[3], q[5], q[7]];
      return [Math.min(...xs) - b[0], Math.min(...ys) - b[1], Math.max(...xs) - b[0], Math.max(...ys) - b[1]] as Box;
    });
  } finally {
    doc.destroy();
  }
}

/** Page text by MuPDF. */
export function mupdfText(pdf: Uint8Array): string {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    let s = '';
    for (let i = 0; i < doc.countPages(); i++) s += doc.loadPage(i).toStructuredText('preserve-whitespace').asText() + '\f';
    return s;
  } finally {
    doc.destroy();
  }
}
