import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type KeyboardEventHandler } from 'react';

/**
 * A list that draws only the rows in view (plus a few): thousands of rows cost as much as twenty.
 * Rows have one fixed height, which keeps the arithmetic exact and scrolling steady.
 */
export function VirtualList(p: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  /** Scroll so this row is in view whenever it changes. */
  scrollTo?: number | null;
  className?: string;
  label?: string;
  role?: string;
  tabIndex?: number;
  activeDescendant?: string;
  onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
  testId?: string;
  overscan?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const overscan = p.overscan ?? 6;
  const measure = useCallback(() => {
    const el = ref.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight || 600 });
  }, []);
  useLayoutEffect(() => {
    measure();
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);
  useEffect(() => {
    const el = ref.current;
    if (!el || p.scrollTo === null || p.scrollTo === undefined || p.scrollTo < 0) return;
    const top = p.scrollTo * p.rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + p.rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + p.rowHeight - el.clientHeight;
    measure();
  }, [p.scrollTo, p.rowHeight, measure]);
  const first = Math.max(0, Math.floor(view.top / p.rowHeight) - overscan);
  const last = Math.min(p.count, Math.ceil((view.top + view.height) / p.rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(<div key={i} className="vrow" style={{ top: i * p.rowHeight, height: p.rowHeight }}>{p.renderRow(i)}</div>);
  }
  return (
    <div ref={ref} className={`vlist${p.className ? ` ${p.className}` : ''}`} onScroll={measure} aria-label={p.label} role={p.role}
      tabIndex={p.tabIndex} aria-activedescendant={p.activeDescendant} onKeyDown={p.onKeyDown} data-testid={p.testId}>
      <div className="vlist-inner" style={{ height: p.count * p.rowHeight }}>{rows}</div>
    </div>
  );
}
