import type * as mupdf from 'mupdf';

// Catalog entries that carry content outside the page content streams: document metadata (XMP), actions
// and scripts, forms, attachments (EmbeddedFiles/AF/Collection), outlines and tagged-text alternates
// (titles, /ActualText and /Alt can repeat what was redacted), threads and private application data.
const CATALOG_KEYS = [
  'Metadata', 'OpenAction', 'AA', 'AcroForm', 'Names', 'Dests', 'Outlines', 'StructTreeRoot', 'MarkInfo',
  'PieceInfo', 'SpiderInfo', 'Threads', 'Perms', 'Legal', 'Collection', 'AF', 'URI', 'Requirements', 'DSS',
];
// Page entries: annotations (links, comments, form widgets), thumbnails (an unredacted picture of the
// page), page-level actions, article beads and private data.
const PAGE_KEYS = ['Annots', 'Thumb', 'AA', 'B', 'PieceInfo', 'Metadata', 'AF'];
// Keys removed from every object: per-object XMP and private data, and script/action hooks.
const ANY_OBJECT_KEYS = ['Metadata', 'PieceInfo', 'AA', 'JS', 'AF'];

/**
 * Removes everything that is not page content from an (already redacted) document: the Info dictionary,
 * XMP, annotations and widgets with their values, attachments, JavaScript and actions. Objects left
 * unreferenced are dropped when the document is saved with garbage collection.
 */
export function scrubPdf(doc: mupdf.PDFDocument): void {
  const trailer = doc.getTrailer();
  trailer.delete('Info');
  const root = trailer.get('Root');
  for (const k of CATALOG_KEYS) root.delete(k);
  const n = doc.countPages();
  for (let i = 0; i < n; i++) {
    const pageObj = doc.findPage(i);
    for (const k of PAGE_KEYS) pageObj.delete(k);
  }
  const count = doc.countObjects();
  for (let num = 1; num < count; num++) {
    const obj = doc.newIndirect(num).resolve();
    if (!obj.isDictionary() && !obj.isStream()) continue;
    for (const k of ANY_OBJECT_KEYS) obj.delete(k);
  }
}
