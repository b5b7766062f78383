import type { Box } from '../../shared/model/geometry';

/** Why a region is blacked out: a leak record / recognizer hit, or a box drawn by hand. */
export type RedactionReason = string;

/**
 * One area to destroy on one page, in page units (PDF points, origin top-left).
 * `box` is what is blacked out (pixels, image samples, vector art). `textBox` is the area whose glyphs are
 * removed from a PDF's text; it defaults to `box`. It is kept tighter than `box` because MuPDF removes
 * every glyph whose box merely touches the area, and glyph boxes of neighbouring lines overlap.
 */
export interface RedactionRegion {
  pageIndex: number;
  box: Box;
  textBox?: Box;
  reason: RedactionReason;
}

/**
 * What must not survive the export: the text that stood under a region (read from the original before
 * redacting), with the kind of value it is (named in refusals instead of the value itself).
 */
export interface RedactedValue {
  pageIndex: number;
  /** The original characters. Held in memory only, never written to the case or to an error. */
  value: string;
  /** 'email', 'phone', 'leak:name', 'manual'…: what a refusal names. */
  kind: string;
  /** Where the characters stood in the original (page units). */
  boxes: Box[];
}

/**
 * An optional word written in white on each black box of a rasterised export: none (default), Japanese
 * 黒塗り or English REDACTED. It is drawn after the pixels are destroyed, so it never carries data.
 */
export type BoxLabel = 'none' | 'ja' | 'en';

export const BOX_LABELS: readonly BoxLabel[] = ['none', 'ja', 'en'];

export const BOX_LABEL_TEXT: Record<Exclude<BoxLabel, 'none'>, string> = { ja: '黒塗り', en: 'REDACTED' };
