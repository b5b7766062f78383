import type { Box } from '../../shared/model/geometry';
import type { TextChar, TextLine } from '../../shared/model/page';

/**
 * Pages too large to read whole (a 1440×36000 scroll capture) are read in overlapping tiles at the page's
 * own render resolution, never downscaled: each tile is rendered alone, OCR'd, its words placed on the
 * page, and the tiles' readings joined, the overlaps read once.
 *
 * Why overlaps: a band edge cuts the text line lying across it. With an overlap of O pixels and each tile
 * owning the middle of its overlaps (its *core*), any line (or, in vertical columns, character) not taller
 * than O has its centre in one core and lies whole inside that tile; the cut pieces other tiles saw have
 * their centres outside their own cores and are dropped.
 */

/** A page read whole must fit tesseract's working budget (ocr-image.ts downscales beyond 12 Mpx)… */
export const MAX_TILE_PIXELS = 12_000_000;
/** …and no side longer than this (tesseract refuses sides over 32,767 px; layout analysis of a very tall
 * strip is slow and splits nothing better). */
export const MAX_TILE_SIDE = 6000;
/** Overlap of neighbouring tiles, pixels at the render resolution: taller than any text line of a page
 * (a 48 pt heading at 400 dpi is 270 px). */
export const TILE_OVERLAP = 400;

export interface Tile {
  /** What to render, in page units (points, origin top-left). */
  clip: Box;
  /** The part of the page this tile answers for (page units); the cores tile the area without overlap. */
  core: Box;
}

/**
 * The tiles of `area` (page units) rendered at `dpi`, or null when it can be read whole. Tiles are bands
 * across the area (and columns too when it is also wider than MAX_TILE_SIDE), evenly sized.
 */
export function planTiles(area: Box, dpi: number): Tile[] | null {
  const s = dpi / 72;
  const W = Math.ceil((area[2] - area[0]) * s), H = Math.ceil((area[3] - area[1]) * s);
  if (W * H <= MAX_TILE_PIXELS && W <= MAX_TILE_SIDE && H <= MAX_TILE_SIDE) return null;
  const xs = spans(W, MAX_TILE_SIDE);
  const tileW = Math.max(...xs.map(([a, b]) => b - a));
  const ys = spans(H, Math.min(MAX_TILE_SIDE, Math.floor(MAX_TILE_PIXELS / tileW)));
  const tiles: Tile[] = [];
  const toPage = (v: number, o: number) => o + v / s;
  for (let yi = 0; yi < ys.length; yi++) {
    for (let xi = 0; xi < xs.length; xi++) {
      const [x0, x1] = xs[xi], [y0, y1] = ys[yi];
      // Core edges: the middle of each overlap; the area's own edges at the ends.
      const cx0 = xi === 0 ? 0 : (x0 + xs[xi - 1][1]) / 2, cx1 = xi === xs.length - 1 ? W : (x1 + xs[xi + 1][0]) / 2;
      const cy0 = yi === 0 ? 0 : (y0 + ys[yi - 1][1]) / 2, cy1 = yi === ys.length - 1 ? H : (y1 + ys[yi + 1][0]) / 2;
      tiles.push({
        clip: [toPage(x0, area[0]), toPage(y0, area[1]), Math.min(area[2], toPage(x1, area[0])), Math.min(area[3], toPage(y1, area[1]))],
        core: [toPage(cx0, area[0]), toPage(cy0, area[1]), Math.min(area[2], toPage(cx1, area[0])), Math.min(area[3], toPage(cy1, area[1]))],
      });
    }
  }
  return tiles;
}

/** [start, end) pixel spans of at most `max` covering 0..total, neighbours overlapping by TILE_OVERLAP. */
function spans(total: number, max: number): [number, number][] {
  if (total <= max) return [[0, total]];
  const n = Math.ceil((total - TILE_OVERLAP) / (max - TILE_OVERLAP));
  const step = (total - TILE_OVERLAP) / n;
  return Array.from({ length: n }, (_, i) => [Math.floor(i * step), i === n - 1 ? total : Math.ceil(i * step + step + TILE_OVERLAP)]);
}

const centre = (b: Box): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const inside = (p: [number, number], b: Box) => p[0] >= b[0] && p[0] < b[2] && p[1] >= b[1] && p[1] < b[3];

/**
 * Joins the tiles' lines (already in page units) into the page's: a horizontal line is kept by the tile
 * whose core holds its centre; a vertical column (which every band cuts) keeps its characters whose
 * centres lie in the core, and the pieces of one column in neighbouring bands are joined again.
 */
export function mergeTileLines(tiles: readonly Tile[], perTile: readonly TextLine[][]): TextLine[] {
  const out: TextLine[] = [];
  const pieces: { line: TextLine; tile: number }[] = [];
  perTile.forEach((lines, t) => {
    const core = tiles[t].core;
    for (const l of lines) {
      if (l.wmode !== 'vertical') {
        if (inside(centre(l.box), core)) out.push(l);
        continue;
      }
      const chars = l.chars.filter((ch) => inside(centre(ch.box), core));
      if (chars.some((ch) => ch.c.trim())) pieces.push({ line: lineOf(l, chars), tile: t });
    }
  });
  // Vertical pieces: a column cut by a band edge continues in the band below, overlapping it in x.
  const used = new Set<number>();
  for (let i = 0; i < pieces.length; i++) {
    if (used.has(i)) continue;
    let line = pieces[i].line;
    for (;;) {
      const core = tiles[pieces[i].tile].core;
      const next = pieces.findIndex((p, j) => !used.has(j) && j !== i && p.tile !== pieces[i].tile
        && tiles[p.tile].core[1] >= core[3] - 0.01 && tiles[p.tile].core[1] <= core[3] + 0.01
        && xOverlap(p.line.box, line.box) > 0.5 && p.line.box[1] - line.box[3] < 2 * charHeight(line));
      if (next < 0) break;
      used.add(next);
      line = lineOf(line, [...line.chars, ...pieces[next].line.chars], pieces[next].line.confidence);
      pieces[i] = { line, tile: pieces[next].tile };
    }
    out.push(line);
  }
  // Reading order: top to bottom for lines, columns right to left (as the tiles did within themselves).
  return out.sort((a, b) => (a.wmode === 'vertical' && b.wmode === 'vertical' ? b.box[0] - a.box[0] : a.box[1] - b.box[1] || a.box[0] - b.box[0]));
}

function lineOf(l: TextLine, chars: TextChar[], otherConfidence?: number): TextLine {
  const box: Box = [Math.min(...chars.map((c) => c.box[0])), Math.min(...chars.map((c) => c.box[1])), Math.max(...chars.map((c) => c.box[2])), Math.max(...chars.map((c) => c.box[3]))];
  const confidence = otherConfidence === undefined || l.confidence === undefined ? l.confidence : (l.confidence + otherConfidence) / 2;
  return { ...l, text: chars.map((c) => c.c).join(''), chars, box, ...(confidence === undefined ? {} : { confidence }) };
}

function xOverlap(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  return w <= 0 ? 0 : w / Math.min(a[2] - a[0], b[2] - b[0]);
}

function charHeight(l: TextLine): number {
  const hs = l.chars.map((c) => c.box[3] - c.box[1]).filter((h) => h > 0);
  return hs.length ? hs.reduce((a, b) => a + b, 0) / hs.length : 10;
}
