import { useEffect, useState } from 'react';
import type { Capabilities, ScanSummary } from '../../../shared/ipc/types';
import { pageList } from '../../../shared/model/page';
import { call, useJob, useLoad } from '../api';
import { ErrorLine, jobFailure, Field, NotAvailable, ProgressBar, ScreenHeader } from '../components/common';
import { useI18n, type MessageKey } from '../i18n';
import { labelOf, mediaLabelOf } from '../kind-label';

type Ocr = 'auto' | 'always' | 'never';

export function ScanScreen({ caps, onReview }: { caps: Capabilities; onReview: () => void }) {
  const { t } = useI18n();
  const items = useLoad(() => call('evidence.list', {}), []);
  const [ocr, setOcr] = useState<Ocr>('auto');
  const [job, track] = useJob('scan');
  const [error, setError] = useState<unknown>(null);
  // Per item: its page count, or its read status (a code), or the engine's error when pages cannot be listed.
  const [pages, setPages] = useState<Record<number, { count?: number; status?: string; error?: string }>>({});
  const running = job?.state === 'running';

  useEffect(() => {
    if (!caps.documents || !items.data || running) return;
    let live = true;
    void Promise.all(items.data.map(async (i) => {
      try {
        const p = await call('pages.list', { itemId: i.id });
        return [i.id, p.status === 'ok' ? { count: p.pageCount } : { status: p.status }] as const;
      } catch (err) {
        return [i.id, { error: err instanceof Error ? err.message : String(err) }] as const;
      }
    })).then((r) => live && setPages(Object.fromEntries(r)));
    return () => { live = false; };
  }, [items.data, running, caps.documents]);

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
            {result?.notSure?.map((u) => (
              <p key={`${u.itemId}:${u.field}`} className="notice notice-warn" role="alert" data-testid="scan-not-sure">
                {t('scan.notSure', { item: u.itemId, field: labelOf(t, 'kind', u.field), n: u.records - u.located, records: u.records, pages: pageList(u.pages) })}
              </p>
            ))}
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
              <tr key={i.id} className={running && job?.progress?.item?.id === i.id ? 'selected' : ''}>
                <td className="num">{i.id}</td><td translate="no">{i.name}</td><td>{mediaLabelOf(t, i)}</td>
                <td className="num">{pages[i.id]?.count ?? (pages[i.id]?.status ? t(`scan.state.${pages[i.id].status}` as MessageKey) : pages[i.id]?.error ? <span className="error-detail" lang="en" title={pages[i.id].error}>{t('scan.state.failed')}</span> : '—')}</td>
                <td className="num">{outcome.get(i.id)?.ocrPages ?? '—'}</td>
                <td className="num">{outcome.get(i.id)?.hits ?? '—'}</td>
                <td>{outcome.get(i.id) ? <ItemOutcome status={outcome.get(i.id)!.status} error={outcome.get(i.id)!.error} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** An item's scan outcome in the UI's language; the engine's English reason beneath it as its detail. */
function ItemOutcome({ status, error }: { status: string; error?: string | null }) {
  const { t } = useI18n();
  return (
    <span className={status === 'ok' ? 'ok-line' : 'error-line'} data-testid="scan-item-status" data-status={status}>
      {t(`scan.state.${status}` as MessageKey)}
      {error && <span className="error-detail" lang="en"><span className="visually-hidden">{t('scan.detail')}: </span><code>{error}</code></span>}
    </span>
  );
}
