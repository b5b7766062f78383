import { useState } from 'react';
import type { Capabilities, ClaimsExportView, PackageResult, TimestampResult } from '../../../shared/ipc/types';
import { call, useJob, useLoad } from '../api';
import { Checks, CopyButton, ErrorLine, Field, jobFailure, NotAvailable, PathInput, ProgressBar, ScreenHeader } from '../components/common';
import { formatLocal } from '../format';
import { useI18n } from '../i18n';

export function PackageScreen({ caps }: { caps: Capabilities }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ contactName: '', contactEmail: '', externalDescription: '' });
  const [opts, setOpts] = useState({ includeOriginals: true, redactedOnly: false, zip: false });
  const [job, track] = useJob('package');
  const [error, setError] = useState<unknown>(null);
  const [bagPath, setBagPath] = useState('');
  const [reply, setReply] = useState('');
  const [ts, setTs] = useState<TimestampResult | null>(null);
  const [tsError, setTsError] = useState<unknown>(null);
  const overview = useLoad(() => call('case.overview', {}), []);
  const [claims, setClaims] = useState<ClaimsExportView | null>(null);
  const [claimsError, setClaimsError] = useState<unknown>(null);
  const [claimsBusy, setClaimsBusy] = useState(false);
  const exportClaims = async () => {
    setClaimsError(null);
    setClaimsBusy(true);
    try {
      setClaims(await call('claims.export', {}));
    } catch (err) {
      setClaimsError(err);
    } finally {
      setClaimsBusy(false);
    }
  };

  if (!caps.package) return <div className="screen"><ScreenHeader title={t('package.title')} intro={t('package.intro')} /><NotAvailable piece="main/evidence/bag: package" /></div>;

  const build = async () => {
    setError(null);
    try {
      const strip = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim())) as typeof form;
      track((await call('package.start', { ...strip, ...opts })).jobId);
    } catch (err) {
      setError(err);
    }
  };
  const result = job?.state === 'done' ? (job.result as PackageResult) : null;
  const text = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  return (
    <div className="screen">
      <ScreenHeader title={t('package.title')} intro={t('package.intro')} />
      {overview.data && (overview.data.hits.pending > 0
        ? <p className="notice notice-warn" data-testid="package-pending" data-pending={overview.data.hits.pending}>{t('package.pending', { n: overview.data.hits.pending })}</p>
        : <p className="notice notice-ok" data-testid="package-pending" data-pending={0}>✓ {t('package.noPending')}</p>)}
      <section className="card">
        <div className="field-row">
          <Field label={t('package.contact')}><input type="text" value={form.contactName} onChange={text('contactName')} data-testid="bag-contact" /></Field>
          <Field label={t('package.email')}><input type="email" value={form.contactEmail} onChange={text('contactEmail')} /></Field>
        </div>
        <Field label={t('package.description')}><textarea rows={2} value={form.externalDescription} onChange={text('externalDescription')} /></Field>
        <div className="checkbox-row">
          {(['includeOriginals', 'redactedOnly', 'zip'] as const).map((k) => (
            <label key={k} className="inline-label"><input type="checkbox" checked={opts[k]} onChange={(e) => setOpts({ ...opts, [k]: e.target.checked })} /> {t(`package.${k}`)}</label>
          ))}
        </div>
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={job?.state === 'running'} onClick={() => void build()} data-testid="package-build">{t('package.build')}</button>
        </div>
        {job?.state === 'running' && <ProgressBar progress={job.progress} label={t('package.title')} />}
        <ErrorLine error={jobFailure(job)} testId="package-failed" className="notice notice-danger" />
      </section>
      <ErrorLine error={error} />
      {result && (
        <section className="card" data-testid="package-result">
          <dl className="kv">
            <dt>{t('package.bag')}</dt><dd><code data-testid="bag-path">{result.bagPath}</code></dd>
            <dt>{t(result.sha256Of === 'zip' ? 'package.sha256zip' : 'package.sha256tag')}</dt><dd><code data-testid="bag-sha256">{result.sha256}</code> <CopyButton text={result.sha256} /></dd>
            <dt>{t('package.key')}</dt><dd><code>{result.keyFingerprint}</code></dd>
            <dt>{t('package.files')}</dt><dd>{result.files}</dd>
          </dl>
          <h2>{t('package.verify')}</h2>
          {result.verify.ok ? <p className="notice notice-ok" data-testid="bag-verify">✓ {t('common.ok')}</p> : (
            <div className="notice notice-danger" data-testid="bag-verify">
              <p>✕ {t('error.verification-failed')}</p>
              <p className="error-detail" lang="en"><code>{result.verify.failure}</code></p>
            </div>
          )}
          <Checks checks={result.verify.checks} />
        </section>
      )}
      <section className="card">
        <h2>{t('package.claims')}</h2>
        <p className="muted">{t('package.claimsIntro')}</p>
        <div className="actions"><button type="button" className="btn" disabled={claimsBusy} onClick={() => void exportClaims()} data-testid="claims-export">{t('package.claimsExport')}</button></div>
        {claims && (
          <dl className="kv" data-testid="claims-result">
            <dt>{t('package.claimsFile')}</dt><dd><code>{claims.path}</code></dd>
            <dt>SHA-256</dt><dd><code>{claims.sha256}</code> <CopyButton text={claims.sha256} /></dd>
            <dt>{t('package.claimsCount')}</dt><dd>{t('package.claimsCounts', { records: claims.records, claims: claims.claims })}</dd>
            {claims.skipped.map((s) => <dd key={s} className="notice notice-warn error-detail" lang="en"><code>{s}</code></dd>)}
          </dl>
        )}
        <ErrorLine error={claimsError} testId="claims-error" />
      </section>
      <section className="card">
        <h2>{t('package.timestamp')}</h2>
        <p className="muted">{t('package.timestampIntro')}</p>
        {!caps.timestamp ? <NotAvailable piece="main/evidence: timestamp import" /> : (
          <form onSubmit={(e) => {
            e.preventDefault();
            setTsError(null);
            setTs(null);
            void call('timestamp.import', { bagPath: bagPath || result?.bagPath || '', replyFile: reply }).then(setTs, setTsError);
          }}>
            <div className="field-row">
              <PathInput label={t('package.bagPath')} value={bagPath || result?.bagPath || ''} onChange={setBagPath} onChoose={() => call('dialog.openFolder', { purpose: 'open-case' })} />
              <PathInput label={t('package.reply')} value={reply} onChange={setReply} onChoose={async () => (await call('dialog.openFiles', { purpose: 'timestamp' }))[0] ?? null} testId="ts-reply" />
            </div>
            <div className="actions"><button type="submit" className="btn" disabled={!reply} data-testid="ts-import">{t('package.import')}</button></div>
            {ts && <p className={`notice ${ts.ok ? 'notice-ok' : 'notice-danger'}`} data-testid="ts-result" data-ok={ts.ok}>{ts.ok ? '✓' : '✕'} <span lang="en">{ts.message}</span>{ts.genTime ? <span title={ts.genTime}> — {formatLocal(ts.genTime)}</span> : ''}</p>}
            <ErrorLine error={tsError} testId="ts-error" />
          </form>
        )}
      </section>
    </div>
  );
}
