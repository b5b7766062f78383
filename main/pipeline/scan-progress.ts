import type { Progress, ProgressFn } from '../../shared/model/progress';
import type { OcrMode } from './scan';

/**
 * What one page costs each phase of a scan, in units of reading it (extract). Rough, from what was seen
 * on this 2-core machine: text and matching take tens of milliseconds a page (the seed scale's 1,400
 * pages in ~40 s), OCR about a second or more. Only the ratio matters: it keeps the bar from racing
 * through reading and then crawling through OCR.
 */
export const PAGE_COST = { extract: 1, ocr: 30, match: 0.5 } as const;

export type ScanPhase = keyof typeof PAGE_COST;

export interface ItemToScan {
  id: number;
  name: string;
  size: number;
  mediaType: string;
}

const PICTURES = /^image\/|comicbook/;

/**
 * Pages a file is expected to have before it is opened (the real count replaces this at its first
 * progress event): one for an image, else from its size by kind.
 */
export function expectedPages(item: Pick<ItemToScan, 'size' | 'mediaType'>): number {
  if (item.mediaType.startsWith('image/')) return 1;
  const bytesPerPage = item.mediaType === 'application/pdf' ? 40_000 : PICTURES.test(item.mediaType) ? 300_000 : 2_000;
  return Math.max(1, Math.round(item.size / bytesPerPage));
}

interface ItemState {
  pages: number;
  /** Pages to OCR, once the OCR step said; null: expected from the mode and the kind of file. */
  ocrPages: number | null;
  done: Record<ScanPhase, number>;
  finished: boolean;
}

/**
 * One overall fraction for a scan across its items and phases (extract → OCR → match), weighted by
 * pages × PAGE_COST. Each phase's events go through `phase(i, name)`, which adds `item` and `overall`
 * and passes them on. The fraction never goes back: a file with more pages than expected slows the
 * bar down instead.
 */
export function scanProgress(items: ItemToScan[], ocr: OcrMode, out?: ProgressFn) {
  const states: ItemState[] = items.map((i) => ({ pages: expectedPages(i), ocrPages: null, done: { extract: 0, ocr: 0, match: 0 }, finished: false }));
  const phases = ocr === 'never' ? 2 : 3;
  let shown = 0;
  const ocrOf = (s: ItemState, i: number) => s.ocrPages ?? (ocr === 'never' ? 0 : ocr === 'always' || PICTURES.test(items[i].mediaType) ? s.pages : 0);
  const doneOf = (s: ItemState) => s.done.extract * PAGE_COST.extract + s.done.ocr * PAGE_COST.ocr + s.done.match * PAGE_COST.match;
  const workOf = (s: ItemState, i: number) => (s.finished ? doneOf(s) : s.pages * (PAGE_COST.extract + PAGE_COST.match) + ocrOf(s, i) * PAGE_COST.ocr);

  const fraction = (): number => {
    let done = 0, total = 0;
    states.forEach((s, i) => { done += doneOf(s); total += workOf(s, i); });
    shown = Math.max(shown, total > 0 ? Math.min(1, done / total) : 1);
    return shown;
  };

  return {
    /** The progress function of item `i`'s phase. */
    phase(i: number, name: ScanPhase): ProgressFn {
      return (p: Progress) => {
        const s = states[i];
        if (p.total !== undefined) {
          if (name === 'ocr') s.ocrPages = p.total;
          else s.pages = p.total;
        }
        // A later phase means the earlier ones are over (also when they had nothing to do on a resumed scan).
        if (name !== 'extract') s.done.extract = s.pages;
        if (name === 'match') s.done.ocr = ocrOf(s, i);
        s.done[name] = Math.max(0, Math.min(p.done, p.total ?? s.pages));
        const index = name === 'extract' ? 1 : name === 'ocr' ? 2 : phases;
        out?.({ ...p, phase: name, item: { index: i + 1, count: items.length, id: items[i].id, name: items[i].name }, overall: { fraction: fraction(), phase: index, phases } });
      };
    },
    /** Item `i` is over (read whole, or stopped early: protected, failed): what it did not do is no longer expected. */
    finish(i: number): void {
      states[i].finished = true;
    },
    fraction,
  };
}
