import { useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Box } from '../../../shared/model/geometry';
import { padBox } from '../../../shared/model/geometry';
import type { PageInfo, RedactionView } from '../../../shared/ipc/types';
import { pageImageUrl } from '../api';
import { useI18n } from '../i18n';
import { labelOf } from '../kind-label';
import { clientToPage, EXPORT_HIT_PADDING, kindColor, pxPerPt, zoomFactor, type Zoom } from '../viewer-geometry';
import { CORNERS, cornerPoint, draggedRect, dragMoved, isRect, type RectDrag } from './crop-drag';
import type { Place } from './places';

/** A drag on the page: drawing a new box, or moving / resizing the stored box `id`. */
type Drag = RectDrag & { id?: number };
/** Corner handles of the selected box, in CSS pixels whatever the zoom. */
const HANDLE_PX = 9;

export function PageCanvas(p: {
  itemId: number; page: PageInfo; zoom: Zoom; places: Place[]; reds: RedactionView[]; preview: boolean; drawing: boolean;
  selectedPlace: number | null; selectedBox: number | null; onHover: (pl: Place | null) => void;
  onSelectPlace: (key: number) => void; onSelectBox: (id: number) => void;
  onDrawn: (b: Box) => void; onMoved: (id: number, from: Box, to: Box) => void;
}) {
  const { t } = useI18n();
  const svgRef = useRef<SVGSVGElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Unknown until measured: the image is requested once, at the size it will be shown.
  const [pane, setPane] = useState<{ width: number; height: number } | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [imgError, setImgError] = useState<string | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // Whole pixels and only real changes: a sub-pixel reflow must not request the page again.
    const measure = () => setPane((old) => {
      const next = { width: Math.floor(el.clientWidth), height: Math.floor(el.clientHeight) };
      return old && old.width === next.width && old.height === next.height ? old : next;
    });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const factor = zoomFactor(p.zoom, p.page, pane ?? { width: 800, height: 600 });
  const scale = pxPerPt(factor);
  // Rendered at a few fixed resolutions, so fitting to a resized pane reuses the cached image.
  const dpi = Math.min(300, [72, 96, 144, 200, 300].find((d) => d >= 96 * factor * (window.devicePixelRatio || 1)) ?? 300);
  const { width, height } = p.page;

  const toPage = (e: ReactPointerEvent): [number, number] => clientToPage(e.clientX, e.clientY, svgRef.current!.getBoundingClientRect(), p.page);
  const boxOf = (r: RedactionView): Box => (drag && drag.mode !== 'new' && drag.id === r.id ? draggedRect(drag, p.page) : r.box);
  /** Starts moving or resizing a stored box from a pointer press on it or on one of its corners. */
  const grab = (e: ReactPointerEvent, r: RedactionView, corner?: (typeof CORNERS)[number]) => {
    if (p.drawing) return;
    e.stopPropagation();
    p.onSelectBox(r.id);
    const pt = toPage(e);
    (e.target as Element).setPointerCapture?.(e.pointerId);
    setDrag(corner ? { mode: 'resize', corner, id: r.id, box: r.box, start: pt, now: pt } : { mode: 'move', id: r.id, box: r.box, start: pt, now: pt });
  };
  const handle = HANDLE_PX / scale;
  const rect = (b: Box) => ({ x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1] });
  // The preview shows what a confirmed-only export blackens, with the export's padding.
  const shown = p.places.filter((pl) => !p.preview || pl.hits.some((h) => h.status === 'confirmed'));

  return (
    <div className="page-scroll" ref={scrollRef} data-testid="page-scroll">
      {pane && <div className="page-frame" style={{ width: width * scale, height: height * scale }} data-testid="page-frame">
        <img className="page-image" fetchPriority="high" src={pageImageUrl(p.itemId, p.page.index, dpi)} alt={`${t('common.page')} ${p.page.index + 1}`}
          width={Math.round(width * scale)} height={Math.round(height * scale)} onError={() => setImgError(t('viewer.imageFailed'))} onLoad={() => setImgError(null)} />
        {imgError && <p className="error-line page-error">{imgError}</p>}
        <svg ref={svgRef} className={`overlay${p.drawing ? ' drawing' : ''}`} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none"
          onPointerDown={(e) => {
            if (!p.drawing) return;
            const pt = toPage(e);
            (e.target as Element).setPointerCapture?.(e.pointerId);
            setDrag({ mode: 'new', start: pt, now: pt });
          }}
          onPointerMove={(e) => { if (drag) setDrag({ ...drag, now: toPage(e) }); }}
          onPointerUp={() => {
            if (!drag) return;
            const b = draggedRect(drag, p.page);
            if (drag.mode === 'new') {
              if (isRect(b)) p.onDrawn(b);
            } else if (drag.id !== undefined && dragMoved(drag) && isRect(b)) {
              p.onMoved(drag.id, drag.box, b);
            }
            setDrag(null);
          }}>
          {shown.map((pl) => pl.hits.filter((h) => !p.preview || h.status === 'confirmed').map((h) => h.boxes.map((b, i) => (
            <rect key={`${h.id}-${i}`} {...rect(p.preview ? padBox(b, EXPORT_HIT_PADDING) : b)}
              className={`hit-box status-${pl.status}${pl.key === p.selectedPlace ? ' selected' : ''}${p.preview ? ' burned' : ''}`}
              style={{ stroke: kindColor(pl.primary.kind), fill: kindColor(pl.primary.kind) }} data-testid="hit-box" data-place={pl.key}
              onPointerEnter={() => p.onHover(pl)} onPointerLeave={() => p.onHover(null)}
              onClick={() => !p.drawing && p.onSelectPlace(pl.key)}>
              <title>{`${labelOf(t, 'kind', h.field)} · ${labelOf(t, 'kind', h.kind)} · ${h.score.toFixed(2)}`}</title>
            </rect>
          ))))}
          {p.reds.map((r) => (
            <rect key={`r${r.id}`} {...rect(boxOf(r))} className={`red-box${p.preview ? ' burned' : ''}${r.id === p.selectedBox ? ' selected' : ''}`}
              data-testid="redaction-box" tabIndex={0} role="button" aria-label={t('viewer.boxLabel')}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') p.onSelectBox(r.id); }}
              onPointerDown={(e) => grab(e, r)}>
              <title>{r.hitId ? r.reason : t('viewer.manual')}</title>
            </rect>
          ))}
          {!p.drawing && !p.preview && p.reds.filter((r) => r.id === p.selectedBox).map((r) => CORNERS.map((c) => {
            const [x, y] = cornerPoint(boxOf(r), c);
            return <rect key={`h${r.id}${c}`} x={x - handle / 2} y={y - handle / 2} width={handle} height={handle} className={`box-handle handle-${c}`}
              data-testid="redaction-handle" data-corner={c} onPointerDown={(e) => grab(e, r, c)}><title>{t('viewer.resizeBox')}</title></rect>;
          }))}
          {drag?.mode === 'new' && <rect {...rect(draggedRect(drag, p.page))} className="red-box drawing-box" />}
        </svg>
      </div>}
    </div>
  );
}
