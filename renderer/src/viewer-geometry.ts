import type { Box } from '../../shared/model/geometry';

/** CSS pixels per page unit (PDF point) at a zoom factor: 100% shows a page at 96 dpi. */
export function pxPerPt(zoom: number): number {
  return (zoom * 96) / 72;
}

/** The rectangle spanned by two corner points, clamped to the page, in page units. */
export function boxFromDrag(a: [number, number], b: [number, number], page: { width: number; height: number }): Box {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return [
    clamp(Math.min(a[0], b[0]), page.width), clamp(Math.min(a[1], b[1]), page.height),
    clamp(Math.max(a[0], b[0]), page.width), clamp(Math.max(a[1], b[1]), page.height),
  ];
}

/**
 * A pointer position on screen as a point on the page (page units, PDF points), given where the page is
 * drawn (its bounding client rectangle, any size): the one conversion every drag on a page goes through.
 */
export function clientToPage(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number },
  page: { width: number; height: number }): [number, number] {
  return [((clientX - rect.left) / rect.width) * page.width, ((clientY - rect.top) / rect.height) * page.height];
}

export function moveBox(b: Box, dx: number, dy: number, page: { width: number; height: number }): Box {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  const x0 = Math.min(page.width - w, Math.max(0, b[0] + dx));
  const y0 = Math.min(page.height - h, Math.max(0, b[1] + dy));
  return [x0, y0, x0 + w, y0 + h];
}

/** Colour of a hit by kind: list records stand out; generic personal-data types each their own. */
export const KIND_COLORS: Record<string, string> = {
  leak: '#d6453d',
  email: '#2f6fd0',
  phone_jp: '#8a4fd0',
  postal_code: '#138a8a',
  postal_code_jp: '#138a8a',
  address: '#1d8f5a',
  address_jp: '#1d8f5a',
  my_number: '#d07a1f',
  corporate_number: '#a0782a',
  payment_card: '#c23c8f',
  birth_date: '#5f7d1f',
};

export function kindColor(kind: string): string {
  return KIND_COLORS[kind] ?? '#9a8a20';
}

/** The export pads each hit box by this much (main/redact/regions.ts HIT_PADDING; a test keeps them equal). */
export const EXPORT_HIT_PADDING = 2;

export type Zoom = 'fit-width' | 'fit-page' | number;

/** The zoom factor that fits a page into the pane (fit modes, 20 px margin each side), or the chosen factor. */
export function zoomFactor(zoom: Zoom, page: { width: number; height: number }, pane: { width: number; height: number }): number {
  if (typeof zoom === 'number') return zoom;
  const pad = 40;
  const fw = Math.max(0.1, (pane.width - pad) / (page.width * pxPerPt(1)));
  if (zoom === 'fit-width') return fw;
  return Math.min(fw, Math.max(0.1, (pane.height - pad) / (page.height * pxPerPt(1))));
}
