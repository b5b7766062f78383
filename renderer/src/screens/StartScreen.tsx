import { useState } from 'react';
import type { CaseSummary } from '../../../shared/ipc/types';
import { call, useLoad } from '../api';
import { ErrorLine, Field, PathInput } from '../components/common';
import { formatLocal } from '../format';
import { useI18n } from '../i18n';

export function StartScreen({ onOpened }: { onOpened: (c: CaseSummary) => void }) {
  const { t } = useI18n();
  const recent = useLoad(() => call('case.recent', {}), []);
  const [form, setForm] = useState({ dir: '', name: '', caseNumber: '', examiner: '', organization: '' });
  const [openDir, setOpenDir] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const run = async (p: Promise<CaseSummary>) => {
    setBusy(true);
    setError(null);
    try {
      onOpened(await p);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="start">
      <section className="start-hero">
        <div className="hero-mark" aria-hidden="true">証</div>
        <div>
          <h1>{t('app.title')}</h1>
          <p className="intro">{t('app.tagline')}</p>
        </div>
      </section>
      <ErrorLine error={error} />
      <div className="start-grid">
        <section className="card" aria-labelledby="new-case">
          <h2 id="new-case">{t('start.new')}</h2>
          <form onSubmit={(e) => { e.preventDefault(); void run(call('case.create', form)); }}>
            <PathInput label={t('start.folder')} value={form.dir} onChange={set('dir')} testId="new-case-dir"
              onChoose={() => call('dialog.openFolder', { purpose: 'new-case' })} />
            <Field label={t('start.name')}>
              <input type="text" required value={form.name} onChange={(e) => set('name')(e.target.value)} data-testid="new-case-name" />
            </Field>
            <div className="field-row">
              <Field label={t('start.caseNumber')}>
                <input type="text" value={form.caseNumber} onChange={(e) => set('caseNumber')(e.target.value)} data-testid="new-case-number" />
              </Field>
              <Field label={t('start.examiner')}>
                <input type="text" value={form.examiner} onChange={(e) => set('examiner')(e.target.value)} data-testid="new-case-examiner" />
              </Field>
            </div>
            <Field label={t('start.organization')}>
              <input type="text" value={form.organization} onChange={(e) => set('organization')(e.target.value)} data-testid="new-case-org" />
            </Field>
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !form.dir || !form.name.trim()} data-testid="create-case">{t('start.create')}</button>
            </div>
          </form>
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="open-case">
            <h2 id="open-case">{t('start.open')}</h2>
            <form onSubmit={(e) => { e.preventDefault(); void run(call('case.open', { dir: openDir })); }}>
              <PathInput label={t('start.existingFolder')} value={openDir} onChange={setOpenDir}
                onChoose={() => call('dialog.openFolder', { purpose: 'open-case' })} />
              <div className="actions">
                <button type="submit" className="btn" disabled={busy || !openDir}>{t('start.openButton')}</button>
              </div>
            </form>
          </section>
          <section className="card" aria-labelledby="recent">
            <h2 id="recent">{t('start.recent')}</h2>
            {recent.data && recent.data.length === 0 && <p className="muted">{t('start.noRecent')}</p>}
            <ul className="recent-list">
              {recent.data?.map((r) => (
                <li key={r.dir}>
                  <button type="button" className="recent-item" disabled={!r.exists || busy} onClick={() => void run(call('case.open', { dir: r.dir }))}>
                    <span className="recent-name" translate="no">{r.name}</span>
                    <span className="muted recent-dir" translate="no">{r.dir}</span>
                    <span className="muted" title={r.openedAt}>{r.exists ? t('start.openedAt', { at: formatLocal(r.openedAt) }) : t('start.missing')}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
