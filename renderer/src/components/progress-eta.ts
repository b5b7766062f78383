import { useRef } from 'react';
import type { Progress } from '../../../shared/model/progress';
import type { T } from '../i18n';

export function percentOf(p?: Progress): number | undefined {
  return p?.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
}

/** The engine's own estimate when it sends one; else the rate of this phase so far (null until it means something). */
export function useEta(p?: Progress): number | null {
  const start = useRef<{ phase: string; subject?: string; at: number; done: number } | null>(null);
  if (!p) { start.current = null; return null; }
  if (typeof p.etaSeconds === 'number' && Number.isFinite(p.etaSeconds)) return p.etaSeconds;
  const s = start.current;
  if (!s || s.phase !== p.phase || s.subject !== p.subject || p.done < s.done) {
    start.current = { phase: p.phase, subject: p.subject, at: Date.now(), done: p.done };
    return null;
  }
  if (!p.total || p.done - s.done < 2) return null;
  const rate = (p.done - s.done) / ((Date.now() - s.at) / 1000);
  return rate > 0 ? Math.round((p.total - p.done) / rate) : null;
}

export function etaText(t: T, seconds: number): string {
  const time = seconds < 90 ? t('progress.seconds', { n: Math.max(1, seconds) }) : t('progress.minutes', { n: Math.round(seconds / 60) });
  return t('progress.eta', { t: time });
}
