import type { Box } from '../../shared/model/geometry';
import type { PageContent, TextLine, TextSource } from '../../shared/model/page';

/**
 * Stands where a burnt character stood. Folding keeps it (it is neither a space nor a dash), so the text
 * on either side of a black box is never joined into something that was not on the page, and no value
 * contains it, so a destroyed character counts as a missing one in the approximate search.
 */
export const DESTROYED = '■';

/** Slack (page units) when deciding that a character's box lies inside a black box: float noise only. */
const EPS = 0.01;

/** Whether a character's whole box lies inside one of the black boxes (its pixels are all replaced). */
export function destroyedBy(ch: Box, burnt: readonly Box[]): boolean {
  return burnt.some((b) => ch[0] >= b[0] - EPS && ch[1] >= b[1] - EPS && ch[2] <= b[2] + EPS && ch[3] <= b[3] + EPS);
}

export interface LegibleText {
  /** The page as it can still be read: destroyed characters replaced by DESTROYED, offsets unchanged. */
  content: PageContent;
  destroyed: number;
  legible: number;
}

/**
 * What of a page's known text (its text layer, or the OCR reading stored at scan) is still on a page
 * whose black boxes are `burnt`: every character not wholly inside a box counts as legible, even when a
 * box covers most of it. Only lines of the given sources are kept. `clip` keeps only characters that
 * touch that area (a screenshot shows only its crop).
 */
export function legibleText(page: PageContent, burnt: readonly Box[], opts: { sources?: readonly TextSource[]; clip?: Box } = {}): LegibleText {
  let destroyed = 0, legible = 0;
  const lines: TextLine[] = [];
  for (const line of page.lines) {
    if (opts.sources && !opts.sources.includes(line.source)) continue;
    const clip = opts.clip;
    const chars = line.chars.map((ch) => {
      const shown = !clip || (ch.box[0] < clip[2] && ch.box[2] > clip[0] && ch.box[1] < clip[3] && ch.box[3] > clip[1]);
      if (ch.c.trim() === '') return ch;
      if (shown && !destroyedBy(ch.box, burnt)) { legible++; return ch; }
      destroyed++;
      return { ...ch, c: DESTROYED };
    });
    lines.push({ ...line, chars, text: chars.map((ch) => ch.c).join('') });
  }
  return { content: { ...page, lines }, destroyed, legible };
}

/** A page made of plain text lines (an extractor's or OCR's output): for matching, boxes unknown. */
export function textAsPage(index: number, text: string, source: TextSource, size: { width: number; height: number } = { width: 0, height: 0 }): PageContent {
  const lines: TextLine[] = text.split('\n').filter((l) => l.trim() !== '').map((l) => {
    const chars = [...l].map((c) => ({ c, box: [0, 0, 0, 0] as Box }));
    return { text: chars.map((ch) => ch.c).join(''), box: [0, 0, 0, 0] as Box, wmode: 'horizontal' as const, source, chars };
  });
  return { index, width: size.width, height: size.height, lines, images: [], needsOcr: false };
}

/**
 * Whether a character of a text layer can be trusted to say what its glyph shows. A replacement
 * character, a private-use code point or a control character means the font's mapping to Unicode is
 * missing or made up: the pixels may show something else, so they are left to OCR.
 */
export function trustworthyChar(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp === 0xfffd) return false;
  if (cp < 0x20 && c !== '\t') return false;
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return false;
  return true;
}
