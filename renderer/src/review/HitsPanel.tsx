import type { HitStatus, HitsSummary } from '../../../shared/ipc/types';
import { VirtualList } from '../components/VirtualList';
import { useI18n, type MessageKey } from '../i18n';
import { labelOf } from '../kind-label';
import { kindColor } from '../viewer-geometry';
import { maskValue } from './mask';
import type { Place } from './places';

const ROW = 76;

export type Scope = 'page' | 'document';

/** What one bulk button does: the engine selector and the label's count. */
export interface BulkAction {
  id: string;
  label: string;
  status: HitStatus;
  run: () => void;
  disabled?: boolean;
}

/**
 * The right-hand panel: this page's places (one row per place, hits merged, reasons listed) or the
 * document's pages with their counts; bulk decisions and undo. Rows are virtual: only those in view exist.
 */
export function HitsPanel(p: {
  scope: Scope; onScope: (s: Scope) => void;
  places: Place[]; pageTotal: number; selected: number | null; checked: Set<number>;
  onSelect: (key: number) => void; onCheck: (key: number, on: boolean) => void;
  onDecide: (pl: Place, s: HitStatus) => void;
  statusFilter: 'all' | HitStatus; kindFilter: string; kinds: string[];
  onStatusFilter: (s: 'all' | HitStatus) => void; onKindFilter: (k: string) => void;
  summary: HitsSummary | null; pageIdx: number; onGoPage: (page: number) => void;
  bulk: BulkAction[]; canUndo: boolean; canRedo: boolean; onUndo: () => void; onRedo: () => void;
  notice: string; mask: boolean; showKeys: boolean;
}) {
  const { t } = useI18n();
  const s = p.summary;
  const pageCounts = s?.pages.find((x) => x.page === p.pageIdx);
  const selIndex = p.places.findIndex((pl) => pl.key === p.selected);
  return (
    <aside className="hits-panel" aria-label={t('viewer.hits')} data-testid="hits-panel">
      <div className="hits-head">
        <div className="hits-title">
          <h2>{t('viewer.hits')}</h2>
          <div className="segmented" role="group" aria-label={t('viewer.scope')}>
            {(['page', 'document'] as const).map((sc) => (
              <button key={sc} type="button" className={`btn btn-small${p.scope === sc ? ' btn-primary' : ''}`} aria-pressed={p.scope === sc}
                onClick={() => p.onScope(sc)} data-testid={`scope-${sc}`}>{t(`viewer.scope.${sc}` as MessageKey)}</button>
            ))}
          </div>
        </div>
        {s && (
          <p className="muted small" data-testid="records-summary">
            <span data-testid="records-item">{t('viewer.summaryItem', { n: s.recordsInItem })}</span>
            {' · '}
            <span data-testid="records-case">{t('viewer.summary', { present: s.recordsPresent, total: s.recordsInList })}</span>
          </p>
        )}
        {s && <p className="small" data-testid="doc-totals">{t('viewer.docTotals', { ...s.totals })}</p>}
        {p.scope === 'page' && (
          <>
            <p className="small" data-testid="page-counts">{t('viewer.pageCounts', { page: p.pageIdx + 1, pending: pageCounts?.pending ?? 0, confirmed: pageCounts?.confirmed ?? 0, dismissed: pageCounts?.dismissed ?? 0 })}</p>
            <div className="field-row compact-row">
              <label className="inline-label">{t('viewer.filter.status')}
                <select value={p.statusFilter} onChange={(e) => p.onStatusFilter(e.target.value as 'all' | HitStatus)} data-testid="filter-status">
                  <option value="all">{t('viewer.filter.all')}</option>
                  {(['pending', 'confirmed', 'dismissed'] as const).map((st) => <option key={st} value={st}>{t(`viewer.status.${st}` as MessageKey)}</option>)}
                </select>
              </label>
              <label className="inline-label">{t('viewer.filter.kind')}
                <select value={p.kindFilter} onChange={(e) => p.onKindFilter(e.target.value)} data-testid="filter-kind">
                  <option value="all">{t('viewer.filter.all')}</option>
                  {p.kinds.map((k) => <option key={k} value={k}>{labelOf(t, 'kind', k)}</option>)}
                </select>
              </label>
            </div>
            <details className="bulk" open>
              <summary>{t('viewer.bulk')}</summary>
              <div className="bulk-actions">
                {p.bulk.map((b) => (
                  <button key={b.id} type="button" className={`btn btn-small${b.status === 'confirmed' ? ' btn-ok' : ''}`} disabled={b.disabled}
                    onClick={b.run} data-testid={`bulk-${b.id}`}>{b.label}</button>
                ))}
                <button type="button" className="btn btn-small" disabled={!p.canUndo} onClick={p.onUndo} data-testid="undo" aria-keyshortcuts="Control+Z">{t('viewer.undo')}</button>
                <button type="button" className="btn btn-small" disabled={!p.canRedo} onClick={p.onRedo} data-testid="redo" aria-keyshortcuts="Control+Shift+Z">{t('viewer.redo')}</button>
              </div>
            </details>
          </>
        )}
        <p className="keys-hint">{p.showKeys ? t('viewer.shortcuts') : t('viewer.keys')}</p>
        <p className="notice-line" role="status" aria-live="polite" data-testid="review-notice">{p.notice}</p>
      </div>
      {p.scope === 'page' ? (
        <>
          {p.places.length === 0 && <p className="muted pad">{t('viewer.noHits')}</p>}
          <VirtualList count={p.places.length} rowHeight={ROW} scrollTo={selIndex} className="hit-list" label={t('viewer.hits')} testId="hit-list"
            renderRow={(i) => <PlaceRow place={p.places[i]} selected={p.places[i].key === p.selected} checked={p.checked.has(p.places[i].key)}
              onSelect={p.onSelect} onCheck={p.onCheck} onDecide={p.onDecide} mask={p.mask} />} />
        </>
      ) : (
        <VirtualList count={s?.pages.length ?? 0} rowHeight={34} className="hit-list" label={t('viewer.scope.document')} testId="page-list"
          scrollTo={s ? s.pages.findIndex((x) => x.page === p.pageIdx) : null}
          renderRow={(i) => {
            const pg = s!.pages[i];
            return (
              <button type="button" className={`page-row${pg.page === p.pageIdx ? ' selected' : ''}`} onClick={() => p.onGoPage(pg.page)} data-testid="page-row">
                <span className="num">{t('common.page')} {pg.page + 1}</span>
                <span className="muted small">{t('viewer.status.pending')} {pg.pending} · {t('viewer.status.confirmed')} {pg.confirmed} · {t('viewer.status.dismissed')} {pg.dismissed}</span>
              </button>
            );
          }} />
      )}
    </aside>
  );
}

function PlaceRow({ place, selected, checked, onSelect, onCheck, onDecide, mask }: {
  place: Place; selected: boolean; checked: boolean; mask: boolean;
  onSelect: (key: number) => void; onCheck: (key: number, on: boolean) => void; onDecide: (pl: Place, s: HitStatus) => void;
}) {
  const { t } = useI18n();
  const h = place.primary;
  const title = h.recordKey !== null ? t('viewer.record', { key: h.recordKey }) : `${t('viewer.pii')}`;
  // Reasons: every hit at this place, by field or recognizer (a listed e-mail that is also a generic e-mail).
  const reasons = [...new Set(place.hits.map((x) => (x.kind === 'leak' ? `${labelOf(t, 'kind', 'leak')}:${labelOf(t, 'kind', x.field)}` : labelOf(t, 'kind', x.kind))))];
  return (
    <div className={`hit-row${selected ? ' selected' : ''} status-${place.status}`} data-testid="hit-row" data-status={place.status} data-hit-id={place.key} data-hits={place.ids.length}>
      <input type="checkbox" checked={checked} onChange={(e) => onCheck(place.key, e.target.checked)} aria-label={`${t('viewer.select')} ${reasons.join(', ')}`} data-testid="hit-check" />
      <button type="button" className="hit-main" onClick={() => onSelect(place.key)} onFocus={() => onSelect(place.key)} aria-current={selected ? 'true' : undefined}>
        <span className="hit-field"><span className="swatch" style={{ background: kindColor(h.kind) }} aria-hidden="true" />{title} · {reasons.join(' + ')}</span>
        <span className="hit-text">{mask ? maskValue(h.text) : h.text}</span>
        <span className="muted num small">p.{h.page + 1} · {h.score.toFixed(2)}{h.source === 'ocr' ? ' · OCR' : ''}{place.ids.length > 1 ? ` · ${t('viewer.place', { n: place.ids.length })}` : ''}</span>
      </button>
      <span className={`status-pill pill-${place.status}`}>{t(`viewer.status.${place.status}` as MessageKey)}</span>
      <span className="hit-actions">
        {place.status !== 'pending' && <button type="button" className="btn btn-small" onClick={() => onDecide(place, 'pending')} data-testid="hit-pending">{t('viewer.toPending')}</button>}
        <button type="button" className="btn btn-small btn-ok" onClick={() => onDecide(place, 'confirmed')} aria-label={`${t('viewer.confirm')} ${reasons.join(', ')}`} data-testid="hit-confirm">{t('viewer.confirm')}</button>
        <button type="button" className="btn btn-small" onClick={() => onDecide(place, 'dismissed')} aria-label={`${t('viewer.dismiss')} ${reasons.join(', ')}`} data-testid="hit-dismiss">{t('viewer.dismiss')}</button>
      </span>
    </div>
  );
}
