import { useState } from 'react';
import { ENCODINGS, LEAK_FIELDS } from '../../../shared/ipc/vocabulary';
import type { Capabilities, LeakPreview, LeakSetView } from '../../../shared/ipc/types';
import { call, useLoad } from '../api';
import { ErrorLine, Field, NotAvailable, PathInput, ScreenHeader } from '../components/common';
import { formatLocal, shortHash } from '../format';
import { useI18n, type MessageKey } from '../i18n';

type Encoding = (typeof ENCODINGS)[number];

const ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS (CP932)', 'euc-jp': 'EUC-JP', xlsx: 'XLSX' };
const encodingLabel = (e: string) => ENCODING_LABELS[e] ?? e;

export function LeakImportScreen({ caps }: { caps: Capabilities }) {
  const { t } = useI18n();
  const sets = useLoad(() => call('leaks.list', {}), []);
  const [file, setFile] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [preview, setPreview] = useState<LeakPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [keyColumn, setKeyColumn] = useState<string | null>(null);
  const [result, setResult] = useState<LeakSetView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!caps.leaks) return <div className="screen"><ScreenHeader title={t('leaks.title')} intro={t('leaks.intro')} /><NotAvailable piece="main/detect: leak list import" /></div>;

  const read = async (enc: Encoding) => {
    setBusy(true); setError(null); setResult(null);
    try {
      const p = await call('leaks.preview', { file, encoding: enc });
      setPreview(p);
      setMapping(p.mapping);
      setKeyColumn(p.keyColumn);
    } catch (err) {
      setError(err);
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const doImport = async () => {
    if (!preview) return;
    setBusy(true); setError(null);
    try {
      const enc = (encoding === 'auto' ? preview.encoding : encoding) as Encoding;
      const mapped = Object.fromEntries(Object.entries(mapping).filter(([, c]) => c));
      setResult(await call('leaks.import', { file, encoding: ENCODINGS.includes(enc) ? enc : 'auto', mapping: mapped, keyColumn }));
      sets.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const step = result ? 3 : preview ? 2 : 1;
  return (
    <div className="screen">
      <ScreenHeader title={t('leaks.title')} intro={t('leaks.intro')} />
      <ol className="steps" aria-label={t('leaks.steps')}>
        {(['leaks.step.file', 'leaks.step.mapping', 'leaks.step.confirm'] as MessageKey[]).map((k, i) => (
          <li key={k} className={i + 1 === step ? 'current' : i + 1 < step ? 'past' : ''} aria-current={i + 1 === step ? 'step' : undefined}>{t(k)}</li>
        ))}
      </ol>
      <section className="card">
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void read(encoding); }}>
          <PathInput label={t('leaks.file')} value={file} onChange={setFile} testId="leak-file"
            onChoose={async () => (await call('dialog.openFiles', { purpose: 'leaks' }))[0] ?? null} />
          <Field label={t('leaks.encoding')} narrow>
            <select value={encoding} data-testid="leak-encoding" onChange={(e) => { const v = e.target.value as Encoding; setEncoding(v); if (preview) void read(v); }}>
              {ENCODINGS.map((x) => <option key={x} value={x}>{x === 'auto' ? t('leaks.encoding.auto') : encodingLabel(x)}</option>)}
            </select>
          </Field>
          <button type="submit" className="btn" disabled={busy || !file} data-testid="leak-read">{t('leaks.read')}</button>
        </form>
        {preview && <p className="muted" data-testid="leak-detected">{t('leaks.detected', { enc: encodingLabel(preview.detectedEncoding) })} · SHA-256 <code>{shortHash(preview.sha256, 16)}</code> · {t('leaks.rows', { n: preview.rowCount })}</p>}
        {/* The reasons are the reader's English, beneath the sentence as its detail. */}
        {preview && preview.badRows.length > 0 && (
          <div className="notice notice-warn">
            <p>{t('leaks.badRows', { n: preview.badRows.length })}</p>
            <p className="error-detail" lang="en"><code>{preview.badRows.slice(0, 5).map((b) => `${b.line}: ${b.reason}`).join('; ')}</code></p>
          </div>
        )}
      </section>
      <ErrorLine error={error} />
      {preview && (
        <div className="two-col">
          <section className="card" aria-labelledby="mapping-h">
            <h2 id="mapping-h">{t('leaks.mapping')}</h2>
            <table className="table compact">
              <thead><tr><th>{t('leaks.field')}</th><th>{t('leaks.column')}</th></tr></thead>
              <tbody>
                {LEAK_FIELDS.map((f) => (
                  <tr key={f}>
                    <td>{t(`leaks.field.${f}` as MessageKey)}</td>
                    <td>
                      <select value={mapping[f] ?? ''} aria-label={t(`leaks.field.${f}` as MessageKey)} data-testid={`map-${f}`}
                        onChange={(e) => setMapping((m) => ({ ...m, [f]: e.target.value }))}>
                        <option value="">{t('leaks.unmapped')}</option>
                        {preview.columns.map((c) => <option key={c} value={c} translate="no">{c}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Field label={t('leaks.key')}>
              <select value={keyColumn ?? ''} onChange={(e) => setKeyColumn(e.target.value || null)} data-testid="leak-key">
                <option value="">{t('leaks.keyRow')}</option>
                {preview.columns.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <div className="actions">
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void doImport()} data-testid="leak-import">{t('leaks.import')}</button>
            </div>
          </section>
          <section className="card" aria-labelledby="preview-h">
            <h2 id="preview-h">{t('leaks.preview')}</h2>
            <div className="table-wrap">
              <table className="table compact" data-testid="leak-preview">
                <thead><tr>{preview.columns.map((c) => <th key={c}><span translate="no">{c}</span>{Object.entries(mapping).filter(([, col]) => col === c).map(([f]) => <span key={f} className="tag">{t(`leaks.field.${f}` as MessageKey)}</span>)}</th>)}</tr></thead>
                <tbody translate="no">{preview.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j} className="nowrap">{v}</td>)}</tr>)}</tbody>
              </table>
            </div>
          </section>
        </div>
      )}
      {result && <p className="ok-line" role="status" data-testid="leak-result">{t('leaks.imported', { n: result.records, file: result.fileName })}</p>}
      {sets.data && sets.data.length > 0 && (
        <section className="card">
          <h2>{t('leaks.sets')}</h2>
          <table className="table compact" data-testid="leak-sets">
            <thead><tr><th>{t('leaks.col.file')}</th><th className="num">{t('leaks.col.records')}</th><th>{t('leaks.col.sha256')}</th><th>{t('leaks.col.imported')}</th></tr></thead>
            <tbody>{sets.data.map((s) => <tr key={s.id}><td translate="no">{s.fileName}</td><td className="num">{s.records}</td><td><code title={s.sha256}>{shortHash(s.sha256, 16)}</code></td><td className="nowrap" title={s.importedAt}>{formatLocal(s.importedAt)}</td></tr>)}</tbody>
          </table>
        </section>
      )}
    </div>
  );
}
