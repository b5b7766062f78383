import { useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { Box } from '../../../shared/model/geometry';
import type { PageInfo } from '../../../shared/ipc/types';
import { pageImageUrl } from '../api';
import { useI18n } from '../i18n';
import { clientToPage } from '../viewer-geometry';
import { CORNERS, cornerPoint, draggedRect, dragMoved, isRect, nudgeRect, type Corner, type RectDrag } from './crop-drag';

/** Corner handles, in CSS pixels whatever the page's scale. */
const HANDLE_PX = 10;
/** The page is fitted to the card's width and at most this share of the window's height. */
const MAX_HEIGHT_SHARE = 0.7;

/**
 * A page with a rectangle to export (the press screenshot's crop): drag on the page to draw it, drag it
 * to move it, drag a corner to resize it, or use the arrow keys on it. The rectangle is kept in page
 * units (points) through viewer-geometry's conversion, so it does not depend on how large the page is
 * drawn. The caller's typed fields stay the keyboard's other way in; both edit the same box.
 */
export function CropPicker(p: { itemId: number; page: PageInfo; box: Box | null; onBox: (b: Box) => void }) {
  const { t } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [avail, setAvail] = useState<{ width: number; height: number } | null>(null);
  const [drag, setDrag] = useState<RectDrag | null>(null);
  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = () => setAvail((old) => {
      const next = { width: Math.floor(el.clientWidth), height: Math.floor(window.innerHeight * MAX_HEIGHT_SHARE) };
      return old && old.width === next.width && old.height === next.height ? old : next;
    });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    window.addEventListener('resize', measure);
    return () => { ro.disconnect(); window.removeEventListener('resize', measure); };
  }, []);
  const { width, height } = p.page;
  const scale = avail ? Math.max(0.05, Math.min(avail.width / width, Math.max(200, avail.height) / height)) : 0; // CSS px per point
  const dpi = [72, 96, 144, 200, 300].find((d) => d >= 72 * scale * (window.devicePixelRatio || 1)) ?? 300;
  const shown = drag ? draggedRect(drag, p.page) : p.box;

  const toPage = (e: ReactPointerEvent) => clientToPage(e.clientX, e.clientY, svgRef.current!.getBoundingClientRect(), p.page);
  const start = (e: ReactPointerEvent, d: RectDrag) => {
    e.stopPropagation();
    e.preventDefault();
    svgRef.current?.setPointerCapture?.(e.pointerId);
    setDrag(d);
  };
  const grab = (e: ReactPointerEvent, corner?: Corner) => {
    if (!p.box) return;
    const pt = toPage(e);
    start(e, corner ? { mode: 'resize', corner, box: p.box, start: pt, now: pt } : { mode: 'move', box: p.box, start: pt, now: pt });
  };
  const onKey = (e: ReactKeyboardEvent) => {
    if (!p.box) return;
    const b = nudgeRect(p.box, e.key, { shift: e.shiftKey, alt: e.altKey }, p.page);
    if (!b) return;
    e.preventDefault();
    p.onBox(b);
  };
  const handle = scale ? HANDLE_PX / scale : 0;

  return (
    <div className="crop-picker" ref={wrapRef}>
      {avail && scale > 0 && (
        <div className="page-frame crop-frame" style={{ width: width * scale, height: height * scale }} data-testid="crop-frame">
          <img className="page-image" src={pageImageUrl(p.itemId, p.page.index, dpi)} alt={`${t('common.page')} ${p.page.index + 1}`}
            width={Math.round(width * scale)} height={Math.round(height * scale)} />
          <svg ref={svgRef} className="overlay crop-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none"
            aria-label={t('export.cropArea', { page: p.page.index + 1 })} data-testid="crop-overlay"
            onPointerDown={(e) => { const pt = toPage(e); start(e, { mode: 'new', start: pt, now: pt }); }}
            onPointerMove={(e) => { if (drag) setDrag({ ...drag, now: toPage(e) }); }}
            onPointerUp={() => {
              if (!drag) return;
              const b = draggedRect(drag, p.page);
              if (isRect(b) && (drag.mode === 'new' || dragMoved(drag))) p.onBox(b);
              setDrag(null);
            }}
            onPointerCancel={() => setDrag(null)}>
            {shown && (
              <>
                {/* Outside the region dimmed: what the screenshot leaves out. */}
                <path className="crop-shade" fillRule="evenodd"
                  d={`M0 0H${width}V${height}H0Z M${shown[0]} ${shown[1]}V${shown[3]}H${shown[2]}V${shown[1]}Z`} />
                <rect className="crop-rect" x={shown[0]} y={shown[1]} width={shown[2] - shown[0]} height={shown[3] - shown[1]}
                  tabIndex={0} role="button" aria-label={t('export.cropBox')} aria-describedby="crop-hint" data-testid="crop-rect"
                  onPointerDown={(e) => grab(e)} onKeyDown={onKey} />
                {CORNERS.map((c) => {
                  const [x, y] = cornerPoint(shown, c);
                  return <rect key={c} className={`box-handle handle-${c}`} x={x - handle / 2} y={y - handle / 2} width={handle} height={handle}
                    data-testid="crop-handle" data-corner={c} onPointerDown={(e) => grab(e, c)}><title>{t('viewer.resizeBox')}</title></rect>;
                })}
              </>
            )}
          </svg>
        </div>
      )}
      <p className="muted small" id="crop-hint">{t('export.cropHint')}</p>
    </div>
  );
}
