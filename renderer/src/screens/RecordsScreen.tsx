import { useMemo, useState } from 'react';
import type { FileWritten, RecordRow } from '../../../shared/ipc/types';
import { call, useLoad, useShokoEvents } from '../api';
import { ErrorLine, ScreenHeader } from '../components/common';
import { VirtualList } from '../components/VirtualList';
import { shortHash } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { labelOf } from '../kind-label';
import type { ReviewTarget } from './ViewerScreen';

type Show = 'all' | 'found' | 'notFound' | 'pending';
type Sort = 'list' | 'hits' | 'page';

const SHOWS: Record<Show, (r: RecordRow) => boolean> = {
  all: () => true, found: (r) => r.found, notFound: (r) => !r.found, pending: (r) => r.pending > 0,
};

/** Every record of the leaked list by key: found or not, where, which fields, decided or not; CSV and XLSX for the lawyer. */
export function RecordsScreen({ onOpen }: { onOpen: (t: ReviewTarget) => void }) {
  const { t } = useI18n();
  const data = useLoad(() => call('records.list', {}), []);
  useShokoEvents((e) => { if (e.type === 'case-changed' && (e.what === 'hits' || e.what === 'custody')) data.reload(); });
  const [search, setSearch] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [sort, setSort] = useState<Sort>('list');
  const [written, setWritten] = useState<(FileWritten & { format: 'csv' | 'xlsx' }) | null>(null);
  const [writing, setWriting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = (data.data?.records ?? []).filter((r) => SHOWS[show](r) && (!q || r.key.toLowerCase().includes(q)));
    if (sort === 'hits') list.sort((a, b) => b.hits - a.hits);
    if (sort === 'page') list.sort((a, b) => (a.firstItem ?? Infinity) - (b.firstItem ?? Infinity) || (a.firstPage ?? Infinity) - (b.firstPage ?? Infinity));
    return list;
  }, [data.data, search, show, sort]);

  return (
    <div className="screen screen-fill">
      <ScreenHeader title={t('records.title')} intro={t('records.intro')}>
        {(['csv', 'xlsx'] as const).map((format) => (
          <button key={format} type="button" className="btn" disabled={writing} data-testid={`records-${format}`} onClick={() => {
            setError(null);
            setWriting(true);
            void call(format === 'csv' ? 'records.exportCsv' : 'records.exportXlsx', {})
              .then((f) => setWritten({ ...f, format }), setError).finally(() => setWriting(false));
          }}>{t(`records.${format}`)}</button>
        ))}
      </ScreenHeader>
      <ErrorLine error={error ?? data.error} />
      {written && <p className="notice notice-ok" data-testid={`records-${written.format}-done`}>{t('records.csvDone', { rows: written.rows })} <code>{written.path}</code> SHA-256 <code title={written.sha256}>{shortHash(written.sha256, 16)}</code></p>}
      <div className="inline-form">
        <label className="inline-label">{t('records.search')}<input type="text" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="records-search" /></label>
        <label className="inline-label">{t('records.filter')}
          <select value={show} onChange={(e) => setShow(e.target.value as Show)} data-testid="records-filter">
            {(Object.keys(SHOWS) as Show[]).map((s) => <option key={s} value={s}>{t(`records.filter.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="inline-label">{t('records.sort')}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} data-testid="records-sort">
            {(['list', 'hits', 'page'] as const).map((s) => <option key={s} value={s}>{t(`records.sort.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        {data.data && <span className="muted" data-testid="records-count">{t('records.count', { shown: rows.length, total: data.data.total, found: data.data.found })}</span>}
      </div>
      <div className="records-table" role="table" aria-label={t('records.title')} data-testid="records-table">
        <div className="records-row records-head" role="row">
          {(['key', 'found', 'status', 'hits', 'fields', 'where'] as const).map((c) => <span key={c} role="columnheader">{t(`records.col.${c}` as MessageKey)}</span>)}
        </div>
        <VirtualList count={rows.length} rowHeight={34} className="records-body" renderRow={(i) => {
          const r = rows[i];
          return (
            <div className={`records-row status-${r.status}`} role="row" data-testid="record-row">
              <span role="cell"><code>{r.key}</code></span>
              <span role="cell">{r.found ? <strong className="ok-line">{t('records.yes')}</strong> : <span className="muted">{t('records.no')}</span>}</span>
              <span role="cell">{t(`records.status.${r.status}` as MessageKey)}</span>
              <span role="cell" className="num">{r.hits}</span>
              <span role="cell" className="ellipsis">{r.fields.map((f) => labelOf(t, 'kind', f)).join('・')}</span>
              <span role="cell">{r.firstItem !== null && r.firstPage !== null
                ? <button type="button" className="link-button" onClick={() => onOpen({ itemId: r.firstItem!, page: r.firstPage!, recordKey: r.key })} data-testid="record-open">
                    {t('records.where', { item: r.firstItem, page: r.firstPage + 1, n: r.pageCount })}</button>
                : '—'}</span>
            </div>
          );
        }} />
      </div>
    </div>
  );
}
