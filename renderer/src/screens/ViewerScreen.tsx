import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Capabilities, HitPage, HitsSummary, HitStatus, HitView, PageInfo, RedactionView, StatusCounts } from '../../../shared/ipc/types';
import { call, useLoad, useShokoEvents } from '../api';
import { ErrorLine, NotAvailable, ScreenHeader } from '../components/common';
import { useI18n, type MessageKey } from '../i18n';
import { labelOf } from '../kind-label';
import { HitsPanel, type BulkAction, type Scope } from '../review/HitsPanel';
import { PageCanvas } from '../review/PageCanvas';
import type { Zoom } from '../viewer-geometry';
import { PageThumbs } from '../review/PageThumbs';
import { mergePlaces, type Place } from '../review/places';
import { adjustSummary } from '../review/summary-adjust';
import { BoxIds, redoBoxEdit, undoBoxEdit, type BoxApi, type BoxEdit } from '../review/box-history';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];

/** Where another screen asks Review to open (records view → a record's page). */
export interface ReviewTarget {
  itemId: number;
  page: number;
  /** Select this record's first place on the page. */
  recordKey?: string;
}

export function ViewerScreen({ caps, target }: { caps: Capabilities; target?: ReviewTarget | null }) {
  const { t } = useI18n();
  const items = useLoad(() => call('evidence.list', {}), []);
  const [itemId, setItemId] = useState<number | null>(target?.itemId ?? null);
  useEffect(() => { if (target) setItemId(target.itemId); }, [target]);
  useEffect(() => {
    if (itemId === null && items.data?.length) setItemId((items.data.find((i) => i.supported) ?? items.data[0]).id);
  }, [items.data, itemId]);

  if (!caps.documents) return <div className="screen"><ScreenHeader title={t('viewer.title')} /><NotAvailable piece="main/documents: pages and rendering" /></div>;
  return (
    <div className="viewer-screen">
      <div className="viewer-top">
        <h1>{t('viewer.title')}</h1>
        <label className="inline-label">{t('viewer.item')}
          <select value={itemId ?? ''} onChange={(e) => setItemId(Number(e.target.value))} data-testid="viewer-item">
            {items.data?.map((i) => <option key={i.id} value={i.id}>#{i.id} {i.name}</option>)}
          </select>
        </label>
      </div>
      <ErrorLine error={items.error} />
      {itemId !== null && <ItemViewer key={`${itemId}:${target?.itemId === itemId ? target.page : ''}`} itemId={itemId} caps={caps}
        initialPage={target?.itemId === itemId ? target.page : undefined} initialRecord={target?.itemId === itemId ? target.recordKey : undefined} />}
    </div>
  );
}

type Change = { changes: { id: number; from: HitStatus }[]; to: HitStatus };
/** One entry of the undo queue: a review decision or a box edit. */
type Step = Change | { box: BoxEdit };
const boxApi: BoxApi = {
  delete: (r) => call('redactions.delete', r), restore: (r) => call('redactions.restore', r), update: (r) => call('redactions.update', r),
};
type Select = 'first' | 'last' | 'first-pending' | { record: string } | null;

function nextPageWith(summary: HitsSummary | null, from: number, dir: 1 | -1, pred: (c: StatusCounts) => boolean): number | null {
  if (!summary) return null;
  const list = dir === 1 ? summary.pages : [...summary.pages].reverse();
  const hit = list.find((p) => (dir === 1 ? p.page > from : p.page < from) && pred(p));
  return hit ? hit.page : null;
}

function ItemViewer({ itemId, caps, initialPage, initialRecord }: { itemId: number; caps: Capabilities; initialPage?: number; initialRecord?: string }) {
  const { t } = useI18n();
  const pages = useLoad(() => call('pages.list', { itemId }), [itemId]);
  const reds = useLoad(() => (caps.redactions ? call('redactions.list', { itemId }) : Promise.resolve([] as RedactionView[])), [itemId]);
  const [summary, setSummary] = useState<HitsSummary | null>(null);
  const [pageIdx, setPageIdx] = useState<number | null>(initialPage ?? null);
  const [pageHits, setPageHits] = useState<HitView[]>([]);
  const [loadedPage, setLoadedPage] = useState<number | null>(null);
  const [zoom, setZoom] = useState<Zoom>('fit-width');
  const [preview, setPreview] = useState(false);
  const [mask, setMask] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [scope, setScope] = useState<Scope>('page');
  const [selected, setSelected] = useState<number | null>(null);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [selectedBox, setSelectedBox] = useState<number | null>(null);
  const [statusFilter, setStatusFilter] = useState<'all' | HitStatus>('all');
  const [kindFilter, setKindFilter] = useState('all');
  const [hover, setHover] = useState<Place | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [pageInput, setPageInput] = useState('');
  const undo = useRef<Step[]>([]);
  const redo = useRef<Step[]>([]);
  const boxIds = useRef(new BoxIds());
  const [, setStackTick] = useState(0);
  // Decisions, undo and redo reach the engine one after another, in the order the keys were pressed.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const afterLoad = useRef<Select>(initialRecord ? { record: initialRecord } : null);
  const loadSeq = useRef(0);

  const loadSummary = useCallback(async () => {
    const s = await call('hits.summary', { itemId });
    setSummary(s);
    return s;
  }, [itemId]);

  useEffect(() => {
    void loadSummary().then((s) => {
      // Open on the first page with something to decide (else the first with hits), unless asked for one.
      setPageIdx((p) => p ?? (s.pages.find((x) => x.pending > 0) ?? s.pages[0])?.page ?? 0);
      if (initialPage === undefined) afterLoad.current = 'first-pending';
    }).catch(setError);
  }, [loadSummary]); // eslint-disable-line react-hooks/exhaustive-deps
  useShokoEvents((e) => {
    if (e.type === 'case-changed' && e.what === 'hits') { void loadSummary(); if (pageIdx !== null) void loadPage(pageIdx); }
    if (e.type === 'case-changed' && e.what === 'redactions') reds.reload();
  });

  // A page switch asks for the page's hits at once, in the key or click handler: the request reaches the
  // engine before the render that follows asks for the page image and thumbnails (measured: 10-150 ms sooner
  // at the seed scale on a loaded machine). loadPage takes that answer instead of asking again.
  const early = useRef<{ page: number; answer: Promise<HitPage> } | null>(null);
  const loadPage = useCallback(async (page: number) => {
    const seq = ++loadSeq.current;
    const asked = early.current?.page === page ? early.current.answer : null;
    early.current = null;
    try {
      const r = await (asked ?? call('hits.list', { itemId, pageFrom: page, pageTo: page, limit: 5000 }));
      if (seq !== loadSeq.current) return;
      setPageHits(r.hits);
      setLoadedPage(page);
    } catch (err) {
      setError(err);
    }
  }, [itemId]);
  useEffect(() => {
    if (pageIdx === null) return;
    setPageInput(String(pageIdx + 1));
    setChecked(new Set());
    void loadPage(pageIdx);
  }, [pageIdx, loadPage]);

  const allPlaces = useMemo(() => mergePlaces(pageHits), [pageHits]);
  const places = useMemo(() => allPlaces.filter((pl) => (statusFilter === 'all' || pl.status === statusFilter)
    && (kindFilter === 'all' || pl.hits.some((h) => h.kind === kindFilter))), [allPlaces, statusFilter, kindFilter]);
  const kinds = useMemo(() => (summary?.kinds ?? []).map((k) => k.kind), [summary]);
  const counts = useMemo(() => new Map((summary?.pages ?? []).map((p) => [p.page, p])), [summary]);
  const current = places.find((pl) => pl.key === selected) ?? null;

  // Once a page's hits are in, select the place the move asked for.
  useEffect(() => {
    if (loadedPage !== pageIdx || afterLoad.current === null) return;
    const how = afterLoad.current;
    afterLoad.current = null;
    const pick = typeof how === 'object' ? (allPlaces.find((pl) => pl.hits.some((h) => h.recordKey === how.record)) ?? places[0])
      : how === 'last' ? places[places.length - 1] : how === 'first-pending' ? (places.find((pl) => pl.status === 'pending') ?? places[0]) : places[0];
    setSelected(pick?.key ?? null);
  }, [loadedPage, pageIdx, places, allPlaces]);

  const goPage = useCallback((p: number, select: Select = null) => {
    if (!pages.data || p < 0 || p >= pages.data.pageCount) return;
    if (p !== pageIdx) {
      const answer = call('hits.list', { itemId, pageFrom: p, pageTo: p, limit: 5000 });
      answer.catch(() => {}); // a failure is reported by loadPage, which awaits it
      early.current = { page: p, answer };
    }
    afterLoad.current = select;
    setSelected(null);
    setPageIdx(p);
  }, [pages.data, pageIdx, itemId]);

  // The record counts need the whole case: refreshed from the engine once decisions pause.
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = useCallback(() => {
    if (refresh.current) clearTimeout(refresh.current);
    refresh.current = setTimeout(() => { void loadSummary().catch(setError); }, 1200);
  }, [loadSummary]);
  useEffect(() => () => { if (refresh.current) clearTimeout(refresh.current); }, []);

  /**
   * Applies a change to the hits on screen and the counts, and keeps it for undo. When every changed
   * hit is on screen the counts are worked out here (y / n stay fast); otherwise the engine counts again.
   */
  const applied = useCallback(async (ch: Change, record: 'undo' | 'redo' | 'new'): Promise<HitsSummary | null> => {
    const to = new Map(ch.changes.map((c) => [c.id, ch.to]));
    const known = pageHits.filter((h) => to.has(h.id)).map((h) => ({ ...h, status: ch.changes.find((c) => c.id === h.id)!.from }));
    setPageHits((list) => list.map((h) => (to.has(h.id) ? { ...h, status: to.get(h.id)! } : h)));
    if (record === 'new') { undo.current.push(ch); redo.current = []; }
    setStackTick((n) => n + 1);
    if (known.length === ch.changes.length && summary) {
      const next = adjustSummary(summary, known, ch.to);
      setSummary(next);
      refreshSoon();
      return next;
    }
    return loadSummary();
  }, [loadSummary, pageHits, summary, refreshSoon]);

  const setStatuses = useCallback(async (ids: number[], status: HitStatus, from: Map<number, HitStatus>): Promise<Change> => {
    if (ids.length === 1) {
      const v = await call('hits.setStatus', { hitId: ids[0], status });
      return { changes: from.get(v.id) !== status ? [{ id: v.id, from: from.get(v.id) ?? 'pending' }] : [], to: status };
    }
    const r = await call('hits.bulkSetStatus', { status, select: { itemId, ids } });
    return { changes: r.changed, to: status };
  }, [itemId]);

  /** y / n / buttons: decide every hit of a place, then go on to the next pending place (this page, then the next pages). */
  const decide = useCallback(async (pl: Place, status: HitStatus, advance: boolean) => {
    setError(null);
    // The next pending place on this page is known now: move there at once, the engine answers meanwhile.
    const i = places.findIndex((x) => x.key === pl.key);
    const next = advance && status !== 'pending' ? places.slice(i + 1).find((x) => x.status === 'pending' && x.key !== pl.key) : undefined;
    if (next) setSelected(next.key);
    const work = async () => {
      try {
        const ch = await setStatuses(pl.ids, status, new Map(pl.hits.map((h) => [h.id, h.status])));
        const s = await applied(ch, 'new');
        setNotice(t('viewer.decided', { n: ch.changes.length, status: t(`viewer.status.${status}` as MessageKey) }));
        if (!advance || status === 'pending' || next) return;
        const np = nextPageWith(s, pageIdx ?? 0, 1, (c) => c.pending > 0);
        if (np !== null) goPage(np, 'first-pending');
        else setNotice(t('viewer.noPending'));
      } catch (err) {
        // Not recorded: back to the place, with the engine's reason.
        setSelected(pl.key);
        setError(err);
      }
    };
    queue.current = queue.current.then(work);
    await queue.current;
  }, [setStatuses, applied, places, pageIdx, goPage, t]);

  const bulkSelect = useCallback(async (select: { page?: number; kind?: string; recordKey?: string; field?: string; onlyStatus?: HitStatus }, status: HitStatus) => {
    setError(null);
    // In the same queue as keys and undo: a Ctrl+Z pressed at once must undo this decision, not overtake it
    // and undo the one before (the engine has answered only when the change is on the undo stack).
    const work = async () => {
      try {
        const r = await call('hits.bulkSetStatus', { status, select: { itemId, ...select } });
        await applied({ changes: r.changed, to: status }, 'new');
        setNotice(t('viewer.decided', { n: r.count, status: t(`viewer.status.${status}` as MessageKey) }));
      } catch (err) {
        setError(err);
      }
    };
    queue.current = queue.current.then(work);
    await queue.current;
  }, [itemId, applied, t]);

  // Undo and redo run one after another (a quick Ctrl+Z, Ctrl+Shift+Z must not overtake each other).
  const step = useRef<(dir: 'undo' | 'redo') => Promise<void>>(async () => {});
  const undoLast = useCallback((dir: 'undo' | 'redo') => {
    queue.current = queue.current.then(() => step.current(dir));
    return queue.current;
  }, []);
  step.current = async (dir: 'undo' | 'redo') => {
    const from = dir === 'undo' ? undo.current : redo.current;
    const entry = from.pop();
    if (!entry) return;
    setError(null);
    if ('box' in entry) { await boxStep(dir, entry.box); return; }
    const ch = entry;
    try {
      if (dir === 'undo') {
        // Back to what each hit was: one call (one custody event) per earlier status.
        const byFrom = new Map<HitStatus, number[]>();
        for (const c of ch.changes) {
          const list = byFrom.get(c.from);
          if (list) list.push(c.id); else byFrom.set(c.from, [c.id]);
        }
        for (const [st, ids] of byFrom) {
          await setStatuses(ids, st, new Map(ids.map((id) => [id, ch.to])));
          await applied({ changes: ids.map((id) => ({ id, from: ch.to })), to: st }, 'undo');
        }
        if (byFrom.size > 1) await loadSummary(); // several local adjustments in one render: count again
        redo.current.push(ch);
        setNotice(t('viewer.undone', { n: ch.changes.length }));
      } else {
        const ids = ch.changes.map((c) => c.id);
        await setStatuses(ids, ch.to, new Map(ch.changes.map((c) => [c.id, c.from])));
        await applied(ch, 'redo');
        undo.current.push(ch);
        setNotice(t('viewer.decided', { n: ids.length, status: t(`viewer.status.${ch.to}` as MessageKey) }));
      }
    } catch (err) {
      setError(err);
    }
    setStackTick((n) => n + 1);
  };

  /** Undo / redo of a box edit: new events in the engine; the page of the box is shown. */
  const boxStep = async (dir: 'undo' | 'redo', e: BoxEdit) => {
    try {
      await (dir === 'undo' ? undoBoxEdit : redoBoxEdit)(boxApi, boxIds.current, e);
      (dir === 'undo' ? redo : undo).current.push({ box: e });
      setSelectedBox(null);
      reds.reload();
      if (e.page !== pageIdx) goPage(e.page, 'first');
      setNotice(t(dir === 'undo' ? 'viewer.boxUndone' : 'viewer.boxRedone'));
    } catch (err) {
      setError(err);
    }
    setStackTick((n) => n + 1);
  };

  /** A box edit, in the same queue as decisions (Ctrl+Z right after a drag undoes that drag), kept for undo. */
  const editBox = useCallback((work: () => Promise<BoxEdit | null>) => {
    queue.current = queue.current.then(async () => {
      setError(null);
      try {
        const e = await work();
        if (e) { undo.current.push({ box: e }); redo.current = []; setStackTick((n) => n + 1); }
        reds.reload();
      } catch (err) {
        setError(err);
      }
    });
    return queue.current;
  }, [reds]);

  const deleteBox = useCallback((id: number) => editBox(async () => {
    const page = (reds.data ?? []).find((r) => r.id === id)?.page ?? pageIdx ?? 0;
    await call('redactions.delete', { id });
    setSelectedBox(null);
    return { type: 'box-delete', id, page };
  }), [editBox, reds.data, pageIdx]);

  const move = useCallback((dir: 1 | -1) => {
    const i = places.findIndex((pl) => pl.key === selected);
    const to = i < 0 ? (dir === 1 ? 0 : places.length - 1) : i + dir;
    if (to >= 0 && to < places.length) { setSelected(places[to].key); return; }
    const np = nextPageWith(summary, pageIdx ?? 0, dir, (c) => c.pending + c.confirmed + c.dismissed > 0);
    if (np !== null) goPage(np, dir === 1 ? 'first' : 'last');
  }, [places, selected, summary, pageIdx, goPage]);

  // Keyboard review. Keys act on the selected place (the row that has focus is the selected one).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el.closest('input, select, textarea')) return;
      if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
        void undoLast(e.key === 'y' || e.shiftKey ? 'redo' : 'undo');
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j') { move(1); e.preventDefault(); }
      else if (e.key === 'k') { move(-1); e.preventDefault(); }
      else if (e.key === 'y' && current) { void decide(current, 'confirmed', true); e.preventDefault(); }
      else if (e.key === 'n' && current) { void decide(current, 'dismissed', true); e.preventDefault(); }
      else if (e.key === 'u' && current) { void decide(current, 'pending', false); e.preventDefault(); }
      else if (e.key === 'PageDown') { if (pageIdx !== null) goPage(pageIdx + 1, 'first'); e.preventDefault(); }
      else if (e.key === 'PageUp') { if (pageIdx !== null) goPage(pageIdx - 1, 'first'); e.preventDefault(); }
      else if (e.key === '?') { setShowKeys((v) => !v); e.preventDefault(); }
      else if ((e.key === 'Delete' || e.key === 'Backspace') && selectedBox !== null) { void deleteBox(selectedBox); e.preventDefault(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, current, decide, undoLast, pageIdx, goPage, selectedBox, deleteBox]);

  const bulk = useMemo((): BulkAction[] => {
    if (pageIdx === null) return [];
    const pendingHere = allPlaces.filter((pl) => pl.status === 'pending').reduce((n, pl) => n + pl.hits.filter((h) => h.status === 'pending').length, 0);
    const out: BulkAction[] = [
      { id: 'page-confirm', status: 'confirmed', label: t('viewer.bulk.pageConfirm', { n: pendingHere }), disabled: pendingHere === 0, run: () => void bulkSelect({ page: pageIdx, onlyStatus: 'pending' }, 'confirmed') },
      { id: 'page-dismiss', status: 'dismissed', label: t('viewer.bulk.pageDismiss', { n: pendingHere }), disabled: pendingHere === 0, run: () => void bulkSelect({ page: pageIdx, onlyStatus: 'pending' }, 'dismissed') },
    ];
    const h = current?.primary;
    if (h?.recordKey) out.push({ id: 'record-confirm', status: 'confirmed', label: t('viewer.bulk.recordConfirm', { key: h.recordKey }), run: () => void bulkSelect({ recordKey: h.recordKey!, onlyStatus: 'pending' }, 'confirmed') });
    if (h) {
      const k = summary?.kinds.find((x) => x.kind === h.kind);
      out.push({ id: 'kind-confirm', status: 'confirmed', label: t('viewer.bulk.kindConfirm', { kind: labelOf(t, 'kind', h.kind), n: k?.pending ?? 0 }), disabled: !k?.pending, run: () => void bulkSelect({ kind: h.kind, onlyStatus: 'pending' }, 'confirmed') });
      if (h.kind === 'leak') {
        const f = summary?.fields.find((x) => x.field === h.field);
        out.push({ id: 'field-confirm', status: 'confirmed', label: t('viewer.bulk.fieldConfirm', { field: labelOf(t, 'kind', h.field), n: f?.pending ?? 0 }), disabled: !f?.pending, run: () => void bulkSelect({ field: h.field, kind: 'leak', onlyStatus: 'pending' }, 'confirmed') });
      }
    }
    const selIds = allPlaces.filter((pl) => checked.has(pl.key)).flatMap((pl) => pl.ids);
    if (selIds.length) {
      const run = (status: HitStatus) => () => void (async () => {
        try {
          const r = await call('hits.bulkSetStatus', { status, select: { itemId, ids: selIds } });
          await applied({ changes: r.changed, to: status }, 'new');
          setChecked(new Set());
          setNotice(t('viewer.decided', { n: r.count, status: t(`viewer.status.${status}` as MessageKey) }));
        } catch (err) { setError(err); }
      })();
      out.push({ id: 'sel-confirm', status: 'confirmed', label: t('viewer.bulk.selConfirm', { n: selIds.length }), run: run('confirmed') });
      out.push({ id: 'sel-dismiss', status: 'dismissed', label: t('viewer.bulk.selDismiss', { n: selIds.length }), run: run('dismissed') });
    }
    return out;
  }, [pageIdx, allPlaces, current, summary, checked, itemId, bulkSelect, applied, t]);

  if (pages.error) return <ErrorLine error={pages.error} />;
  if (!pages.data) return <p className="muted">…</p>;
  if (pages.data.pageCount === 0) {
    // The engine's reason stays in English beneath the Japanese state, as ErrorLine shows engine text.
    return (
      <div className="notice notice-muted">
        <p>{pages.data.status === 'not-scanned' ? t('viewer.noPages') : t(`scan.state.${pages.data.status}` as MessageKey)}</p>
        {pages.data.status !== 'not-scanned' && pages.data.error && (
          <p className="error-detail" lang="en" translate="no"><span className="visually-hidden">{t('common.errorDetail')}: </span><code>{pages.data.error}</code></p>
        )}
      </div>
    );
  }
  const page: PageInfo | undefined = pageIdx === null ? undefined : pages.data.pages[pageIdx];
  const pageReds = (reds.data ?? []).filter((r) => r.page === pageIdx);
  const nextPending = nextPageWith(summary, pageIdx ?? 0, 1, (c) => c.pending > 0);
  const screenPlaces = loadedPage === pageIdx ? allPlaces : [];

  return (
    <div className="viewer">
      <PageThumbs itemId={itemId} pages={pages.data.pages} counts={counts} current={pageIdx ?? 0} onPage={(p) => goPage(p, 'first')} />
      <section className="page-pane">
        <div className="toolbar" role="toolbar" aria-label={t('viewer.tools')}>
          <button type="button" className="btn btn-small" disabled={!pageIdx} onClick={() => goPage((pageIdx ?? 0) - 1, 'first')} aria-label={t('viewer.prevPage')}>‹</button>
          <form className="page-no" onSubmit={(e) => { e.preventDefault(); const n = Number(pageInput); if (Number.isInteger(n)) goPage(n - 1, 'first'); }}>
            <input type="number" min={1} max={pages.data.pageCount} value={pageInput} onChange={(e) => setPageInput(e.target.value)} aria-label={t('viewer.pageNo')} data-testid="page-number" />
            <span className="num muted">/ {pages.data.pageCount}</span>
          </form>
          <button type="button" className="btn btn-small" disabled={pageIdx === null || pageIdx >= pages.data.pageCount - 1} onClick={() => goPage((pageIdx ?? 0) + 1, 'first')} aria-label={t('viewer.nextPage')}>›</button>
          <button type="button" className="btn btn-small" disabled={nextPending === null} onClick={() => nextPending !== null && goPage(nextPending, 'first-pending')} data-testid="next-pending">{t('viewer.nextPending')}</button>
          <label className="inline-label">{t('viewer.zoom')}
            <select value={String(zoom)} onChange={(e) => setZoom(e.target.value.startsWith('fit') ? e.target.value as Zoom : Number(e.target.value))} data-testid="zoom">
              <option value="fit-width">{t('viewer.fit.width')}</option>
              <option value="fit-page">{t('viewer.fit.page')}</option>
              {ZOOMS.map((z) => <option key={z} value={z}>{Math.round(z * 100)}%</option>)}
            </select>
          </label>
          <label className="inline-label"><input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} data-testid="preview-redacted" /> {t('viewer.previewRedacted')}</label>
          <label className="inline-label"><input type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} data-testid="mask-values" /> {t('viewer.mask')}</label>
          {caps.redactions && (
            <>
              <button type="button" className={`btn btn-small${drawing ? ' btn-primary' : ''}`} aria-pressed={drawing} onClick={() => setDrawing(!drawing)} data-testid="draw-box">{t('viewer.draw')}</button>
              <button type="button" className="btn btn-small" disabled={selectedBox === null} onClick={() => selectedBox !== null && void deleteBox(selectedBox)}>{t('viewer.deleteBox')}</button>
            </>
          )}
          <button type="button" className="btn btn-small btn-quiet" aria-pressed={showKeys} onClick={() => setShowKeys(!showKeys)} aria-label={t('viewer.showShortcuts')}>?</button>
          <span className="hover-info" aria-live="polite">{hover ? `${labelOf(t, 'kind', hover.primary.field)} · ${t('viewer.score', { score: hover.primary.score.toFixed(2) })}` : ''}</span>
        </div>
        <ErrorLine error={error} />
        {page && (
          <PageCanvas itemId={itemId} page={page} zoom={zoom} places={screenPlaces} reds={pageReds} preview={preview} drawing={drawing}
            selectedPlace={selected} selectedBox={selectedBox} onHover={setHover}
            onSelectPlace={(key) => { setSelected(key); setSelectedBox(null); setScope('page'); }} onSelectBox={(id) => setSelectedBox(id)}
            onDrawn={(box) => void editBox(async () => {
              const known = new Set((reds.data ?? []).map((r) => r.id));
              const r = await call('redactions.add', { itemId, page: page.index, box });
              setDrawing(false);
              // The same box drawn twice is the stored one (nothing new): nothing to undo.
              return known.has(r.id) ? null : { type: 'box-add', id: r.id, page: page.index };
            })}
            onMoved={(id, from, to) => void editBox(async () => {
              const r = await call('redactions.update', { id, box: to });
              boxIds.current.link(id, r.id);
              setSelectedBox(r.id);
              return { type: 'box-move', id: r.id, page: page.index, from, to };
            })} />
        )}
      </section>
      <HitsPanel scope={scope} onScope={setScope} places={loadedPage === pageIdx ? places : []} pageTotal={allPlaces.length} selected={selected} checked={checked}
        onSelect={setSelected} onCheck={(key, on) => setChecked((s) => { const n = new Set(s); if (on) n.add(key); else n.delete(key); return n; })}
        onDecide={(pl, st) => void decide(pl, st, false)}
        statusFilter={statusFilter} kindFilter={kindFilter} kinds={kinds} onStatusFilter={setStatusFilter} onKindFilter={setKindFilter}
        summary={summary} pageIdx={pageIdx ?? 0} onGoPage={(p) => { goPage(p, 'first'); setScope('page'); }}
        bulk={bulk} canUndo={undo.current.length > 0} canRedo={redo.current.length > 0} onUndo={() => void undoLast('undo')} onRedo={() => void undoLast('redo')}
        notice={notice} mask={mask} showKeys={showKeys} />
    </div>
  );
}
