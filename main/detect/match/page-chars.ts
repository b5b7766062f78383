import type { Box } from '../../../shared/model/geometry';
import type { PageContent, TextSource } from '../../../shared/model/page';

/**
 * A page's characters in reading order with lines joined by one '\n' pseudo-char (no box), so
 * chars.join('') === pageText(page). Hit offsets (charStart/charEnd) index this sequence.
 */
export interface PageChars {
  chars: string[];
  boxes: (Box | null)[];
  line: Int32Array;
  lineSource: TextSource[];
}

export function pageChars(page: Pick<PageContent, 'lines'>): PageChars {
  const chars: string[] = [], boxes: (Box | null)[] = [], line: number[] = [];
  page.lines.forEach((l, li) => {
    if (li > 0) { chars.push('\n'); boxes.push(null); line.push(li - 1); }
    for (const c of l.chars) { chars.push(c.c); boxes.push(c.box); line.push(li); }
  });
  return { chars, boxes, line: Int32Array.from(line), lineSource: page.lines.map((l) => l.source) };
}

/** One box per line the range [a, b) touches: the union of its characters' boxes on that line. */
export function rangeBoxes(p: PageChars, a: number, b: number): Box[] {
  const out: Box[] = [];
  let cur: Box | null = null, curLine = -1;
  for (let i = a; i < b; i++) {
    const box = p.boxes[i];
    if (!box) continue;
    if (p.line[i] !== curLine || !cur) {
      cur = [box[0], box[1], box[2], box[3]];
      curLine = p.line[i];
      out.push(cur);
    } else {
      cur[0] = Math.min(cur[0], box[0]); cur[1] = Math.min(cur[1], box[1]);
      cur[2] = Math.max(cur[2], box[2]); cur[3] = Math.max(cur[3], box[3]);
    }
  }
  return out;
}

export function rangeText(p: PageChars, a: number, b: number): string {
  return p.chars.slice(a, b).join('');
}

export function rangeSource(p: PageChars, a: number): TextSource {
  return p.lineSource[p.line[a]] ?? 'native';
}
