import type { PageSummary } from './document-store';

/** Pages are rendered for reading (OCR, a picture page's export) at this density at most. */
export const MAX_READING_DPI = 400;

/** Formats whose pages are pictures (an image file, a folder of screenshots, a comic archive). */
export const PICTURE_FORMATS: ReadonlySet<string> = new Set(['image', 'image-set', 'cbz']);

/**
 * The density of the page's sharpest image: its pixels per inch at the page's size in points, 0 when the
 * page has no image. Rendering a picture page at this density gives back the picture's own pixels.
 */
export function imageDensity(page: Pick<PageSummary, 'images'>): number {
  let best = 0;
  for (const im of page.images) {
    const wIn = (im.box[2] - im.box[0]) / 72;
    if (wIn > 0) best = Math.max(best, im.width / wIn);
  }
  return best;
}
