import type { Box } from '../../../shared/model/geometry';
import type { HitStatus, HitView } from '../../../shared/ipc/types';

/**
 * One place on a page that one or more hits point at. A listed e-mail is also a generic e-mail hit on
 * the same characters: the examiner decides the place once, and every hit in it follows.
 */
export interface Place {
  /** Stable while the page is shown: the smallest hit id of the place. */
  key: number;
  page: number;
  hits: HitView[];
  ids: number[];
  /** The hit named first: a listed record's over a generic finding. */
  primary: HitView;
  /** pending while any hit is; confirmed while any is; else dismissed. */
  status: HitStatus;
}

function area(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

/** Two hits are one place when boxes of theirs overlap by at least half of the smaller box. */
function samePlace(a: HitView, b: HitView): boolean {
  for (const x of a.boxes) for (const y of b.boxes) {
    const inter: Box = [Math.max(x[0], y[0]), Math.max(x[1], y[1]), Math.min(x[2], y[2]), Math.min(x[3], y[3])];
    if (inter[2] <= inter[0] || inter[3] <= inter[1]) continue;
    if (area(inter) >= 0.5 * Math.min(area(x), area(y))) return true;
  }
  return false;
}

export function statusOfPlace(hits: readonly HitView[]): HitStatus {
  if (hits.some((h) => h.status === 'pending')) return 'pending';
  if (hits.some((h) => h.status === 'confirmed')) return 'confirmed';
  return 'dismissed';
}

/** Groups one page's hits into places (union of overlapping hits), in reading order of their first hit. */
export function mergePlaces(hits: readonly HitView[]): Place[] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < hits.length; i++) {
    for (let j = i + 1; j < hits.length; j++) {
      if (hits[i].page === hits[j].page && find(i) !== find(j) && samePlace(hits[i], hits[j])) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, HitView[]>();
  hits.forEach((h, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(h); else groups.set(r, [h]);
  });
  return [...groups.values()].map((hs) => {
    const primary = hs.find((h) => h.recordKey !== null) ?? hs[0];
    const ids = hs.map((h) => h.id).sort((a, b) => a - b);
    return { key: ids[0], page: hs[0].page, hits: hs, ids, primary, status: statusOfPlace(hs) };
  });
}
