import type { CaseHandle } from '../case/case-folder';
import { now } from '../common/clock';
import { ShokoError, throwIfCancelled } from '../common/errors';
import { appendCustodyEvent } from '../evidence/custody-log';
import { getPageLines, listPages, requireDocument, type PageSummary } from '../documents/document-store';
import { renderDocumentPage } from '../documents/extract-document';
import { itemSource } from '../documents/extract-item';
import { imageDensity, MAX_READING_DPI, PICTURE_FORMATS } from '../documents/picture-pages';
import { DocumentJobError } from '../documents/worker-pool';
import { boxArea, intersectBoxes, type Box } from '../../shared/model/geometry';
import type { PageImage, TextLine } from '../../shared/model/page';
import type { ProgressFn } from '../../shared/model/progress';
import { cropGray, encodePgm, toGray } from './gray-image';
import { parseLanguages } from './language-data';
import { ocrImageCached } from './ocr-cache';
import type { VerticalChoice } from './ocr-image';
import { engineVersion, sharedOcrPool, type OcrPool } from './ocr-pool';
import { mapBoxesToPage } from './page-mapping';
import { setOcrReadNote } from './ocr-read-note';
import { mergeTileLines, planTiles } from './ocr-tiles';

export type OcrChoice = 'auto' | 'always' | 'never';

export interface OcrItemOptions {
  langs?: string;
  /** auto: pages that need it (image pages, screenshots, large images); always: every page; never: none. */
  mode?: OcrChoice;
  /** Overrides the writing mode; by default a book whose native text is vertical is read as vertical. */
  vertical?: VerticalChoice;
  pool?: OcrPool;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface OcrItemOutcome {
  itemId: number;
  pagesOcrd: number;
  /** Of those, read from the cache (not recognised again). */
  fromCache: number;
  /** Pages that could not be rendered or read (a damaged page fails alone, not the item). */
  failedPages: { index: number; error: string }[];
  skipped?: string;
}

/** An image inside a text page is OCR'd when it covers this much of the page… */
const LARGE_IMAGE_PAGE_FRACTION = 0.1;
/** …and has at least this many pixels (icons and rules are not text). */
const LARGE_IMAGE_MIN_PIXELS = 200 * 100;
const MIN_DPI = 150, MAX_DPI = MAX_READING_DPI, DEFAULT_DPI = 200;

interface PageTask {
  page: PageSummary;
  /** null = the whole page; else the regions of the page (large images) to read. */
  regions: Box[] | null;
}

/**
 * OCRs the pages of one extracted item that need it and stores their lines (page coordinates,
 * source 'ocr') as page_text rows beside the native text. Pages stream through the OCR pool; each
 * rendered image goes through the case's OCR cache, so nothing is recognised twice.
 */
export async function ocrItemPages(c: CaseHandle, itemId: number, opts: OcrItemOptions = {}): Promise<OcrItemOutcome> {
  const mode = opts.mode ?? 'auto';
  const langs = parseLanguages(opts.langs ?? 'jpn+eng').join('+');
  const doc = requireDocument(c, itemId);
  if (mode === 'never') return { itemId, pagesOcrd: 0, fromCache: 0, failedPages: [], skipped: 'OCR off' };
  if (doc.status !== 'ok') return { itemId, pagesOcrd: 0, fromCache: 0, failedPages: [], skipped: `document ${doc.status}` };
  const { source, reason } = itemSource(c, itemId);
  if (!source) return { itemId, pagesOcrd: 0, fromCache: 0, failedPages: [], skipped: reason };
  const pool = opts.pool ?? sharedOcrPool();
  const vertical = opts.vertical ?? declaredVertical(c, itemId);

  const tasks = pagesToOcr(c, itemId, doc.format, mode);

  let done = 0, fromCache = 0;
  const failedPages: OcrItemOutcome['failedPages'] = [];
  const report = (index: number) => opts.onProgress?.({
    phase: 'ocr', done, total: tasks.length, subject: `item ${itemId}`, message: `page ${index + 1} (${done}/${tasks.length})`,
  });
  opts.onProgress?.({ phase: 'ocr', done: 0, total: tasks.length, subject: `item ${itemId}` });

  const runTask = async (t: PageTask): Promise<void> => {
    throwIfCancelled(opts.signal);
    const picture = PICTURE_FORMATS.has(doc.format);
    const dpi = renderDpi(t.page, picture);
    // A picture's own density is a guess (96 dpi when the file states none): below a scan's resolution
    // tesseract estimates it from the text, as native tesseract does; a wrong hint misreads lines.
    const dpiHint = picture && dpi < MIN_DPI ? undefined : dpi;
    const pagePlacement: Box = [0, 0, t.page.width, t.page.height];
    // A page too large to read whole (a tall scroll capture) is read in tiles at this resolution, never downscaled.
    const tiles = t.regions === null ? planTiles(pagePlacement, dpi) : null;
    const render = (clip?: Box) => renderDocumentPage(source, t.page.index, {
      dpi, format: 'png', layout: doc.layout ?? undefined, signal: opts.signal, ...(clip ? { clip: [clip[0], clip[1], clip[2], clip[3]] as Box } : {}),
    });
    const read = async (bytes: Uint8Array, imagePixelSize: { width: number; height: number }, placement: Box): Promise<TextLine[]> => {
      const { result, cached } = await ocrImageCached(c.db, bytes, { langs, vertical, pool, signal: opts.signal, dpi: dpiHint });
      if (cached) fromCache++;
      return mapBoxesToPage(result, { imagePixelSize, placement });
    };
    let lines: TextLine[] = [];
    try {
      if (tiles) {
        // Bands of one page on every OCR slot (a single tall capture would otherwise keep one slot busy).
        const perTile: TextLine[][] = new Array(tiles.length);
        let nextTile = 0;
        await Promise.all(Array.from({ length: Math.min(tiles.length, pool.size) }, async () => {
          for (let k = nextTile++; k < tiles.length; k = nextTile++) {
            const band = await render(tiles[k].clip);
            perTile[k] = await read(band.data, { width: band.width, height: band.height }, tiles[k].clip);
          }
        }));
        lines = mergeTileLines(tiles, perTile);
      } else {
        const rendered = await render();
        if (t.regions === null) {
          lines = await read(rendered.data, { width: rendered.width, height: rendered.height }, pagePlacement);
        } else {
          // Read each large image where it is drawn: crop the rendered page to the image's box.
          const gray = toGray(rendered.data, `item ${itemId} page ${t.page.index}`);
          const sx = rendered.width / t.page.width, sy = rendered.height / t.page.height;
          for (const r of t.regions) {
            const x0 = Math.max(0, Math.floor(r[0] * sx)), y0 = Math.max(0, Math.floor(r[1] * sy));
            const x1 = Math.min(gray.width, Math.ceil(r[2] * sx)), y1 = Math.min(gray.height, Math.ceil(r[3] * sy));
            if (x1 - x0 < 16 || y1 - y0 < 16) continue;
            const crop = cropGray(gray, x0, y0, x1, y1);
            lines.push(...await read(encodePgm(crop), { width: crop.width, height: crop.height }, [x0 / sx, y0 / sy, x1 / sx, y1 / sy]));
          }
        }
      }
    } catch (e) {
      throwIfCancelled(opts.signal);
      if (!(e instanceof DocumentJobError) && !(e instanceof ShokoError && e.kind === 'bad-input')) throw e;
      failedPages.push({ index: t.page.index, error: e.message });
      done++;
      report(t.page.index);
      return;
    }
    let confSum = 0, confChars = 0;
    for (const l of lines) {
      const n = l.chars.filter((ch) => ch.c !== ' ').length;
      confSum += (l.confidence ?? 0) * n;
      confChars += n;
    }
    storePageOcr(c, itemId, t.page.index, lines, confChars ? confSum / confChars : null, engineVersion(pool.variant));
    done++;
    report(t.page.index);
  };

  // Keep the pool fed: a few pages in flight per OCR slot, so rendering overlaps recognition.
  const queue = [...tasks];
  const lanes = Array.from({ length: Math.min(queue.length, pool.size * 2) }, async () => {
    for (let t = queue.shift(); t; t = queue.shift()) await runTask(t);
  });
  await Promise.all(lanes);
  throwIfCancelled(opts.signal);

  // A page not OCR'd is a page not read: the item says so (partial), it is never a silent `ok`.
  setOcrReadNote(c, itemId, failedPages);
  appendCustodyEvent(c.db, {
    action: 'ocr.completed',
    itemId,
    details: { pages: tasks.length - failedPages.length, fromCache, failedPages, langs, mode, vertical, engine: engineVersion(pool.variant) },
  });
  return { itemId, pagesOcrd: tasks.length - failedPages.length, fromCache, failedPages };
}

/** The pages (or the large pictures on them) OCR reads in `mode`: pictures, pages without text, large images. */
function pagesToOcr(c: CaseHandle, itemId: number, format: string, mode: 'auto' | 'always'): PageTask[] {
  const tasks: PageTask[] = [];
  for (const page of listPages(c, itemId)) {
    if (mode === 'always' || page.needsOcr || PICTURE_FORMATS.has(format)) tasks.push({ page, regions: null });
    else {
      const large = page.images.filter((im) => isLargeImage(im, page));
      if (large.length) tasks.push({ page, regions: large.map((im) => intersectBoxes(im.box, [0, 0, page.width, page.height])!) });
    }
  }
  return tasks;
}

/**
 * With OCR turned off (`--ocr never`), the pages OCR would have read and no earlier run has: their text is
 * not read at all, so the item says so (partial, note ocr-pages-not-read) instead of a silent `ok`. A later
 * scan with OCR reads them and clears the note.
 */
export function noteOcrOff(c: CaseHandle, itemId: number): number {
  const doc = requireDocument(c, itemId);
  if (doc.status !== 'ok') return 0;
  const read = new Set((c.db.prepare("SELECT page_index FROM page_text WHERE item_id = ? AND source = 'ocr'").all(itemId) as { page_index: number }[]).map((r) => r.page_index));
  const unread = pagesToOcr(c, itemId, doc.format, 'auto').filter((t) => !read.has(t.page.index));
  setOcrReadNote(c, itemId, unread.map((t) => ({ index: t.page.index, error: 'OCR was turned off for this scan' })));
  return unread.length;
}

function isLargeImage(im: PageImage, page: PageSummary): boolean {
  const onPage = intersectBoxes(im.box, [0, 0, page.width, page.height]);
  return onPage !== null && boxArea(onPage) >= LARGE_IMAGE_PAGE_FRACTION * page.width * page.height
    && im.width * im.height >= LARGE_IMAGE_MIN_PIXELS;
}

/**
 * Render at the resolution of the page's largest image (no detail thrown away, none invented), within
 * bounds. A picture page (image file, screenshot, CBZ) is rendered at its image's own pixels, not raised to 150 dpi:
 * its size in points comes from a density the file may not even state, and scaling a 1242×2208 screenshot
 * up to "150 dpi" gave tesseract 2.4× the pixels, a quarter more CPU and worse readings (issue 13).
 */
function renderDpi(page: PageSummary, picture: boolean): number {
  const best = imageDensity(page);
  if (picture && best > 0) return Math.min(MAX_DPI, best);
  return best > 0 ? Math.round(Math.min(MAX_DPI, Math.max(MIN_DPI, best))) : DEFAULT_DPI;
}

/** A book whose native text runs in vertical columns is vertical: no need to try both modes. */
function declaredVertical(c: CaseHandle, itemId: number): VerticalChoice {
  let vertical = 0, horizontal = 0;
  for (const p of listPages(c, itemId)) {
    for (const l of getPageLines(c, itemId, p.index, 'native')) {
      if (l.wmode === 'vertical') vertical += l.chars.length;
      else horizontal += l.chars.length;
    }
    if (vertical + horizontal > 5000) break;
  }
  return vertical >= 50 && vertical >= 4 * horizontal ? 'yes' : 'auto';
}

function storePageOcr(c: CaseHandle, itemId: number, pageIndex: number, lines: TextLine[], confidence: number | null, engine: string): void {
  c.db.transaction(() => {
    c.db.prepare(`INSERT OR REPLACE INTO page_text (item_id, page_index, source, lines_json, engine, created_at)
      VALUES (?, ?, 'ocr', ?, ?, ?)`).run(itemId, pageIndex, JSON.stringify(lines), engine, now().utc);
    const hasNative = getPageLines(c, itemId, pageIndex, 'native').length > 0;
    const source = lines.length ? (hasNative ? 'mixed' : 'ocr') : hasNative ? 'native' : 'none';
    c.db.prepare('UPDATE document_page SET text_source = ?, ocr_confidence = ? WHERE item_id = ? AND page_index = ?')
      .run(source, confidence === null ? null : Math.round(confidence * 10) / 10, itemId, pageIndex);
  })();
}

