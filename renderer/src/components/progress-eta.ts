import { useRef } from 'react';
import { progressUnit, type Progress } from '../../../shared/model/progress';
import { formatBytes } from '../format';
import type { T } from '../i18n';

/**
 * How far the job is, in percent: the engine's overall fraction when it sends one (a scan: every item
 * and phase in one bar, weighted by pages), else this phase's pages (or bytes) done of its total.
 */
export function percentOf(p?: Progress): number | undefined {
  if (p?.overall) return Math.min(100, Math.floor(p.overall.fraction * 100));
  return p?.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
}

/**
 * Seconds left when the engine sent no estimate: from the rate so far — of the overall fraction since
 * the job's first event (phases do not restart it), or of this phase's count since it began. Null until
 * 2 s and some progress have passed (too early to say).
 */
export function etaTracker(now: () => number = Date.now): (p?: Progress) => number | null {
  let start: { key: string; at: number; done: number } | null = null;
  return (p) => {
    if (!p) { start = null; return null; }
    if (typeof p.etaSeconds === 'number' && Number.isFinite(p.etaSeconds)) return p.etaSeconds;
    const overall = p.overall !== undefined;
    const key = overall ? 'overall' : `${p.phase}\u0000${p.subject ?? ''}`;
    const done = overall ? p.overall!.fraction : p.done;
    const total = overall ? 1 : p.total;
    if (!start || start.key !== key || done < start.done) { start = { key, at: now(), done }; return null; }
    const elapsed = (now() - start.at) / 1000;
    if (!total || done <= start.done || elapsed < 2 || done >= total) return null;
    return Math.round(((total - done) * elapsed) / (done - start.done));
  };
}

/** The estimate for a progress shown on screen (one tracker per component). */
export function useEta(p?: Progress): number | null {
  const tracker = useRef<ReturnType<typeof etaTracker> | null>(null);
  tracker.current ??= etaTracker();
  return tracker.current(p);
}

export function etaText(t: T, seconds: number): string {
  const time = seconds < 90 ? t('progress.seconds', { n: Math.max(1, seconds) })
    : seconds < 5400 ? t('progress.minutes', { n: Math.round(seconds / 60) })
      : t('progress.hours', { h: Math.floor(seconds / 3600), m: Math.round((seconds % 3600) / 60) });
  return t('progress.eta', { t: time });
}

/** What the job is doing now, in the UI's language: phase i/n, pages done/total, item i/n. */
export function progressParts(t: T, p: Progress, phaseLabel: string): string[] {
  const parts = [p.overall ? t('progress.phaseOf', { phase: phaseLabel, i: p.overall.phase, n: p.overall.phases }) : phaseLabel];
  if (p.total !== undefined) {
    const unit = progressUnit(p.phase);
    parts.push(unit === 'bytes' ? `${formatBytes(p.done)} / ${formatBytes(p.total)}`
      : t(unit === 'pages' ? 'progress.pages' : unit === 'records' ? 'progress.records' : 'progress.count', { done: p.done, total: p.total }));
  }
  if (p.item && p.item.count > 1) parts.push(t('progress.item', { i: p.item.index, n: p.item.count }));
  return parts;
}
