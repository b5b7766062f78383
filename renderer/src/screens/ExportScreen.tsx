import { useEffect, useState } from 'react';
import type { Capabilities, ExportHits, ExportResult } from '../../../shared/ipc/types';
import { call, caseFileUrl, useJob, useLoad } from '../api';
import { Checks, ErrorLine, Field, jobFailure, NotAvailable, ProgressBar, ScreenHeader } from '../components/common';
import { formatLocal, parsePageList, shortHash } from '../format';
import { useI18n } from '../i18n';
import { exportPixels, formatRect, parseRect } from '../review/crop-drag';
import { CropPicker } from '../review/CropPicker';

type Format = 'png' | 'screenshot' | 'pdf';
/** The screenshot's resolution, sent with the export so the size shown is the size written. */
const SCREENSHOT_DPI = 150;

export function ExportScreen({ caps }: { caps: Capabilities }) {
  const { t } = useI18n();
  const items = useLoad(() => call('evidence.list', {}), []);
  const history = useLoad(() => call('exports.list', {}), []);
  const [itemId, setItemId] = useState<number | null>(null);
  const [format, setFormat] = useState<Format>('png');
  const [pages, setPages] = useState('');
  // No region until one is dragged or typed: a drag on the page then draws it (inside a region, a drag moves it).
  const [region, setRegion] = useState({ page: '1', box: '' });
  const [caption, setCaption] = useState(true);
  const [label, setLabel] = useState<'none' | 'ja' | 'en'>('none');
  const [hits, setHits] = useState<ExportHits>('confirmed');
  const [ack, setAck] = useState(false);
  const summary = useLoad(() => (itemId === null ? Promise.resolve(null) : call('hits.summary', { itemId })), [itemId]);
  // Page sizes for the crop picker, only when a screenshot is being set up.
  const pageList = useLoad(() => (itemId === null || format !== 'screenshot' ? Promise.resolve(null) : call('pages.list', { itemId })), [itemId, format === 'screenshot']);
  const [job, track] = useJob('export');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { if (itemId === null && items.data?.length) setItemId(items.data[0].id); }, [items.data, itemId]);
  useEffect(() => { if (job && job.state !== 'running') history.reload(); }, [job?.state]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => setAck(false), [itemId, pages, hits, format, region.page]);

  if (!caps.export) return <div className="screen"><ScreenHeader title={t('export.title')} intro={t('export.intro')} /><NotAvailable piece="main/redact: export" /></div>;

  // Pending hits on the pages this export shows: with "confirmed only" they stay readable in the output.
  const chosen = format === 'screenshot' ? [Math.max(0, Number(region.page) - 1)] : parsePageList(pages);
  const chosenSet = chosen && chosen.length ? new Set(chosen) : null;
  // Counts of the item chosen now (a reply for the previous item is not used).
  const sum = summary.data && summary.data.itemId === itemId ? summary.data : null;
  const pendingPages = (sum?.pages ?? []).filter((p) => p.pending > 0 && (!chosenSet || chosenSet.has(p.page)));
  const pending = hits === 'confirmed' ? pendingPages.reduce((n, p) => n + p.pending, 0) : 0;
  const pagesText = (ps: number[]) => ps.slice(0, 12).map((p) => p + 1).join(', ') + (ps.length > 12 ? ', …' : '');
  const cropBox = parseRect(region.box);
  const cropPx = cropBox && exportPixels(cropBox, SCREENSHOT_DPI);
  const cropPage = pageList.data && pageList.data.itemId === itemId ? pageList.data.pages[Number(region.page) - 1] : undefined;

  const run = async () => {
    setError(null);
    if (itemId === null) return;
    const list = parsePageList(pages);
    if (list === null) { setError(new Error(`${t('export.pages')}: ${pages}`)); return; }
    let crop: { page: number; box: [number, number, number, number] } | undefined;
    if (format === 'screenshot') {
      if (!cropBox) { setError(new Error(`${t('export.region')}: ${region.box}`)); return; }
      crop = { page: Math.max(0, Number(region.page) - 1), box: cropBox };
    }
    try {
      const r = await call('export.start', { itemId, format, pages: list.length ? list : undefined, crop, caption: format === 'screenshot' ? caption : undefined, label,
        dpi: format === 'screenshot' ? SCREENSHOT_DPI : undefined,
        hits, acceptPending: pending > 0 ? ack : undefined });
      track(r.jobId);
    } catch (err) {
      setError(err);
    }
  };
  const result = job?.state === 'done' ? (job.result as ExportResult) : null;

  return (
    <div className="screen">
      <ScreenHeader title={t('export.title')} intro={t('export.intro')} />
      <section className="card">
        <div className="field-row">
          <Field label={t('common.item')}>
            <select value={itemId ?? ''} onChange={(e) => setItemId(Number(e.target.value))} data-testid="export-item">
              {items.data?.map((i) => <option key={i.id} value={i.id}>#{i.id} {i.name}</option>)}
            </select>
          </Field>
          <Field label={t('export.format')}>
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="export-format">
              <option value="png">{t('export.format.png')}</option>
              <option value="screenshot">{t('export.format.screenshot')}</option>
              <option value="pdf">{t('export.format.pdf')}</option>
            </select>
          </Field>
          <Field label={t('export.label')}>
            <select value={label} onChange={(e) => setLabel(e.target.value as typeof label)} data-testid="export-label">
              <option value="none">{t('export.label.none')}</option>
              <option value="ja">{t('export.label.ja')}</option>
              <option value="en">{t('export.label.en')}</option>
            </select>
          </Field>
        </div>
        {format !== 'screenshot' && <Field label={t('export.pages')}><input type="text" value={pages} onChange={(e) => setPages(e.target.value)} data-testid="export-pages" /></Field>}
        {format === 'screenshot' && (
          <div className="field-row">
            <Field label={t('common.page')}><input type="number" min={1} value={region.page} onChange={(e) => setRegion({ ...region, page: e.target.value })} data-testid="export-crop-page" /></Field>
            <Field label={t('export.region')}><input type="text" value={region.box} onChange={(e) => setRegion({ ...region, box: e.target.value })} data-testid="export-crop-box" /></Field>
            <label className="inline-label"><input type="checkbox" checked={caption} onChange={(e) => setCaption(e.target.checked)} data-testid="export-caption" /> {t('export.caption')}</label>
          </div>
        )}
        {format === 'screenshot' && (
          <>
            <p className={cropPx ? 'muted' : 'notice notice-warn'} data-testid="export-crop-size">{cropPx
              ? t('export.cropSize', { w: cropPx.width, h: cropPx.height, dpi: SCREENSHOT_DPI }) : t('export.cropNone')}</p>
            {itemId !== null && cropPage && <CropPicker itemId={itemId} page={cropPage} box={cropBox} onBox={(b) => setRegion((r) => ({ ...r, box: formatRect(b) }))} />}
          </>
        )}
        <fieldset className="radio-group">
          <legend className="field-label">{t('export.hits')}</legend>
          {(['confirmed', 'not-dismissed'] as const).map((h) => (
            <label key={h} className="inline-label"><input type="radio" name="export-hits" value={h} checked={hits === h} onChange={() => setHits(h)} data-testid={`export-hits-${h}`} /> {t(`export.hits.${h}`)}</label>
          ))}
        </fieldset>
        {sum && (pending > 0 ? (
          <div className="notice notice-warn" data-testid="export-pending" data-pending={pending}>
            <p className="warn-strong">{t('export.pending', { n: pending, pages: pagesText(pendingPages.map((p) => p.page)) })}</p>
            <label className="inline-label ack"><input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="export-ack" /> {t('export.ack', { n: pending })}</label>
          </div>
        ) : <p className="muted" data-testid="export-pending" data-pending={0}>{t('export.noPending')}</p>)}
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={job?.state === 'running' || itemId === null || !sum || (pending > 0 && !ack) || (format === 'screenshot' && !cropBox)} onClick={() => void run()} data-testid="export-run">{t('export.run')}</button>
        </div>
        {job?.state === 'running' && <ProgressBar progress={job.progress} label={t('export.title')} />}
        <ErrorLine error={jobFailure(job)} testId="export-refused" className="notice notice-danger" />
      </section>
      <ErrorLine error={error} />
      {result && (
        <section className="card" data-testid="export-result">
          {result.verification.ok
            ? <p className="notice notice-ok">✓ {t(result.left.pending > 0 ? 'export.verifiedOf' : 'export.verified')}</p>
            : <p className="notice notice-danger">✕ {t('export.refused', { why: result.verification.failure ?? '' })}</p>}
          <p data-testid="export-regions">{t('export.regions', { n: result.regionCount, choice: t(`export.hits.${result.hitsChoice}`) })}</p>
          <p className={result.left.pending > 0 ? 'notice notice-warn' : 'muted'} data-testid="export-left" data-pending={result.left.pending}>
            {t('export.left', { pending: result.left.pending, dismissed: result.left.dismissed })}
            {result.left.pendingPages.length > 0 && <> {t('export.leftPendingPages', { pages: pagesText(result.left.pendingPages) })}</>}
          </p>
          <Checks checks={result.verification.checks} />
          <h2>{t('export.outputs')}</h2>
          <div className="export-outputs">
            {result.outputs.map((o) => (
              <figure key={o.path} className="export-output">
                {/\.png$/i.test(o.name) && <img src={caseFileUrl(o.path)} alt={o.name} />}
                <figcaption><strong translate="no">{o.name}</strong><br /><code title={o.sha256} data-testid="export-output-sha256">{shortHash(o.sha256, 24)}</code></figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      {history.data && history.data.length > 0 && (
        <section className="card">
          <h2>{t('export.history')}</h2>
          <table className="table compact">
            <tbody>{history.data.map((x) => <tr key={x.id}><td><code>{x.kind}</code></td><td className="wrap"><code>{x.path}</code></td><td><code>{shortHash(x.sha256, 16)}</code></td><td>{x.verified ? '✓' : '✕'}</td><td className="nowrap" title={x.createdAt}>{formatLocal(x.createdAt)}</td></tr>)}</tbody>
          </table>
        </section>
      )}
    </div>
  );
}
