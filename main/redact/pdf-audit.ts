import * as mupdf from 'mupdf';

/** One reason a written PDF still carries something a redacted copy must not (named, never quoted). */
export interface PdfProblem {
  what: 'revisions' | 'info' | 'xmp' | 'annotations' | 'attachments' | 'javascript' | 'actions' | 'form' | 'unreadable';
  page?: number;
  detail: string;
}

const ACTION_KEYS = ['OpenAction', 'AA', 'JS', 'JavaScript'];

/**
 * Re-reads a written PDF and lists what it should not have: more than one revision (an incremental
 * update keeps the old objects: exactly one %%EOF and one startxref are allowed), a non-empty Info
 * dictionary, XMP metadata, annotations or form fields, embedded files, JavaScript or actions.
 */
export function auditPdf(bytes: Uint8Array): PdfProblem[] {
  const problems: PdfProblem[] = [];
  const eofs = countAscii(bytes, '%%EOF');
  const startxrefs = countAscii(bytes, 'startxref');
  if (eofs !== 1 || startxrefs !== 1) {
    problems.push({ what: 'revisions', detail: `${eofs} %%EOF marker(s) and ${startxrefs} startxref (one revision expected)` });
  }
  let doc: mupdf.PDFDocument;
  try {
    doc = new mupdf.PDFDocument(bytes);
  } catch (err) {
    return [...problems, { what: 'unreadable', detail: (err as Error).message }];
  }
  try {
    if (doc.countVersions() > 1) problems.push({ what: 'revisions', detail: `${doc.countVersions()} versions in the file` });
    if (doc.wasRepaired()) problems.push({ what: 'unreadable', detail: 'the file needed repair when re-read' });
    const info = resolved(doc.getTrailer().get('Info'));
    if (info.isDictionary() && entryCount(info) > 0) problems.push({ what: 'info', detail: `Info dictionary with ${entryCount(info)} entr(ies)` });
    const root = resolved(doc.getTrailer().get('Root'));
    if (!root.get('AcroForm').isNull()) problems.push({ what: 'form', detail: 'AcroForm in the catalog' });
    if (!root.get('Names', 'EmbeddedFiles').isNull() || Object.keys(doc.getEmbeddedFiles()).length > 0) {
      problems.push({ what: 'attachments', detail: 'EmbeddedFiles name tree' });
    }
    for (let i = 0; i < doc.countPages(); i++) {
      const annots = resolved(doc.findPage(i).get('Annots'));
      if (annots.isArray() && annots.length > 0) problems.push({ what: 'annotations', page: i + 1, detail: `${annots.length} annotation(s)` });
    }
    scanObjects(doc, problems);
  } finally {
    doc.destroy();
  }
  return problems;
}

/** Every object, reachable or not: XMP streams, file specifications, embedded files, scripts, actions. */
function scanObjects(doc: mupdf.PDFDocument, problems: PdfProblem[]): void {
  const seen = new Set<string>();
  const add = (p: PdfProblem) => {
    const key = `${p.what}:${p.detail}`;
    if (!seen.has(key)) { seen.add(key); problems.push(p); }
  };
  const count = doc.countObjects();
  for (let num = 1; num < count; num++) {
    const obj = doc.newIndirect(num).resolve();
    if (!obj.isDictionary() && !obj.isStream()) continue;
    const type = nameOf(obj.get('Type'));
    const subtype = nameOf(obj.get('Subtype'));
    if (type === 'Metadata' || (subtype === 'XML' && obj.isStream())) add({ what: 'xmp', detail: 'XMP metadata stream' });
    if (!obj.get('Metadata').isNull()) add({ what: 'xmp', detail: 'object with /Metadata' });
    if (type === 'Filespec' || type === 'EmbeddedFile' || !obj.get('EF').isNull()) add({ what: 'attachments', detail: 'file specification / embedded file' });
    if (type === 'Annot' || (subtype !== null && ANNOT_SUBTYPES.has(subtype) && !obj.get('Rect').isNull())) {
      add({ what: 'annotations', detail: 'annotation object' });
    }
    if (nameOf(obj.get('S')) === 'JavaScript') add({ what: 'javascript', detail: 'JavaScript action' });
    for (const k of ACTION_KEYS) if (!obj.get(k).isNull()) add({ what: k.startsWith('J') ? 'javascript' : 'actions', detail: `/${k} entry` });
  }
}

const ANNOT_SUBTYPES = new Set(['Text', 'Link', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight',
  'Underline', 'Squiggly', 'StrikeOut', 'Redact', 'Stamp', 'Caret', 'Ink', 'Popup', 'FileAttachment', 'Sound', 'Movie',
  'Widget', 'Screen', 'RichMedia', 'Watermark', '3D']);

/** Entries of a dictionary (MuPDF.js's `length` counts array items only). */
function entryCount(o: mupdf.PDFObject): number {
  let n = 0;
  o.forEach(() => { n++; });
  return n;
}

/** MuPDF.js's null object has no document: resolving it throws, so only resolve real objects. */
function resolved(o: mupdf.PDFObject): mupdf.PDFObject {
  return o.isNull() ? o : o.resolve();
}

function nameOf(o: mupdf.PDFObject): string | null {
  const r = resolved(o);
  return r.isName() ? r.asName() : null;
}

/** Occurrences of an ASCII marker in raw bytes (markers inside compressed streams cannot match by accident often enough to matter). */
export function countAscii(bytes: Uint8Array, marker: string): number {
  const m = Buffer.from(marker, 'latin1');
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = b.indexOf(m); i >= 0; i = b.indexOf(m, i + m.length)) n++;
  return n;
}
