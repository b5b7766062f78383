import type { KindleBook } from './container';
import { writeEpub, type EpubItem } from './epub-writer';
import type { MobiHeader } from './mobi-header';

/** What a converter produced; the package metadata comes from the book's headers. */
export interface KindleEpubContent {
  /** ids of the items in reading order. */
  spine: string[];
  items: EpubItem[];
  /** id of the toc.ncx item, if one was written. */
  tocId?: string;
  coverImageId?: string;
  /** Which part of the container was converted, recorded in the OPF (shoko:converted-from). */
  convertedFrom: string;
}

/** The package identifier: the ASIN/UUID from EXTH 113/504, else the MOBI header's unique id. */
export function kindleIdentifier(book: KindleBook, h: MobiHeader): string {
  const { asin } = book.info.metadata;
  return asin ? `urn:uuid-or-asin:${asin}` : `urn:kindle-unique-id:${h.uniqueId}`;
}

/**
 * Packages a converted Kindle book as EPUB with one metadata mapping for every converter: title,
 * authors, language, publisher and page direction (EXTH 527) from the container, `h` being the
 * header of the converted part.
 */
export function writeKindleEpub(book: KindleBook, h: MobiHeader, content: KindleEpubContent): Promise<Uint8Array> {
  const md = book.info.metadata;
  const ppd = md.pageProgressionDirection;
  return writeEpub({
    identifier: kindleIdentifier(book, h),
    title: md.title || 'Untitled',
    authors: md.authors,
    language: md.language ?? 'und',
    publisher: md.publisher,
    spine: content.spine,
    tocId: content.tocId,
    pageProgressionDirection: ppd === 'rtl' || ppd === 'ltr' ? ppd : undefined,
    coverImageId: content.coverImageId,
    meta: { 'shoko:converted-from': content.convertedFrom },
    items: content.items,
  });
}
