import { cropGray, inkBox, type GrayImage } from './gray-image';
import type { WritingMode } from '../../shared/model/page';

/**
 * Which way the lines of a typeset page run, from its ink alone. Lines are separated by leading (wide,
 * fully blank bands across the text block); characters within a line only by narrow gaps. So
 * horizontal text leaves a large share of blank rows and few blank columns, and vertical text the
 * reverse. Used to skip reading a page in a writing mode it clearly is not in; pages where this is
 * not clear (pictures, forms with rules, mixed layouts) are read both ways and confidence decides.
 */
export interface InkLayout {
  /** Share of the ink box's rows that hold no ink. */
  blankRows: number;
  /** Share of the ink box's columns that hold no ink. */
  blankColumns: number;
  /** The direction the bands say, or null when they do not say it clearly. */
  direction: WritingMode | null;
}

/** At least this share of blank bands in one direction… */
const MIN_BLANK_SHARE = 0.1;
/** …and this many times the share in the other direction, for the layout to decide. */
const DOMINANCE = 3;
/** An ink box this many times longer than it is thick holds one line (or one column). */
const SINGLE_LINE_ASPECT = 4;
/** Gaps between the characters of one line (or column) leave less than this share blank across it. */
const MAX_GAPS_IN_LINE = 0.3;

export function inkLayout(img: GrayImage, threshold = 128): InkLayout {
  const box = inkBox(img, threshold);
  if (!box) return { blankRows: 0, blankColumns: 0, direction: null };
  const c = cropGray(img, ...box);
  const rowInk = new Uint32Array(c.height), colInk = new Uint32Array(c.width);
  for (let y = 0; y < c.height; y++) {
    const row = y * c.width;
    for (let x = 0; x < c.width; x++) {
      if (c.data[row + x] < threshold) {
        rowInk[y]++;
        colInk[x]++;
      }
    }
  }
  const blankRows = rowInk.filter((n) => n === 0).length / c.height;
  const blankColumns = colInk.filter((n) => n === 0).length / c.width;
  let direction: WritingMode | null = null;
  // A single line (or column) has no leading to show its direction, only gaps between characters,
  // which would read as the other direction: its ink box's shape says it instead (a caption strip).
  // The other share must show no leading either: a tall block of horizontal lines (a scroll capture, a band
  // of one) also has almost no blank columns, but its rows are blank between lines.
  if (c.width >= SINGLE_LINE_ASPECT * c.height && blankRows < MIN_BLANK_SHARE && blankColumns < MAX_GAPS_IN_LINE) direction = 'horizontal';
  else if (c.height >= SINGLE_LINE_ASPECT * c.width && blankColumns < MIN_BLANK_SHARE && blankRows < MAX_GAPS_IN_LINE) direction = 'vertical';
  else if (blankRows >= MIN_BLANK_SHARE && blankRows >= DOMINANCE * blankColumns) direction = 'horizontal';
  else if (blankColumns >= MIN_BLANK_SHARE && blankColumns >= DOMINANCE * blankRows) direction = 'vertical';
  return { blankRows, blankColumns, direction };
}
