import { useState, type DragEvent } from 'react';
import type { EvidenceRow } from '../../../shared/ipc/types';
import { call, useLoad, useShokoEvents } from '../api';
import { CopyButton, ErrorLine, Field, ScreenHeader } from '../components/common';
import { formatBytes, formatLocal } from '../format';
import { mediaLabelOf } from '../kind-label';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

export function EvidenceScreen() {
  const { t } = useI18n();
  const list = useLoad(() => call('evidence.list', {}), []);
  useShokoEvents((e) => { if (e.type === 'case-changed' && e.what === 'evidence') list.reload(); });
  const [selected, setSelected] = useState<number | null>(null);
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState(false);

  const add = async (files: string[], folder?: string | null) => {
    if (files.length === 0 && !folder) return;
    setBusy(true); setError(null); setMessage('');
    try {
      const meta = { source: source || undefined, note: note || undefined };
      const r = folder ? await call('evidence.addScreenshots', { folder, ...meta }) : await call('evidence.add', { files, ...meta });
      setMessage(t('evidence.addedN', { n: r.filter((x) => x.added).length }) +
        r.filter((x) => !x.added).map((x) => ` #${x.id}: ${t('evidence.again')}.`).join(''));
      if (r.length) setSelected(r[r.length - 1].id);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    // Only the shell knows a dropped File's path (Electron's webUtils); text or links dropped from a
    // browser have none and are refused with a message instead of silently ignored.
    const files = [...e.dataTransfer.files];
    const paths = files.map((f) => window.shoko.pathForFile(f)).filter(Boolean);
    if (paths.length === 0) { setMessage(''); setError(new Error(t('evidence.dropNoPath'))); return; }
    void add(paths);
  };

  const rows = list.data ?? [];
  const current = rows.find((r) => r.id === selected) ?? null;

  return (
    <div className="screen">
      <ScreenHeader title={t('evidence.title')}>
        <button type="button" className="btn btn-primary" disabled={busy} data-testid="add-evidence"
          onClick={() => { void call('dialog.openFiles', { purpose: 'evidence' }).then((f) => add(f)); }}>{t('evidence.add')}</button>
        <button type="button" className="btn" disabled={busy} data-testid="add-screenshots"
          onClick={() => { void call('dialog.openFolder', { purpose: 'screenshots' }).then((d) => add([], d)); }}>{t('evidence.addScreenshots')}</button>
      </ScreenHeader>
      <div className={`dropzone${dragging ? ' dragging' : ''}`} data-testid="evidence-dropzone" data-dragging={dragging || undefined}
        onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; setDragging(true); }}
        onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <p>{busy ? t('evidence.adding') : t('evidence.drop')}</p>
        <div className="field-row">
          <Field label={t('evidence.source')}><input type="text" value={source} onChange={(e) => setSource(e.target.value)} /></Field>
          <Field label={t('evidence.note')}><input type="text" value={note} onChange={(e) => setNote(e.target.value)} /></Field>
        </div>
      </div>
      <ErrorLine error={error ?? list.error} />
      {message && <p className="ok-line" role="status">{message}</p>}
      {rows.length === 0 ? <p className="muted empty">{t('evidence.empty')}</p> : (
        <div className="table-wrap">
          <table className="table" data-testid="evidence-table">
            <thead>
              <tr>
                <th>#</th><th>{t('evidence.col.name')}</th><th>{t('evidence.col.type')}</th><th className="num">{t('evidence.col.size')}</th>
                <th>{t('evidence.col.sha256')}</th><th>{t('evidence.col.source')}</th><th>{t('evidence.col.acquired')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.id === selected ? 'selected' : ''} onClick={() => setSelected(r.id)}>
                  <td className="num">{r.id}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(r.id)} translate="no" data-testid="evidence-name">{r.name}</button>
                    <Warnings row={r} compact />
                  </td>
                  <td>{mediaLabelOf(t, r)}</td>
                  <td className="num">{formatBytes(r.size)}</td>
                  <td className="hash-cell"><code title={r.sha256}>{r.sha256.slice(0, 16)}…</code> <CopyButton text={r.sha256} label={t('evidence.copySha', { id: r.id })} /></td>
                  <td translate="no">{r.acquisitions[0]?.source ?? '—'}</td>
                  <td className="nowrap">{r.acquisitions[0] ? <AcquiredAt a={r.acquisitions[0]} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current && <EvidenceDetails row={current} />}
    </div>
  );
}

function Warnings({ row, compact }: { row: EvidenceRow; compact?: boolean }) {
  const { t } = useI18n();
  const list: { cls: string; label: string; text: string; detail?: string }[] = [];
  if (row.protection) list.push({ cls: 'badge-danger', label: 'DRM', text: t('evidence.drm') });
  else if (!row.supported) list.push({ cls: 'badge-warn', label: '!', text: t('evidence.unsupported') });
  if (row.extensionMismatch) list.push({ cls: 'badge-warn', label: t('evidence.extBadge'), text: t('evidence.mismatch') });
  // The engine's reason is English: shown beneath the sentence as its detail, not inside it.
  if (row.readStatus === 'partial') list.push({ cls: 'badge-warn', label: t('scan.state.partial'), text: t('evidence.partial'), detail: row.partialReason ?? undefined });
  // Reader notes (a vertical book laid out horizontally, records skipped…): said per item, by code.
  (row.readNotes ?? []).forEach((n, i) => {
    const key = `readNote.${n.code}` as MessageKey;
    const known = t(key) !== key;
    list.push({ cls: n.partial ? 'badge-warn' : '', label: `${t('evidence.readNote')} ${i + 1}`, text: known ? t(key) : t('evidence.readNote'), detail: known ? undefined : n.detail });
  });
  if (compact) return <>{list.map((w) => <span key={w.label} className={`badge ${w.cls}`} title={w.text}>{w.label}</span>)}</>;
  return <>{list.map((w) => (
    <div key={w.label} className={`notice ${w.cls === 'badge-danger' ? 'notice-danger' : 'notice-warn'}`}>
      <p>{w.text}</p>
      {w.detail && <p className="error-detail" lang="en"><span className="visually-hidden">{t('scan.detail')}: </span><code>{w.detail}</code></p>}
    </div>
  ))}</>;
}

function EvidenceDetails({ row }: { row: EvidenceRow }) {
  const { t } = useI18n();
  const meta = useLoad(() => call('evidence.metadata', { itemId: row.id }), [row.id]);
  return (
    <section className="card details" aria-label={t('evidence.details')} data-testid="evidence-details">
      <h2 translate="no">{row.name}</h2>
      <Warnings row={row} />
      <dl className="kv">
        <dt>{t('evidence.col.type')}</dt><dd>{mediaLabelOf(t, row)} <code className="muted">{row.mediaType}</code></dd>
        <dt>{t('evidence.col.size')}</dt><dd>{t('evidence.bytes', { n: row.size.toLocaleString() })} ({formatBytes(row.size)})</dd>
        <dt>SHA-256</dt><dd><code>{row.sha256}</code> <CopyButton text={row.sha256} /></dd>
        <dt>SHA-1</dt><dd><code>{row.sha1}</code></dd>
        <dt>MD5</dt><dd><code>{row.md5}</code></dd>
      </dl>
      <h3>{t('evidence.acquisitions')}</h3>
      <ul className="plain">
        {row.acquisitions.map((a, i) => (
          <li key={i}><span className="nowrap"><AcquiredAt a={a} /></span> — <code>{a.originalPath}</code><span translate="no">{a.source ? ` — ${a.source}` : ''}{a.collector ? ` — ${a.collector}` : ''}{a.note ? ` — ${a.note}` : ''}</span></li>
        ))}
      </ul>
      <h3>{t('evidence.metadata')}</h3>
      {meta.data && (meta.data.fields.length > 0 ? (
        <dl className="kv" data-testid="evidence-metadata">{meta.data.fields.map((f, i) => <FragmentKV key={i} k={f.key} v={f.value} />)}</dl>
      ) : null)}
      {meta.data && !meta.data.available && <p className="muted">{t('evidence.notScannedMeta')}</p>}
      <ErrorLine error={meta.error} />
    </section>
  );
}

/** A metadata line: the key in the UI's language; the value is the file's own data (or the engine's English for errors). */
function FragmentKV({ k, v }: { k: string; v: string }) {
  const { t } = useI18n();
  const key = `meta.${k}` as MessageKey;
  const label = t(key) === key ? k : t(key);
  if (k === 'status') return <><dt>{label}</dt><dd>{t(`scan.state.${v}` as MessageKey)}</dd></>;
  if (k === 'XMP') return <><dt>{label}</dt><dd>{t('meta.xmpChars', { n: v })}</dd></>;
  if (k === 'error' || k === 'warnings') return <><dt>{label}</dt><dd className="wrap error-detail" lang="en"><code>{v}</code></dd></>;
  if (k === 'format') return <><dt>{label}</dt><dd><code>{v}</code></dd></>;
  return <><dt translate={label === k ? 'no' : undefined}>{label}</dt><dd className="wrap" translate="no">{v}</dd></>;
}

/** When a file was acquired, in the viewer's zone (JST in Japan) with the zone named; UTC and the recorded local time on hover. */
function AcquiredAt({ a }: { a: { acquiredAt: string; acquiredLocal: string } }) {
  const { t } = useI18n();
  return <span title={`${a.acquiredAt} · ${t('evidence.recordedAs', { local: a.acquiredLocal })}`}>{formatLocal(a.acquiredAt)}</span>;
}
