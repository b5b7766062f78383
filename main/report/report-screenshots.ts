import fs from 'node:fs';
import * as mupdf from 'mupdf';
import type { CaseFindings } from '../evidence/bag/case-findings';
import type { ReportScreenshot } from './report-html';

const MAX_SHOTS = 4;
const DPI = 72;

/**
 * Images of the key pages (most non-dismissed hits first, leak records before other personal data),
 * taken only from redacted exports, never from originals: the report must not show what was redacted.
 * PNG exports are used as they are; a redacted PDF's page is rendered at a modest resolution.
 */
export function keyPageScreenshots(f: CaseFindings): ReportScreenshot[] {
  const weight = new Map<string, number>();
  const bump = (item: number, page: number, w: number) => weight.set(`${item}:${page - 1}`, (weight.get(`${item}:${page - 1}`) ?? 0) + w);
  for (const r of f.records) for (const o of r.occurrences) bump(o.item, o.page, r.present ? 10 : 2);
  for (const p of f.pii) bump(p.item, p.page, 1);
  const keys = [...weight].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const shots: ReportScreenshot[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (shots.length >= MAX_SHOTS) break;
    const [item, pageIndex] = key.split(':').map(Number);
    for (const e of f.exports) {
      if (e.itemId !== item || !e.pages.includes(pageIndex) || seen.has(key)) continue;
      const png = pageImage(e.file, e.format, e.pages.indexOf(pageIndex));
      if (!png) continue;
      seen.add(key);
      const name = f.items.find((i) => i.item.id === item)?.item.name ?? `#${item}`;
      shots.push({ caption: `#${item} ${name} — p.${pageIndex + 1} (${e.name})`, png });
      break;
    }
  }
  return shots;
}

function pageImage(file: string, format: string, n: number): Uint8Array | null {
  try {
    if (format === 'png' || format === 'screenshot') return fs.readFileSync(file);
    if (format !== 'pdf') return null;
    const doc = mupdf.Document.openDocument(fs.readFileSync(file), 'application/pdf');
    try {
      if (n < 0 || n >= doc.countPages()) return null;
      const page = doc.loadPage(n);
      const pix = page.toPixmap(mupdf.Matrix.scale(DPI / 72, DPI / 72), mupdf.ColorSpace.DeviceRGB, false, true);
      const png = pix.asPNG().slice();
      pix.destroy();
      page.destroy();
      return png;
    } finally {
      doc.destroy();
    }
  } catch {
    // An export that cannot be read is simply not illustrated; the package still carries the file.
    return null;
  }
}
