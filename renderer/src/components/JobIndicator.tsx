import { useRef, useState } from 'react';
import type { JobEvent } from '../../../shared/ipc/types';
import { call, useShokoEvents } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { labelOf } from '../kind-label';
import { etaText, percentOf, progressParts, useEta } from './progress-eta';

/** The running job on every screen: what, how far, about how long, and a way to stop it. */
export function JobIndicator() {
  const { t } = useI18n();
  const [jobs, setJobs] = useState<Map<string, JobEvent>>(new Map());
  const started = useRef(new Map<string, number>());
  useShokoEvents((e) => {
    if (e.type !== 'job') return;
    setJobs((m) => {
      const n = new Map(m);
      if (e.state === 'running') { n.set(e.jobId, e); if (!started.current.has(e.jobId)) started.current.set(e.jobId, Date.now()); }
      else { n.delete(e.jobId); started.current.delete(e.jobId); }
      return n;
    });
  });
  const job = [...jobs.values()][0];
  const eta = useEta(job?.progress);
  if (!job) return null;
  const pct = percentOf(job.progress);
  const kind = t(`job.kind.${job.kind}` as MessageKey);
  return (
    <div className="job-indicator" role="status" aria-live="polite" data-testid="job-indicator">
      <span className="job-spinner" aria-hidden="true" />
      <span>{t('job.running', { kind })}</span>
      {/* One bar for the whole job (every phase and item of a scan), not one that restarts per phase. */}
      {pct !== undefined && <span className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('progress.overall')}><span style={{ width: `${pct}%` }} /></span>}
      {pct !== undefined && <span className="num" data-testid="job-percent">{pct}%</span>}
      {job.progress?.phase && job.progress.phase !== job.kind && <span className="muted job-detail">{progressParts(t, job.progress, labelOf(t, 'phase', job.progress.phase)).join(' · ')}</span>}
      {eta !== null && <span className="muted" data-testid="job-eta">{etaText(t, eta)}</span>}
      <button type="button" className="btn btn-small btn-danger" onClick={() => void call('job.cancel', { jobId: job.jobId })} data-testid="job-cancel">{t('job.cancel')}</button>
    </div>
  );
}
