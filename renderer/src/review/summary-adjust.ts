import type { HitsSummary, HitStatus, HitView, StatusCounts } from '../../../shared/ipc/types';

/**
 * The engine's counts after a decision on hits the screen knows (a place, a page's selection), worked
 * out here so y / n do not wait for the engine to count 60k hits again. Record counts (which need the
 * whole case) are left for the next summary from the engine.
 */
export function adjustSummary(s: HitsSummary, hits: readonly HitView[], to: HitStatus): HitsSummary {
  const moved = hits.filter((h) => h.status !== to);
  if (moved.length === 0) return s;
  const bump = (c: StatusCounts, from: HitStatus): StatusCounts => ({ ...c, [from]: c[from] - 1, [to]: c[to] + 1 });
  let totals = s.totals;
  const pages = new Map(s.pages.map((p) => [p.page, p]));
  const kinds = new Map(s.kinds.map((k) => [k.kind, k]));
  const fields = new Map(s.fields.map((f) => [f.field, f]));
  for (const h of moved) {
    totals = bump(totals, h.status);
    const p = pages.get(h.page);
    if (p) pages.set(h.page, { page: p.page, ...bump(p, h.status) });
    const k = kinds.get(h.kind);
    if (k) kinds.set(h.kind, { kind: k.kind, ...bump(k, h.status) });
    const f = fields.get(h.field);
    if (f) fields.set(h.field, { field: f.field, ...bump(f, h.status) });
  }
  return { ...s, totals, pages: [...pages.values()], kinds: [...kinds.values()], fields: [...fields.values()] };
}
