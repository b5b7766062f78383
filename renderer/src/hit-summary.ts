import type { HitView } from '../../shared/ipc/types';

/**
 * How many listed records have a hit (not dismissed) in these hits — the viewer's count for the
 * document on screen. The case-wide "present" count comes from the engine, which also weighs scores.
 */
export function recordsWithHits(hits: readonly HitView[]): number {
  return new Set(hits.filter((h) => h.recordKey !== null && h.status !== 'dismissed').map((h) => h.recordKey)).size;
}
