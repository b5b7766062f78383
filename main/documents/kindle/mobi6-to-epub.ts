import { fromLatin1, latin1 } from './bytes';
import { openKindle } from './container';
import { writeKindleEpub } from './epub-builder';
import type { EpubItem } from './epub-writer';
import { requireReadable } from './kf8-to-epub';
import { NULL_INDEX } from './mobi-header';
import { readResources } from './resources';
import { readTextStream, type TextRecovery } from './text-stream';

const FILEPOS = /\bfilepos\s*=\s*["']?0*(\d+)["']?/gi;
const RECINDEX = /\brecindex\s*=\s*["']?0*(\d+)["']?/gi;

/**
 * MOBI 6 markup → one HTML document: `filepos` links are byte positions in the text stream, so
 * anchors are inserted at those positions (at the start of the tag they fall in) before anything
 * else moves; `recindex` images number the resource records from 1; mbp: tags go, page breaks become
 * CSS page breaks. Works on latin1 strings so byte positions stay valid until the final decode.
 */
export async function mobi6ToEpub(bytes: Uint8Array, recovery?: TextRecovery): Promise<Uint8Array> {
  const book = openKindle(bytes);
  requireReadable(book, 'kf7');
  const db = book.db!;
  const h = book.kf7!;
  // With `recovery`, damaged text records are skipped (and listed there) instead of failing the book.
  let text = latin1(readTextStream(db, h, recovery));

  const targets = new Set<number>();
  for (const m of text.matchAll(FILEPOS)) {
    const pos = Number(m[1]);
    if (pos <= text.length) targets.add(pos);
  }
  // One pass over the sorted targets (no re-copying of the text per anchor).
  const pieces: string[] = [];
  let done = 0;
  for (const pos of [...targets].sort((a, b) => a - b)) {
    const lt = text.lastIndexOf('<', pos - 1);
    const gt = text.lastIndexOf('>', pos - 1);
    const at = Math.max(done, lt > gt ? lt : pos); // inside a tag: put the anchor before that tag
    pieces.push(text.slice(done, at), `<a id="filepos${pos}"></a>`);
    done = at;
  }
  pieces.push(text.slice(done));
  text = pieces.join('');

  const warnings: string[] = [];
  const end = book.info.kind === 'joint' && book.kf8 ? book.kf8.base - 1 : db.recordCount;
  const resources = h.firstResourceRecord === NULL_INDEX ? [] : readResources(db, h.firstResourceRecord, end, warnings);
  const images = new Map(resources.filter((r) => r.kind === 'image').map((r) => [r.number, r]));
  const imageHref = (n: number) => `images/${String(n).padStart(5, '0')}.${images.get(n)!.extension}`;

  text = text
    .replace(FILEPOS, (_m, pos: string) => `href="#filepos${Number(pos)}"`)
    .replace(RECINDEX, (m, n: string) => (images.has(Number(n)) ? `src="../${imageHref(Number(n))}"` : m))
    .replace(/<guide>[\s\S]*?<\/guide>/gi, '')
    .replace(/<mbp:pagebreak\s*\/?>/gi, '<div style="page-break-before:always"></div>')
    .replace(/<\/?mbp:[^>]*>/gi, '');
  let html = new TextDecoder(h.codec).decode(fromLatin1(text));
  if (!/<head[\s>]/i.test(html)) html = html.replace(/<html[^>]*>/i, '$&<head></head>');
  html = html.replace(/<head([^>]*)>/i, '<head$1><meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>');

  const items: EpubItem[] = [{ id: 'book', href: 'text/book.html', mediaType: 'application/xhtml+xml', data: new TextEncoder().encode(html) }];
  for (const [n, r] of images) items.push({ id: `img${n}`, href: imageHref(n), mediaType: r.mediaType, data: r.data });
  return writeKindleEpub(book, h, { spine: ['book'], items, convertedFrom: `${book.info.kind} (KF7 text)` });
}
