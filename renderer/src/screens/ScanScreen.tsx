import { useEffect, useState } from 'react';
import type { Capabilities, ScanSummary } from '../../../shared/ipc/types';
import { call, useJob, useLoad } from '../api';
import { ErrorLine, jobFailure, Field, NotAvailable, ProgressBar, ScreenHeader } from '../components/common';
import { useI18n, type MessageKey } from '../i18n';

type Ocr = 'auto' | 'always' | 'never';

export function ScanScreen({ caps, onReview }: { caps: Capabilities; onReview: () => void }) {
  const { t } = useI18n();
  const items = useLoad(() => call('evidence.list', {}), []);
  const [ocr, setOcr] = useState<Ocr>('auto');
  const [job, track] = useJob('scan');
  const [error, setError] = useState<unknown>(null);
  const [pages, setPages] = useState<Record<number, string>>({});
  const running = job?.state === 'running';

  useEffect(() => {
    if (!caps.documents || !items.data || running) return;
    let live = true;
    void Promise.all(items.data.map(async (i) => {
      try {
        const p = await call('pages.list', { itemId: i.id });
        return [i.id, p.status === 'ok' ? String(p.pageCount) : t(`scan.state.${p.status}` as MessageKey)] as const;
      } catch (err) {
        return [i.id, err instanceof Error ? err.message : String(err)] as const;
      }
    })).then((r) => live && setPages(Object.fromEntries(r)));
    return () => { live = false; };
  }, [items.data, running, caps.documents, t]);

  if (!caps.scan) return <div className="screen"><ScreenHeader title={t('scan.title')} intro={t('scan.intro')} /><NotAvailable piece="main/pipeline: scan" /></div>;

  const start = async () => {
    setError(null);
    try {
      track((await call('scan.start', { ocr })).jobId);
    } catch (err) {
      setError(err);
    }
  };
  const result = job?.state === 'done' ? (job.result as ScanSummary | undefined) : undefined;
  const outcome = new Map(result?.items.map((i) => [i.itemId, i]) ?? []);

  return (
    <div className="screen">
      <ScreenHeader title={t('scan.title')} intro={t('scan.intro')} />
      <section className="card">
        <div className="inline-form">
          <Field label={t('scan.ocr')} narrow>
            <select value={ocr} onChange={(e) => setOcr(e.target.value as Ocr)} disabled={running}>
              <option value="auto">{t('scan.ocr.auto')}</option>
              <option value="always">{t('scan.ocr.always')}</option>
              <option value="never">{t('scan.ocr.never')}</option>
            </select>
          </Field>
          {!running && <button type="button" className="btn btn-primary" onClick={() => void start()} data-testid="scan-start">{job ? t('scan.resume') : t('scan.start')}</button>}
          {running && job && <button type="button" className="btn btn-danger" data-testid="scan-cancel" onClick={() => void call('job.cancel', { jobId: job.jobId }).catch(setError)}>{t('scan.cancel')}</button>}
        </div>
        {job && (
          <div className="job" data-testid="scan-job" data-state={job.state}>
            <p className={`job-state state-${job.state}`}>{t(`common.${job.state === 'running' ? 'running' : job.state}`)}</p>
            <ErrorLine error={jobFailure(job)} testId="scan-failed" />
            {running && <ProgressBar progress={job.progress} label={t('scan.title')} />}
            {result && <p className="ok-line" data-testid="scan-summary">{t('scan.summary', { hits: result.hits ?? 0 })} <button type="button" className="btn btn-small" onClick={onReview}>{t('nav.viewer')} →</button></p>}
          </div>
        )}
      </section>
      <ErrorLine error={error ?? items.error} />
      <section className="card">
        <h2>{t('scan.items')}</h2>
        <table className="table" data-testid="scan-items">
          <thead><tr><th>#</th><th>{t('evidence.col.name')}</th><th>{t('evidence.col.type')}</th><th className="num">{t('scan.pages')}</th><th className="num">{t('scan.ocrPages')}</th><th className="num">{t('scan.hits')}</th><th>{t('scan.status')}</th></tr></thead>
          <tbody>
            {items.data?.map((i) => (
              <tr key={i.id} className={running && job?.progress?.subject?.includes(i.name) ? 'selected' : ''}>
                <td className="num">{i.id}</td><td>{i.name}</td><td>{i.mediaLabel}</td><td className="num">{pages[i.id] ?? '—'}</td>
                <td className="num">{outcome.get(i.id)?.ocrPages ?? '—'}</td>
                <td className="num">{outcome.get(i.id)?.hits ?? '—'}</td>
                <td>{outcome.get(i.id) ? <span className={outcome.get(i.id)!.status === 'ok' ? 'ok-line' : 'error-line'}>{t(`scan.state.${outcome.get(i.id)!.status}` as MessageKey)}{outcome.get(i.id)!.error ? `: ${outcome.get(i.id)!.error}` : ''}</span> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
