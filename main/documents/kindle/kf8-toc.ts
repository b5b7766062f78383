import { fromLatin1 } from './bytes';
import { xmlEscape } from './epub-writer';
import { readIndex } from './indx';
import type { Kf8LinkResolver } from './kf8-markup';
import { decoderFor, NULL_INDEX, type MobiHeader } from './mobi-header';
import type { PalmDb } from './palmdb';

export interface TocEntry {
  label: string;
  /** href inside OEBPS/, with #fragment when the target has an id. */
  href: string;
  children: TocEntry[];
}

/**
 * The KF8 NCX index (calibre reader/ncx.py tag map): tag 3 label (CNCX offset), 4 depth,
 * 6 target as [fragment, offset], 21 parent entry. Entries whose parent is not an earlier entry are
 * top level (this also rules out parent cycles in a forged index). Returns [] when there is no NCX.
 */
export function readKf8Toc(db: PalmDb, h: MobiHeader, resolver: Kf8LinkResolver, fileHref: (i: number) => string, warnings: string[]): TocEntry[] {
  if (h.ncxIndex === NULL_INDEX) return [];
  let index;
  try {
    index = readIndex(db, h.base + h.ncxIndex, decoderFor(h.codec));
  } catch (e) {
    // The table of contents is navigation, not content: a broken NCX must not lose the book.
    warnings.push(`NCX index unreadable, no table of contents: ${(e as Error).message}`);
    return [];
  }
  const nodes: (TocEntry | undefined)[] = [];
  const roots: TocEntry[] = [];
  index.entries.forEach((e, i) => {
    const label = index.cncx.get(e.tags.get(3)?.[0] ?? -1);
    const posFid = e.tags.get(6);
    const target = posFid && posFid.length >= 2 ? resolver.resolvePosition(posFid[0]!, posFid[1]!) : undefined;
    if (!label || !target) {
      nodes.push(undefined);
      return;
    }
    // Ids come from the markup as latin1 byte strings; decode them like the markup itself.
    const id = target.id ? new TextDecoder(h.codec).decode(fromLatin1(target.id)) : '';
    const node: TocEntry = { label, href: fileHref(target.fileIndex) + (id ? `#${id}` : ''), children: [] };
    nodes.push(node);
    const parent = e.tags.get(21)?.[0];
    const parentNode = parent !== undefined && parent < i ? nodes[parent] : undefined;
    (parentNode ? parentNode.children : roots).push(node);
  });
  return roots;
}

/** An NCX document (EPUB 2 navigation; MuPDF builds the document outline from it). */
export function tocNcx(identifier: string, title: string, toc: TocEntry[]): string {
  let order = 0;
  const points = (entries: TocEntry[], indent: string): string =>
    entries
      .map((e) => {
        order++;
        return `${indent}<navPoint id="np${order}" playOrder="${order}"><navLabel><text>${xmlEscape(e.label)}</text></navLabel><content src="${xmlEscape(e.href)}"/>\n${points(e.children, `${indent}  `)}${indent}</navPoint>\n`;
      })
      .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="${xmlEscape(identifier)}"/></head>
  <docTitle><text>${xmlEscape(title)}</text></docTitle>
  <navMap>
${points(toc, '    ')}  </navMap>
</ncx>
`;
}
