import { unionBoxes, type Box } from '../../shared/model/geometry';
import type { TextChar, TextLine } from '../../shared/model/page';

/** A line as MuPDF gave it, before regrouping; `vertical` when MuPDF reported wmode=1. */
export interface RawLine {
  chars: TextChar[];
  vertical: boolean;
  box: Box;
}

/**
 * Vertical Japanese text often reaches us as one "line" per character (PDF wmode=1, or a
 * producer that positions each glyph on its own). Regroup those characters into columns: chars
 * that overlap horizontally and follow each other closely downwards form one column; columns read
 * top to bottom, and right to left across the page. Horizontal lines are left as they are.
 * A run of single-character lines is only taken as a column when MuPDF said wmode=1 for one of them
 * or at least three characters stack, so a horizontal list of one-letter lines stays horizontal.
 */
export function regroupVertical(lines: RawLine[]): TextLine[] {
  const candidates: number[] = [];
  lines.forEach((l, i) => {
    const visible = l.chars.filter((c) => c.c.trim() !== '');
    if (visible.length > 0 && (l.vertical || visible.length === 1)) candidates.push(i);
  });
  if (candidates.length === 0) return lines.map(horizontal);

  type Column = { members: number[]; chars: TextChar[]; box: Box; vertical: boolean };
  const columns: Column[] = [];
  // Visit candidate chars top-down so each column grows downwards.
  const order = [...candidates].sort((a, b) => lines[a].box[1] - lines[b].box[1] || lines[b].box[0] - lines[a].box[0]);
  for (const i of order) {
    const line = lines[i];
    const chars = line.chars.filter((c) => c.c.trim() !== '' || line.vertical);
    const b = line.box;
    const w = b[2] - b[0];
    const h = Math.max(1, b[3] - b[1]) / Math.max(1, chars.length);
    const home = columns.find((col) => {
      const cb = col.box;
      const overlap = Math.min(cb[2], b[2]) - Math.max(cb[0], b[0]);
      const gap = b[1] - cb[3];
      return overlap > 0.5 * Math.min(w, cb[2] - cb[0]) && gap > -0.5 * h && gap < 1.2 * Math.max(h, w);
    });
    if (home) {
      home.members.push(i);
      home.chars.push(...sortDown(chars));
      home.box = unionBoxes([home.box, b]);
      home.vertical ||= line.vertical;
    } else columns.push({ members: [i], chars: sortDown(chars), box: b, vertical: line.vertical });
  }

  const kept = columns.filter((c) => c.vertical || c.chars.filter((ch) => ch.c.trim() !== '').length >= 3);
  const replaced = new Map<number, Column | null>();
  for (const col of kept) {
    const first = Math.min(...col.members);
    for (const m of col.members) replaced.set(m, m === first ? col : null);
  }
  // Columns that start at the same place in the original order read right to left.
  const out: TextLine[] = [];
  const pending: Column[] = [];
  const flush = () => {
    pending.sort((a, b) => b.box[2] - a.box[2]);
    for (const col of pending) out.push(vertical(col.chars));
    pending.length = 0;
  };
  lines.forEach((l, i) => {
    const r = replaced.get(i);
    if (r === undefined) {
      flush();
      out.push(horizontal(l));
    } else if (r) pending.push(r);
  });
  flush();
  return out;
}

function sortDown(chars: TextChar[]): TextChar[] {
  return [...chars].sort((a, b) => a.box[1] - b.box[1]);
}

function horizontal(l: RawLine): TextLine {
  return make(l.chars, l.vertical ? 'vertical' : 'horizontal', l.box);
}

function vertical(chars: TextChar[]): TextLine {
  return make(chars, 'vertical');
}

function make(chars: TextChar[], wmode: TextLine['wmode'], fallback?: Box): TextLine {
  return {
    text: chars.map((c) => c.c).join(''),
    box: chars.length ? unionBoxes(chars.map((c) => c.box)) : (fallback ?? [0, 0, 0, 0]),
    wmode,
    source: 'native',
    chars,
  };
}
