import type { Box } from '../../../shared/model/geometry';
import { boxFromDrag, moveBox } from '../viewer-geometry';

/**
 * Dragging a rectangle on a page, in page units: drawing a new one, moving it, or pulling one corner.
 * Used by the export's screenshot crop and by the viewer's redaction boxes (move and resize).
 */

export type Corner = 'nw' | 'ne' | 'sw' | 'se';
export const CORNERS: readonly Corner[] = ['nw', 'ne', 'sw', 'se'];
type Pt = [number, number];
type Size = { width: number; height: number };

export type RectDrag =
  | { mode: 'new'; start: Pt; now: Pt }
  | { mode: 'move'; box: Box; start: Pt; now: Pt }
  | { mode: 'resize'; corner: Corner; box: Box; start: Pt; now: Pt };

/** Smaller than this (page units, either side) is a click, not a rectangle. */
export const MIN_RECT = 2;

export function cornerPoint(b: Box, c: Corner): Pt {
  return [c.endsWith('w') ? b[0] : b[2], c.startsWith('n') ? b[1] : b[3]];
}

const opposite: Record<Corner, Corner> = { nw: 'se', ne: 'sw', sw: 'ne', se: 'nw' };

/** The rectangle a drag gives at its current point, kept on the page. */
export function draggedRect(d: RectDrag, page: Size): Box {
  const dx = d.now[0] - d.start[0], dy = d.now[1] - d.start[1];
  if (d.mode === 'new') return boxFromDrag(d.start, d.now, page);
  if (d.mode === 'move') return moveBox(d.box, dx, dy, page);
  // Resize: the opposite corner stays; pulled past it, the rectangle flips rather than turning inside out.
  const c = cornerPoint(d.box, d.corner);
  return boxFromDrag(cornerPoint(d.box, opposite[d.corner]), [c[0] + dx, c[1] + dy], page);
}

export function isRect(b: Box): boolean {
  return b[2] - b[0] > MIN_RECT && b[3] - b[1] > MIN_RECT;
}

/** Whether the drag changed anything (a click on a box selects it and must not store a move). */
export function dragMoved(d: RectDrag): boolean {
  return d.now[0] !== d.start[0] || d.now[1] !== d.start[1];
}

/**
 * Arrow keys on a focused rectangle: move by 1 page unit (10 with Shift); with Alt, the lower-right
 * corner moves instead (resize). Null for any other key.
 */
export function nudgeRect(b: Box, key: string, opts: { shift: boolean; alt: boolean }, page: Size): Box | null {
  const step = opts.shift ? 10 : 1;
  const d: Record<string, Pt> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  const v = d[key];
  if (!v) return null;
  if (!opts.alt) return moveBox(b, v[0], v[1], page);
  const r = boxFromDrag([b[0], b[1]], [b[2] + v[0], b[3] + v[1]], page);
  return isRect(r) ? r : b;
}

/** "x0, y0, x1, y1" as the typed field shows it: tenths of a point. */
export function formatRect(b: Box): string {
  return b.map((v) => String(Math.round(v * 10) / 10)).join(', ');
}

/** The typed field read back: four finite numbers with x1 > x0 and y1 > y0, else null. */
export function parseRect(text: string): Box | null {
  const n = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s.trim())));
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v)) || !(n[2] > n[0] && n[3] > n[1])) return null;
  return n as Box;
}

/** The size in pixels of a page region exported at `dpi` (the engine crops the page rendered at that dpi). */
export function exportPixels(b: Box, dpi: number): { width: number; height: number } {
  const s = dpi / 72;
  return { width: Math.round((b[2] - b[0]) * s), height: Math.round((b[3] - b[1]) * s) };
}
