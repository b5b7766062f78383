import { parseBase32 } from './bytes';
import type { Kf8File, Kf8Parts } from './kf8-parts';

/** Where each kindle: reference of the markup goes in the EPUB (paths relative to the OEBPS root). */
export interface LinkTargets {
  fileHref: (fileIndex: number) => string;
  /** kindle:embed number → href, undefined when the record is not a usable image/font. */
  resourceHref: (embedNumber: number) => string | undefined;
  /** Flow number → href, undefined for flow 0 or unknown flows. */
  flowHref: (flow: number) => string | undefined;
}

interface IdMark {
  /** Position just past the tag that carries the id. */
  tagEnd: number;
  id: string;
}

const ID_IN_TAG = /<[^>]*?\sid\s*=\s*['"]([^'"]*)['"][^>]*>/gi;
const POS_FID = /kindle:pos:fid:([0-9A-Va-v]+):off:([0-9A-Va-v]+)/g;
const EMBED = /kindle:embed:([0-9A-Va-v]+)(?:\?mime=[^'")\s]*)?/g;
const FLOW = /kindle:flow:([0-9A-Va-v]+)(?:\?mime=[^'")\s]*)?/g;

/**
 * Rewrites the kindle: URIs of the rebuilt markup into EPUB-relative hrefs. `kindle:pos:fid:F:off:O`
 * is a position (fragment F's insert position + O) in the raw text; it becomes the file holding that
 * position plus the nearest id at or before it (calibre reader/markup.py does the same).
 */
export class Kf8LinkResolver {
  private readonly ids = new Map<number, IdMark[]>();

  constructor(
    private readonly parts: Kf8Parts,
    private readonly targets: LinkTargets,
  ) {}

  /** `fromDir` is the folder of the document being rewritten ("text" or "styles"), for relative hrefs. */
  rewrite(markup: string, fromDir: string, fileIndex?: number): string {
    const rel = (href: string) => relativeHref(fromDir, href);
    return markup
      .replace(POS_FID, (_m, fid: string, off: string) => {
        const target = this.resolvePosition(parseBase32(fid), parseBase32(off));
        if (!target) return '#';
        const href = target.fileIndex === fileIndex ? '' : rel(this.targets.fileHref(target.fileIndex));
        return target.id ? `${href}#${target.id}` : href || '#';
      })
      .replace(EMBED, (m, num: string) => {
        const href = this.targets.resourceHref(parseBase32(num));
        return href ? rel(href) : m;
      })
      .replace(FLOW, (m, num: string) => {
        const href = this.targets.flowHref(parseBase32(num));
        return href ? rel(href) : m;
      });
  }

  resolvePosition(fid: number, off: number): { fileIndex: number; id?: string } | undefined {
    const frag = this.parts.fragments[fid];
    if (!frag || !Number.isFinite(off)) return undefined;
    const pos = frag.insertPos + off;
    const file = this.parts.files.find((f) => pos >= f.start && pos < f.end);
    if (!file) return undefined;
    return { fileIndex: file.index, id: this.idAt(file, pos - file.start) };
  }

  /** The last id whose tag starts before `offset` (or the tag containing offset), if any. */
  private idAt(file: Kf8File, offset: number): string | undefined {
    let marks = this.ids.get(file.index);
    if (!marks) {
      marks = [];
      for (const m of file.markup.matchAll(ID_IN_TAG)) marks.push({ tagEnd: m.index + m[0].length, id: m[1]! });
      this.ids.set(file.index, marks);
    }
    // A position inside a tag counts that tag: extend to the tag's end.
    const lt = file.markup.indexOf('<', offset);
    const gt = file.markup.indexOf('>', offset);
    const limit = gt >= 0 && (lt === offset || lt < 0 || gt < lt) ? gt + 1 : offset;
    let found: string | undefined;
    let lo = 0;
    let hi = marks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid]!.tagEnd <= limit) {
        found = marks[mid]!.id;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** href (relative to the OEBPS root) as seen from folder `fromDir`. */
function relativeHref(fromDir: string, href: string): string {
  const [dir, ...rest] = href.split('/');
  if (rest.length === 0) return fromDir ? `../${href}` : href;
  if (dir === fromDir) return rest.join('/');
  return fromDir ? `../${href}` : href;
}
