import type { CaseHandle } from '../case/case-folder';
import { padBox, type Box } from '../../shared/model/geometry';
import type { PageContent } from '../../shared/model/page';
import { parseHitBoxes } from '../detect/store/hit-boxes';
import { listRedactions } from './redaction-store';
import type { RedactedValue, RedactionRegion } from './types';

/** Margin added around a hit's boxes (page units): anti-aliased edges and OCR boxes that hug the ink. */
export const HIT_PADDING = 2;

export type HitStatusChoice = 'confirmed' | 'all-hits';

/** A hit as the redaction step needs it. */
export interface HitForRedaction {
  id: number;
  pageIndex: number;
  boxes: Box[];
  /** What a refusal names: the field or recognizer ('email', 'phone', 'name'…), never the value. */
  valueKind: string;
  reason: string;
  /** The page text the hit matched, when detection stored it. */
  text: string | null;
}

/**
 * Hits of one item: confirmed ones, or (without a reviewer) every hit not dismissed. Reads the detection
 * step's `hit` table (empty when detection has not run).
 */
export function hitsForRedaction(c: CaseHandle, itemId: number, status: HitStatusChoice): HitForRedaction[] {
  const where = status === 'confirmed' ? "status = 'confirmed'" : "status <> 'dismissed'";
  // Only the columns used: a seed-scale book has 190,000 hits.
  const rows = c.db.prepare(`SELECT id, page_index, field, recognizer, kind, record_key, text, boxes_json FROM hit WHERE item_id = ? AND ${where} ORDER BY page_index, id`)
    .all(itemId) as Record<string, unknown>[];
  return rows.map((r) => {
    const field = str(r.field), recognizer = str(r.recognizer), kind = str(r.kind), recordKey = str(r.record_key);
    return {
      id: Number(r.id),
      pageIndex: Number(r.page_index),
      boxes: parseHitBoxes(r.boxes_json),
      valueKind: field ?? recognizer ?? kind ?? 'hit',
      reason: recordKey ? `leak record ${recordKey}${field ? ` (${field})` : ''}` : (recognizer ?? field ?? kind ?? 'hit'),
      text: str(r.text),
    };
  });
}

/** Regions of one hit: each of its boxes padded, with a tighter box for removing glyphs. */
export function regionsOfHit(hit: HitForRedaction, padding = HIT_PADDING): RedactionRegion[] {
  return hit.boxes.map((b) => ({ pageIndex: hit.pageIndex, box: padBox(b, padding), textBox: glyphCore(b), reason: hit.reason }));
}

/** Regions of the stored hand-drawn boxes of an item: exactly as drawn. */
export function manualRegions(c: CaseHandle, itemId: number): RedactionRegion[] {
  return listRedactions(c, { itemId }).map((r) => ({ pageIndex: r.pageIndex, box: r.box, reason: r.reason }));
}

/**
 * The middle of a run of character boxes, across the line: character boxes span the font's ascender to
 * descender and overlap the next line's, so glyph removal uses the inner half across the line (and a
 * sliver less along it, so the neighbours' touching boxes are not taken). Vertical runs are taller than wide.
 */
export function glyphCore(b: Box): Box {
  const w = b[2] - b[0], h = b[3] - b[1];
  if (w >= h) {
    const along = Math.min(0.1 * h, 0.25 * w);
    return [b[0] + along, b[1] + 0.25 * h, b[2] - along, b[3] - 0.25 * h];
  }
  const along = Math.min(0.1 * w, 0.25 * h);
  return [b[0] + 0.25 * w, b[1] + along, b[2] - 0.25 * w, b[3] - along];
}

/**
 * The text that stands under boxes of one page: characters whose centre lies inside one of them, in reading
 * order (what verification later looks for in the output). Each line's extent is measured once, so a box
 * only looks at the characters of the lines it reaches (a table page has a hundred hits over a thousand
 * characters).
 */
export class TextUnder {
  private readonly lines: { chars: PageContent['lines'][number]['chars']; x0: number; y0: number; x1: number; y1: number }[];

  constructor(page: Pick<PageContent, 'lines'>) {
    this.lines = page.lines.map((l) => {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const ch of l.chars) {
        const cx = (ch.box[0] + ch.box[2]) / 2, cy = (ch.box[1] + ch.box[3]) / 2;
        x0 = Math.min(x0, cx); y0 = Math.min(y0, cy); x1 = Math.max(x1, cx); y1 = Math.max(y1, cy);
      }
      return { chars: l.chars, x0, y0, x1, y1 };
    });
  }

  /** Characters under any of `boxes`, a line of text per page line that has some. */
  text(boxes: readonly Box[]): string {
    const parts: string[] = [];
    for (const line of this.lines) {
      // The extent of the line's character centres: a box that misses it holds none of them.
      if (!boxes.some((b) => line.x0 <= b[2] && line.x1 >= b[0] && line.y0 <= b[3] && line.y1 >= b[1])) continue;
      let run = '';
      for (const ch of line.chars) {
        const cx = (ch.box[0] + ch.box[2]) / 2, cy = (ch.box[1] + ch.box[3]) / 2;
        if (boxes.some((b) => cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3])) run += ch.c;
      }
      if (run.trim()) parts.push(run);
    }
    return parts.join('\n');
  }

  /** The value a set of boxes hides on the page, for verification. */
  value(pageIndex: number, boxes: Box[], kind: string): RedactedValue | null {
    const value = this.text(boxes);
    return value.trim() ? { pageIndex, value, kind, boxes } : null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
