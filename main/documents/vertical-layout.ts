import type { ReadNote } from './types';

/**
 * Vertical books laid out horizontally. MuPDF 1.28's HTML engine has no vertical writing mode: a book
 * styled `writing-mode: vertical-rl` (Japanese novels) is laid out in horizontal lines, whatever CSS is
 * given (checked: every line comes out wmode 0; test/documents/reflow-style.test.ts). The text and its
 * reading order are the book's (the source order), but page numbers, boxes and renders describe a layout
 * no reader app shows, so such an item says so with this note.
 */
export const HORIZONTAL_SUBSTITUTE: ReadNote = {
  code: 'layout-horizontal-substitute',
  detail: 'horizontal substitute for vertical-rl',
  partial: false,
};

// writing-mode and its prefixed forms (-epub-, -webkit-), with the CSS 2 / SVG value tb-rl.
const VERTICAL_RL = /writing-mode\s*:\s*(?:vertical-rl|tb-rl)\b/i;

/** Whether any of these style sheets or documents (bytes, any ASCII-compatible encoding) asks for vertical-rl. */
export function declaresVerticalRl(sources: Iterable<Uint8Array | undefined>): boolean {
  for (const data of sources) {
    if (!data) continue;
    // latin1: the property and value are ASCII in any encoding a book uses; no decoding needed.
    if (VERTICAL_RL.test(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'))) return true;
  }
  return false;
}

/** The style sheets and spine documents of an EPUB read from its ZIP: where a writing mode is declared. */
export function styledEntries(zip: { entries: readonly { name: string; data: Uint8Array }[] }): Uint8Array[] {
  return zip.entries.filter((e) => /\.(css|x?html?)$/i.test(e.name)).map((e) => e.data);
}
