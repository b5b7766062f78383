import { useState, type ReactNode } from 'react';
import type { Progress } from '../../../shared/model/progress';
import type { CheckLineView, JobEvent } from '../../../shared/ipc/types';
import { call } from '../api';
import { describeError } from '../errors';
import { useI18n } from '../i18n';
import { labelOf } from '../kind-label';
import { etaText, percentOf, progressParts, useEta } from './progress-eta';

export function NotAvailable({ piece }: { piece: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-muted" role="status" data-testid="not-available">
      <strong>{t('common.notAvailable')}</strong>
      <p>{t('common.notAvailableBody', { piece })}</p>
    </div>
  );
}

/** A failure: one sentence in the UI's language by error code, the engine's English text beneath. */
export function ErrorLine({ error, testId, className }: { error: unknown; testId?: string; className?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const d = describeError(error, t);
  return (
    <div className={`error-line${className ? ` ${className}` : ''}`} role="alert" data-testid={testId ?? 'error-line'} data-code={d.code}>
      <p className="error-sentence">{t('common.error')}: {d.sentence}</p>
      <p className="error-detail" lang="en"><span className="visually-hidden">{t('common.errorDetail')}: </span><code>{d.detail}</code></p>
    </div>
  );
}

/** The failure of a finished job, with its code when the engine sent one. */
export function jobFailure(job: JobEvent | null): unknown {
  if (!job || job.state !== 'failed') return null;
  return job.failure ?? new Error(job.error ?? 'failed');
}

/**
 * A job's progress: one bar for the whole job (the engine's overall fraction across phases and items
 * when it sends one), then what it is doing now in the UI's language and the time left. The item's
 * name is data; the engine's own English subject line is not shown.
 */
export function ProgressBar({ progress, label }: { progress?: Progress; label?: string }) {
  const { t } = useI18n();
  const pct = percentOf(progress);
  const eta = useEta(progress);
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
        <div className={`progress-fill${pct === undefined ? ' indeterminate' : ''}`} style={{ width: pct === undefined ? '30%' : `${pct}%` }} />
      </div>
      <div className="progress-text">
        {pct !== undefined && <span className="num" data-testid="progress-percent">{pct}%</span>}
        {progress?.phase && <span className="tag">{progressParts(t, progress, labelOf(t, 'phase', progress.phase)).join(' · ')}{!progress.overall && progress.steps ? ` ${progress.step ?? 0}/${progress.steps}` : ''}</span>}
        {progress?.item && <span translate="no">#{progress.item.id} {progress.item.name}</span>}
        {eta !== null && <span className="muted" data-testid="progress-eta">{etaText(t, eta)}</span>}
      </div>
    </div>
  );
}

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <button type="button" className="btn btn-small" aria-label={label ?? t('common.copy')}
      onClick={() => { void call('clipboard.write', { text }).then(() => { setCopied(true); setTimeout(() => setCopied(false), 1500); }); }}>
      {copied ? t('common.copied') : t('common.copy')}
    </button>
  );
}

export function Field({ label, children, hint, narrow }: { label: string; children: ReactNode; hint?: string; narrow?: boolean }) {
  return (
    <label className={`field${narrow ? ' narrow' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

/** A path input with a "Choose…" button that asks the shell for an OS dialog. */
export function PathInput({ value, onChange, onChoose, label, testId }: {
  value: string; onChange: (v: string) => void; onChoose: () => Promise<string | null>; label: string; testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      <div className="path-input">
        <input type="text" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} data-testid={testId} />
        <button type="button" className="btn" onClick={() => { void onChoose().then((p) => { if (p) onChange(p); }); }}>{t('common.choose')}</button>
      </div>
    </Field>
  );
}

export function Checks({ checks }: { checks: CheckLineView[] }) {
  const { t } = useI18n();
  return (
    <ul className="checks">
      {checks.map((c, i) => (
        <li key={i} className={c.ok ? 'check-ok' : 'check-bad'}>
          <span className="check-mark" aria-hidden="true">{c.ok ? '✓' : '✕'}</span>
          {/* A known check in the UI's language (page included); an unknown one as the engine wrote it. */}
          <span>{c.check !== undefined && labelOf(t, 'check', c.check) !== c.check
            ? `${labelOf(t, 'check', c.check)}${c.page !== undefined ? ` ${t('check.page', { n: c.page })}` : ''}` : <span lang="en">{c.what}</span>}</span>
          {c.detail && <code className="muted">{c.detail}</code>}
        </li>
      ))}
    </ul>
  );
}

export function ScreenHeader({ title, intro, children }: { title: string; intro?: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <div>
        <h1>{title}</h1>
        {intro && <p className="intro">{intro}</p>}
      </div>
      {children && <div className="screen-actions">{children}</div>}
    </header>
  );
}
