// Whether every printed field of the records found is under a hit box — checked independently of how
// detection joins line pieces: a value is located in the page's lines read in MuPDF's order with the line
// breaks taken out (a table cell's lines follow each other there, even when other cells' lines do not), and
// each of its characters must lie inside a box of some record hit on that page.
import type { PageDetection } from '../../../main/detect/match/detect-pages';
import { foldText } from '../../../main/detect/normalize/match-fold';
import { normalizeField } from '../../../main/detect/normalize/fields';
import type { Box } from '../../../shared/model/geometry';
import type { PageContent } from '../../../shared/model/page';
import type { Person } from './fake-people';

export const COVERED_FIELDS = ['name', 'email', 'phone', 'address'] as const;
export type CoveredField = (typeof COVERED_FIELDS)[number];

export interface FieldCoverage {
  /** Printed instances located (page, position), per field, of records that detection found present. */
  located: Record<CoveredField, number>;
  /** Of those, instances whose every character lies under a hit box. */
  covered: Record<CoveredField, number>;
  /** A few instances not covered, for the failure message. */
  misses: string[];
}

interface PageText { text: string; boxes: Box[] }

function pageText(page: PageContent): PageText {
  const chars: string[] = [], boxes: Box[] = [];
  for (const l of page.lines) for (const c of l.chars) { chars.push(c.c); boxes.push(c.box); }
  const f = foldText(chars);
  // One box per folded code unit: the box of the char it came from.
  return { text: f.text, boxes: Array.from(f.start, (s) => boxes[s]) };
}

const inside = (b: Box, boxes: readonly Box[]) => {
  const x = (b[0] + b[2]) / 2, y = (b[1] + b[3]) / 2;
  return boxes.some((h) => x >= h[0] - 0.5 && x <= h[2] + 0.5 && y >= h[1] - 0.5 && y <= h[3] + 0.5);
};

/**
 * Coverage of the fields of every person detection found present (keys from `keyOf`), on the pages where
 * their e-mail is printed and the pages either side (a row cut by a page break).
 */
export function fieldCoverage(pages: readonly PageContent[], detections: readonly PageDetection[], people: readonly Person[], keyOf: (i: number) => string): FieldCoverage {
  const present = new Set(detections.flatMap((d) => d.records.filter((r) => r.present).map((r) => r.recordKey)));
  const texts = pages.map(pageText);
  const hitBoxes = detections.map((d) => d.records.flatMap((r) => r.occurrences.flatMap((o) => o.boxes)));
  const located = { name: 0, email: 0, phone: 0, address: 0 }, covered = { name: 0, email: 0, phone: 0, address: 0 };
  const misses: string[] = [];
  const seen = new Set<string>();
  people.forEach((p, i) => {
    if (!present.has(keyOf(i))) return;
    const email = normalizeField('email', p.email)!;
    const at = texts.findIndex((t) => t.text.includes(email));
    if (at < 0) return;
    for (let pi = Math.max(0, at - 1); pi <= Math.min(pages.length - 1, at + 1); pi++) {
      const t = texts[pi];
      for (const field of COVERED_FIELDS) {
        const v = normalizeField(field, p[field])!;
        for (let k = t.text.indexOf(v); k >= 0; k = t.text.indexOf(v, k + 1)) {
          const tag = `${pi}:${k}:${v}`;
          if (seen.has(tag)) continue;
          seen.add(tag);
          located[field]++;
          const ok = t.boxes.slice(k, k + v.length).every((b) => inside(b, hitBoxes[pi]));
          if (ok) covered[field]++;
          else if (misses.length < 10) misses.push(`page ${pi + 1} ${field} ${p[field]} (${keyOf(i)})`);
        }
      }
    }
  });
  return { located, covered, misses };
}
