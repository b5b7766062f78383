import { useEffect, useRef, useState } from 'react';
import type { PageInfo, StatusCounts } from '../../../shared/ipc/types';
import { pageImageUrl } from '../api';
import { VirtualList } from '../components/VirtualList';
import { useI18n } from '../i18n';

const ROW = 150;
/** How long the current page must stay before the thumbnails around it are asked for. */
const SETTLE_MS = 250;

/**
 * Page thumbnails as one list box: one tab stop for the whole book (arrow keys move), only the
 * thumbnails in view exist, and each badge reads the engine's per-page counts (computed once).
 */
export function PageThumbs({ itemId, pages, counts, current, onPage }: {
  itemId: number; pages: PageInfo[]; counts: Map<number, StatusCounts>; current: number; onPage: (p: number) => void;
}) {
  const { t } = useI18n();
  // A page switch first asks for that page's hits and image; the thumbnails around it (each a page laid
  // out and rendered by the engine, eight at a time) follow once the page has stayed a moment, so they do
  // not compete with them on a busy machine, nor pile up while j / PageDown move quickly.
  const [settled, setSettled] = useState(current);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(current), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [current]);
  const ready = settled === current;
  const shown = useRef(new Set<number>()); // thumbnails already drawn stay (no placeholder flicker)
  return (
    <VirtualList count={pages.length} rowHeight={ROW} scrollTo={current} className="thumbs" label={t('viewer.thumbs')} role="listbox" tabIndex={0}
      activeDescendant={`thumb-${current}`} testId="thumbs" overscan={2}
      onKeyDown={(e) => {
        const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
        const to = e.key === 'Home' ? 0 : e.key === 'End' ? pages.length - 1 : current + step;
        if ((step || e.key === 'Home' || e.key === 'End') && to >= 0 && to < pages.length) { onPage(to); e.preventDefault(); }
      }}
      renderRow={(i) => {
        const p = pages[i];
        const c = counts.get(p.index);
        return (
          <div id={`thumb-${p.index}`} role="option" aria-selected={p.index === current} className={`thumb${p.index === current ? ' active' : ''}`}
            onClick={() => onPage(p.index)} data-testid="thumb">
            {(ready ? shown.current.add(p.index) : shown.current).has(p.index)
              ? <img src={pageImageUrl(itemId, p.index, 36)} alt="" loading="lazy" fetchPriority="low" decoding="async" width={88} height={Math.min(110, Math.round((88 * p.height) / p.width))} />
              : <span className="thumb-wait" style={{ width: 88, height: Math.min(110, Math.round((88 * p.height) / p.width)) }} />}
            <span className="thumb-label">{p.index + 1}
              {c && c.pending > 0 && <span className="badge badge-danger" title={t('viewer.status.pending')}>{c.pending}</span>}
              {c && c.pending === 0 && c.confirmed > 0 && <span className="badge badge-ok" title={t('viewer.status.confirmed')}>✓</span>}
            </span>
          </div>
        );
      }} />
  );
}
