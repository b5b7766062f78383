import type { Box } from './geometry';

/** Where a piece of text came from: the document's own text layer, or OCR of pixels. */
export type TextSource = 'native' | 'ocr';
export type WritingMode = 'horizontal' | 'vertical';

/** One character (one Unicode code point, or a ligature's expansion) and its box on the page. */
export interface TextChar {
  c: string;
  box: Box;
  /** OCR confidence 0..100 for OCR text; absent for native text. */
  confidence?: number;
  /**
   * A ruby (furigana) reading character: drawn on the page (inline after its base, as MuPDF lays ruby out)
   * and part of the line's text, but skipped when detection assembles the text it matches.
   */
  ruby?: true;
}

/**
 * A line (a column, for vertical text) in reading order. Invariant: text === chars.map(c => c.c).join('').
 * Detection relies on it to map every hit back to exact character boxes.
 */
export interface TextLine {
  text: string;
  box: Box;
  wmode: WritingMode;
  source: TextSource;
  chars: TextChar[];
  confidence?: number;
}

/** An image drawn on the page, with where it is drawn and its pixel size. */
export interface PageImage {
  box: Box;
  width: number;
  height: number;
}

/** Everything the engine knows about one page, in page units. */
export interface PageContent {
  /** 0-based page index within the item's layout. */
  index: number;
  width: number;
  height: number;
  lines: TextLine[];
  images: PageImage[];
  /** An image covers most of the page and little native text sits on it. */
  needsOcr: boolean;
}

/** How a reflowable book was laid out; part of a page's identity (page numbers depend on it). */
export interface LayoutSpec {
  width: number;
  height: number;
  em: number;
}

export const DEFAULT_LAYOUT: LayoutSpec = { width: 420, height: 595, em: 11 };

/** The text of a page as detection sees it: lines joined with '\n'. */
export function pageText(page: Pick<PageContent, 'lines'>): string {
  return page.lines.map((l) => l.text).join('\n');
}

/** Pages listed by number in a line that names many; beyond, an ellipsis. */
export const LISTED_PAGES = 20;

/** 1-based page numbers as one short list: "78, 222, 300", the first LISTED_PAGES then "…". */
export function pageList(pages: readonly number[]): string {
  return `${pages.slice(0, LISTED_PAGES).join(', ')}${pages.length > LISTED_PAGES ? ', …' : ''}`;
}
