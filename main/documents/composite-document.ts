import type { LayoutSpec } from '../../shared/model/page';
import type { OpenedDocument } from './open-document';

/** One more reading of the same file: other versions of clashing ZIP entries, or the other half of a polyglot. */
export interface ExtraReading {
  /** What it is, in a few words ("EPUB appended after the PDF"). */
  label: string;
  doc: OpenedDocument;
}

/** Where each reading's pages are in the item (0-based first page). */
export interface ReadingRange {
  label: string;
  firstPage: number;
  pageCount: number;
}

/**
 * The item's pages: the main reading's, then each extra reading's, numbered on. Everything after the
 * engine (OCR, detection, redaction, the viewer) sees one document, so nothing in an extra reading goes
 * unread. Ruby marking is per reading (a PDF part has none); the layout is the reflowable one if any part
 * needed it. Coverage is measured against the first reflowable reading's source.
 */
export function withExtraReadings(main: OpenedDocument, extras: ExtraReading[], layout: LayoutSpec): { doc: OpenedDocument; ranges: ReadingRange[] } {
  const parts = [{ label: 'main', doc: main }, ...extras];
  const ranges: ReadingRange[] = [];
  let first = 0;
  for (const p of parts) {
    ranges.push({ label: p.label, firstPage: first, pageCount: p.doc.pageCount });
    first += p.doc.pageCount;
  }
  const at = (index: number) => {
    const k = ranges.findIndex((r) => index >= r.firstPage && index < r.firstPage + r.pageCount);
    if (k < 0) throw new Error(`no page ${index + 1}`);
    return { part: parts[k], local: index - ranges[k].firstPage };
  };
  const reflowable = parts.find((p) => p.doc.reflowSource);
  const doc: OpenedDocument = {
    format: main.format,
    pageCount: first,
    layout: parts.some((p) => p.doc.layout) ? main.layout ?? layout : null,
    metadata: main.metadata,
    imagePages: parts.some((p) => p.doc.imagePages),
    rubyMarked: main.rubyMarked,
    rubyMarkedAt: (index) => {
      const { part, local } = at(index);
      return part.doc.rubyMarkedAt?.(local) ?? part.doc.rubyMarked ?? false;
    },
    readNotes: main.readNotes,
    ...(reflowable ? { reflowSource: reflowable.doc.reflowSource } : {}),
    loadPage: (index) => {
      const { part, local } = at(index);
      return part.doc.loadPage(local);
    },
    close: () => {
      for (const p of parts) p.doc.close();
    },
  };
  return { doc, ranges: ranges.slice(1).filter((r) => r.pageCount > 0) };
}

/** "pages 3–5" (people count from 1). */
export function pagesText(r: ReadingRange): string {
  const a = r.firstPage + 1;
  const b = r.firstPage + r.pageCount;
  return a === b ? `page ${a}` : `pages ${a}–${b}`;
}
