import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Box } from '../../../shared/model/geometry';
import type { Capabilities, HitStatus, HitView, PageInfo, RedactionView } from '../../../shared/ipc/types';
import { call, pageImageUrl, useLoad, useShokoEvents } from '../api';
import { ErrorLine, NotAvailable, ScreenHeader } from '../components/common';
import { useI18n, type MessageKey } from '../i18n';
import { recordsWithHits } from '../hit-summary';
import { boxFromDrag, kindColor, moveBox, pxPerPt } from '../viewer-geometry';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
type Drag = { mode: 'draw'; start: [number, number]; now: [number, number] } | { mode: 'move'; id: number; start: [number, number]; now: [number, number] };

export function ViewerScreen({ caps }: { caps: Capabilities }) {
  const { t } = useI18n();
  const items = useLoad(() => call('evidence.list', {}), []);
  const [itemId, setItemId] = useState<number | null>(null);
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
      {itemId !== null && <ItemViewer key={itemId} itemId={itemId} caps={caps} />}
    </div>
  );
}

function ItemViewer({ itemId, caps }: { itemId: number; caps: Capabilities }) {
  const { t } = useI18n();
  const pages = useLoad(() => call('pages.list', { itemId }), [itemId]);
  const hits = useLoad(() => call('hits.list', { itemId }), [itemId]);
  const reds = useLoad(() => (caps.redactions ? call('redactions.list', { itemId }) : Promise.resolve([] as RedactionView[])), [itemId]);
  useShokoEvents((e) => {
    if (e.type === 'case-changed' && e.what === 'hits') hits.reload();
    if (e.type === 'case-changed' && e.what === 'redactions') reds.reload();
  });
  const [pageIdx, setPageIdx] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [preview, setPreview] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [selectedHit, setSelectedHit] = useState<number | null>(null);
  const [selectedBox, setSelectedBox] = useState<number | null>(null);
  const [statusFilter, setStatusFilter] = useState<'all' | HitStatus>('all');
  const [kindFilter, setKindFilter] = useState('all');
  const [hover, setHover] = useState<HitView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [hitList, setHitList] = useState<HitView[]>([]);
  useEffect(() => setHitList(hits.data?.hits ?? []), [hits.data]);
  // Open on the first page that has something to review.
  const jumped = useRef(false);
  useEffect(() => {
    if (jumped.current || !hits.data) return;
    jumped.current = true;
    const first = [...hits.data.hits].filter((h) => h.status !== 'dismissed').sort((a, b) => a.page - b.page)[0];
    if (first) setPageIdx(first.page);
  }, [hits.data]);

  const filtered = useMemo(() => hitList.filter((h) => (statusFilter === 'all' || h.status === statusFilter) && (kindFilter === 'all' || h.kind === kindFilter))
    .sort((a, b) => a.page - b.page || a.id - b.id), [hitList, statusFilter, kindFilter]);
  const kinds = useMemo(() => [...new Set(hitList.map((h) => h.kind))].sort(), [hitList]);
  const page: PageInfo | undefined = pages.data?.pages[pageIdx];

  const selectHit = useCallback((h: HitView | undefined) => {
    if (!h) return;
    setSelectedHit(h.id);
    setPageIdx(h.page);
    document.querySelector(`[data-hit-id="${h.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, []);

  const decide = useCallback(async (h: HitView, status: HitStatus) => {
    try {
      const updated = await call('hits.setStatus', { hitId: h.id, status });
      setHitList((list) => list.map((x) => (x.id === updated.id ? updated : x)));
      reds.reload();
    } catch (err) {
      setError(err);
    }
  }, [reds]);

  const deleteBox = useCallback(async (id: number) => {
    try {
      await call('redactions.delete', { id });
      setSelectedBox(null);
      reds.reload();
    } catch (err) {
      setError(err);
    }
  }, [reds]);

  // Keyboard review: j/k move through the filtered hits, y/n decide, Delete removes the selected box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
      const i = filtered.findIndex((h) => h.id === selectedHit);
      const cur = filtered[i];
      if (e.key === 'j') { selectHit(filtered[Math.min(filtered.length - 1, i + 1)]); e.preventDefault(); }
      else if (e.key === 'k') { selectHit(filtered[Math.max(0, i - 1)]); e.preventDefault(); }
      else if (e.key === 'y' && cur) { void decide(cur, 'confirmed'); e.preventDefault(); }
      else if (e.key === 'n' && cur) { void decide(cur, 'dismissed'); e.preventDefault(); }
      else if ((e.key === 'Delete' || e.key === 'Backspace') && selectedBox !== null) { void deleteBox(selectedBox); e.preventDefault(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [filtered, selectedHit, selectedBox, selectHit, decide, deleteBox]);

  if (pages.error) return <ErrorLine error={pages.error} />;
  if (!pages.data) return <p className="muted">…</p>;
  if (pages.data.pageCount === 0) return <p className="notice notice-muted">{pages.data.status === 'not-scanned' ? t('viewer.noPages') : `${pages.data.status}: ${pages.data.error ?? ''}`}</p>;

  const pageHits = hitList.filter((h) => h.page === pageIdx && h.status !== 'dismissed');
  const pageReds = (reds.data ?? []).filter((r) => r.page === pageIdx);

  return (
    <div className="viewer">
      <aside className="thumbs" aria-label={t('common.page')}>
        {pages.data.pages.map((p) => {
          const n = hitList.filter((h) => h.page === p.index && h.status !== 'dismissed').length;
          return (
            <button key={p.index} type="button" className={`thumb${p.index === pageIdx ? ' active' : ''}`} onClick={() => setPageIdx(p.index)}
              aria-label={`${t('common.page')} ${p.index + 1}`} aria-current={p.index === pageIdx ? 'page' : undefined}>
              <img src={pageImageUrl(itemId, p.index, 36)} alt="" loading="lazy" width={88} height={Math.round((88 * p.height) / p.width)} />
              <span className="thumb-label">{p.index + 1}{n > 0 && <span className="badge badge-danger">{n}</span>}</span>
            </button>
          );
        })}
      </aside>
      <section className="page-pane">
        <div className="toolbar" role="toolbar" aria-label="page tools">
          <button type="button" className="btn btn-small" disabled={pageIdx === 0} onClick={() => setPageIdx(pageIdx - 1)} aria-label="previous page">‹</button>
          <span className="num">{t('common.page')} {pageIdx + 1} / {pages.data.pageCount}</span>
          <button type="button" className="btn btn-small" disabled={pageIdx >= pages.data.pageCount - 1} onClick={() => setPageIdx(pageIdx + 1)} aria-label="next page">›</button>
          <label className="inline-label">{t('viewer.zoom')}
            <select value={zoom} onChange={(e) => setZoom(Number(e.target.value))}>
              {ZOOMS.map((z) => <option key={z} value={z}>{Math.round(z * 100)}%</option>)}
            </select>
          </label>
          <label className="inline-label"><input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} data-testid="preview-redacted" /> {t('viewer.previewRedacted')}</label>
          {caps.redactions && (
            <>
              <button type="button" className={`btn btn-small${drawing ? ' btn-primary' : ''}`} aria-pressed={drawing} onClick={() => setDrawing(!drawing)} data-testid="draw-box">{t('viewer.draw')}</button>
              <button type="button" className="btn btn-small" disabled={selectedBox === null} onClick={() => selectedBox !== null && void deleteBox(selectedBox)}>{t('viewer.deleteBox')}</button>
            </>
          )}
          <span className="hover-info" aria-live="polite">{hover ? `${hover.field} · ${t('viewer.score', { score: hover.score.toFixed(2) })}` : ''}</span>
        </div>
        <ErrorLine error={error} />
        {page && (
          <PageCanvas itemId={itemId} page={page} zoom={zoom} hits={pageHits} reds={pageReds} preview={preview} drawing={drawing}
            selectedHit={selectedHit} selectedBox={selectedBox} onHover={setHover}
            onSelectHit={(id) => { setSelectedHit(id); setSelectedBox(null); }} onSelectBox={(id) => setSelectedBox(id)}
            onDrawn={async (box) => {
              try { await call('redactions.add', { itemId, page: page.index, box }); setDrawing(false); reds.reload(); } catch (err) { setError(err); }
            }}
            onMoved={async (id, box) => {
              try { await call('redactions.update', { id, box }); reds.reload(); } catch (err) { setError(err); }
            }} />
        )}
      </section>
      <HitsPanel hits={filtered} all={hitList} kinds={kinds} selectedHit={selectedHit} statusFilter={statusFilter} kindFilter={kindFilter}
        onStatusFilter={setStatusFilter} onKindFilter={setKindFilter} onSelect={selectHit} onDecide={decide}
        summary={hits.data ? { present: hits.data.recordsPresent, total: hits.data.recordsInList, available: hits.data.available } : null} />
    </div>
  );
}

function PageCanvas(p: {
  itemId: number; page: PageInfo; zoom: number; hits: HitView[]; reds: RedactionView[]; preview: boolean; drawing: boolean;
  selectedHit: number | null; selectedBox: number | null; onHover: (h: HitView | null) => void;
  onSelectHit: (id: number) => void; onSelectBox: (id: number) => void;
  onDrawn: (b: Box) => void; onMoved: (id: number, b: Box) => void;
}) {
  const { t } = useI18n();
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [imgError, setImgError] = useState<string | null>(null);
  const scale = pxPerPt(p.zoom);
  const dpi = Math.min(300, Math.round(96 * p.zoom * (window.devicePixelRatio || 1)));
  const { width, height } = p.page;

  const toPage = (e: ReactPointerEvent): [number, number] => {
    const r = svgRef.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * width, ((e.clientY - r.top) / r.height) * height];
  };

  const boxOf = (r: RedactionView): Box => (drag?.mode === 'move' && drag.id === r.id
    ? moveBox(r.box, drag.now[0] - drag.start[0], drag.now[1] - drag.start[1], p.page) : r.box);
  const rect = (b: Box) => ({ x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1] });

  return (
    <div className="page-scroll">
      <div className="page-frame" style={{ width: width * scale, height: height * scale }} data-testid="page-frame">
        <img className="page-image" src={pageImageUrl(p.itemId, p.page.index, dpi)} alt={`${t('common.page')} ${p.page.index + 1}`}
          width={Math.round(width * scale)} height={Math.round(height * scale)} onError={() => setImgError('page image could not be rendered')} onLoad={() => setImgError(null)} />
        {imgError && <p className="error-line page-error">{imgError}</p>}
        <svg ref={svgRef} className={`overlay${p.drawing ? ' drawing' : ''}`} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none"
          onPointerDown={(e) => {
            if (!p.drawing) return;
            const pt = toPage(e);
            (e.target as Element).setPointerCapture?.(e.pointerId);
            setDrag({ mode: 'draw', start: pt, now: pt });
          }}
          onPointerMove={(e) => { if (drag) setDrag({ ...drag, now: toPage(e) }); }}
          onPointerUp={() => {
            if (!drag) return;
            if (drag.mode === 'draw') {
              const b = boxFromDrag(drag.start, drag.now, p.page);
              if (b[2] - b[0] > 2 && b[3] - b[1] > 2) p.onDrawn(b);
            } else {
              const r = p.reds.find((x) => x.id === drag.id);
              if (r && (drag.now[0] !== drag.start[0] || drag.now[1] !== drag.start[1])) p.onMoved(r.id, boxOf(r));
            }
            setDrag(null);
          }}>
          {p.hits.filter((h) => !p.preview || h.status === 'confirmed').map((h) => h.boxes.map((b, i) => (
            <rect key={`${h.id}-${i}`} {...rect(b)} className={`hit-box status-${h.status}${h.id === p.selectedHit ? ' selected' : ''}${p.preview && h.status === 'confirmed' ? ' burned' : ''}`}
              style={{ stroke: kindColor(h.kind), fill: kindColor(h.kind) }} data-testid="hit-box"
              onPointerEnter={() => p.onHover(h)} onPointerLeave={() => p.onHover(null)}
              onClick={() => !p.drawing && p.onSelectHit(h.id)}>
              <title>{`${h.field} · ${h.kind} · ${h.score.toFixed(2)}`}</title>
            </rect>
          )))}
          {p.reds.map((r) => (
            <rect key={`r${r.id}`} {...rect(boxOf(r))} className={`red-box${p.preview ? ' burned' : ''}${r.id === p.selectedBox ? ' selected' : ''}`}
              data-testid="redaction-box" tabIndex={0} role="button" aria-label={`${r.reason} redaction`}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') p.onSelectBox(r.id); }}
              onPointerDown={(e) => {
                if (p.drawing) return;
                e.stopPropagation();
                p.onSelectBox(r.id);
                const pt = toPage(e);
                (e.target as Element).setPointerCapture?.(e.pointerId);
                setDrag({ mode: 'move', id: r.id, start: pt, now: pt });
              }}>
              <title>{r.hitId ? r.reason : t('viewer.manual')}</title>
            </rect>
          ))}
          {drag?.mode === 'draw' && <rect {...rect(boxFromDrag(drag.start, drag.now, p.page))} className="red-box drawing-box" />}
        </svg>
      </div>
    </div>
  );
}

function HitsPanel(p: {
  hits: HitView[]; all: HitView[]; kinds: string[]; selectedHit: number | null; statusFilter: 'all' | HitStatus; kindFilter: string;
  onStatusFilter: (s: 'all' | HitStatus) => void; onKindFilter: (k: string) => void; onSelect: (h: HitView) => void;
  onDecide: (h: HitView, s: HitStatus) => void; summary: { present: number; total: number; available: boolean } | null;
}) {
  const { t } = useI18n();
  const groups = useMemo(() => {
    const m = new Map<string, HitView[]>();
    for (const h of p.hits) {
      const k = h.recordKey !== null ? `r:${h.recordKey}` : `p:${h.kind}`;
      m.set(k, [...(m.get(k) ?? []), h]);
    }
    return [...m.entries()];
  }, [p.hits]);
  return (
    <aside className="hits-panel" aria-label={t('viewer.hits')} data-testid="hits-panel">
      <div className="hits-head">
        <h2>{t('viewer.hits')} <span className="muted num">{p.hits.length}/{p.all.length}</span></h2>
        {p.summary && p.summary.available && (
          <p className="muted" data-testid="records-summary">
            <span data-testid="records-item">{t('viewer.summaryItem', { n: recordsWithHits(p.all) })}</span>
            {' · '}
            <span data-testid="records-case">{t('viewer.summary', { present: p.summary.present, total: p.summary.total })}</span>
          </p>
        )}
        <div className="field-row">
          <label className="inline-label">{t('viewer.filter.status')}
            <select value={p.statusFilter} onChange={(e) => p.onStatusFilter(e.target.value as 'all' | HitStatus)} data-testid="filter-status">
              <option value="all">{t('viewer.filter.all')}</option>
              {(['pending', 'confirmed', 'dismissed'] as const).map((s) => <option key={s} value={s}>{t(`viewer.status.${s}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="inline-label">{t('viewer.filter.kind')}
            <select value={p.kindFilter} onChange={(e) => p.onKindFilter(e.target.value)}>
              <option value="all">{t('viewer.filter.all')}</option>
              {p.kinds.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </label>
        </div>
        <p className="keys-hint">{t('viewer.keys')}</p>
      </div>
      {p.summary && !p.summary.available && <NotAvailable piece="main/detect: hits" />}
      {p.hits.length === 0 && p.summary?.available && <p className="muted">{t('viewer.noHits')}</p>}
      <div className="hit-groups">
        {groups.map(([key, hs]) => (
          <section key={key} className="hit-group">
            <h3>
              <span className="swatch" style={{ background: kindColor(hs[0].kind) }} aria-hidden="true" />
              {hs[0].recordKey !== null ? t('viewer.record', { key: hs[0].recordKey }) : `${t('viewer.pii')} · ${hs[0].kind}`}
            </h3>
            <ul>
              {hs.map((h) => (
                <li key={h.id} data-hit-id={h.id} className={`hit-row${h.id === p.selectedHit ? ' selected' : ''} status-${h.status}`} data-testid="hit-row" data-status={h.status}>
                  <button type="button" className="hit-main" onClick={() => p.onSelect(h)} aria-current={h.id === p.selectedHit ? 'true' : undefined}>
                    <span className="hit-field">{h.field}</span>
                    <span className="hit-text">{h.text}</span>
                    <span className="muted num">p.{h.page + 1} · {h.score.toFixed(2)}{h.source === 'ocr' ? ' · OCR' : ''}</span>
                  </button>
                  <span className={`status-pill pill-${h.status}`}>{t(`viewer.status.${h.status}` as MessageKey)}</span>
                  <span className="hit-actions">
                    <button type="button" className="btn btn-small btn-ok" onClick={() => p.onDecide(h, 'confirmed')} aria-label={`${t('viewer.confirm')} ${h.field}`} data-testid="hit-confirm">{t('viewer.confirm')}</button>
                    <button type="button" className="btn btn-small" onClick={() => p.onDecide(h, 'dismissed')} aria-label={`${t('viewer.dismiss')} ${h.field}`}>{t('viewer.dismiss')}</button>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}

