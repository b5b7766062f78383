import { freshName, IMAGE_ENTRY, readableOther, takenNames, type NameClashes } from './epub-decoys';
import { writeZip } from './epub-rewrite';

const CONTAINER = 'META-INF/container.xml';

/**
 * An EPUB (in memory) whose spine is the other versions of clashing entries and the documents only
 * another package version names: laid out after the book's own pages, so a leak in any version is read.
 * It holds the kept entries as well (style sheets and pictures the documents link to), each other version
 * under a fresh name in its own folder, pictures on an XHTML page each, and its own package document.
 * Null when no other version is a document or picture.
 */
export async function otherVersionsEpub(clashes: NameClashes): Promise<{ bytes: Uint8Array; read: string[] } | null> {
  const readable = clashes.others.filter(readableOther);
  if (readable.length === 0 && clashes.otherSpines.length === 0) return null;
  const taken = takenNames(clashes.kept);
  const added: { name: string; data: Uint8Array }[] = [];
  const spine: { href: string; mediaType: string }[] = [];
  for (const o of readable) {
    const name = freshName(o.entry.name, taken);
    added.push({ name, data: o.entry.data });
    if (IMAGE_ENTRY.test(name)) {
      const page = freshName(`${name}.xhtml`, taken);
      const src = encodeHref(name.split('/').pop()!);
      added.push({ name: page, data: utf8(`<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body><div><img src="${xmlAttr(src)}" alt=""/></div></body></html>`) });
      spine.push({ href: page, mediaType: 'application/xhtml+xml' });
    } else spine.push({ href: name, mediaType: mediaTypeOf(name) });
  }
  for (const href of clashes.otherSpines) spine.push({ href, mediaType: mediaTypeOf(href) });
  const opfName = freshName('other-versions.opf', taken);
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">shoko-other-versions</dc:identifier><dc:title>other versions</dc:title><dc:language>und</dc:language></metadata>
<manifest>${spine.map((s, i) => `<item id="v${i}" href="${xmlAttr(encodeHref(s.href))}" media-type="${s.mediaType}"/>`).join('')}</manifest>
<spine>${spine.map((_, i) => `<itemref idref="v${i}"/>`).join('')}</spine></package>`;
  const container = `<?xml version="1.0" encoding="UTF-8"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="${xmlAttr(opfName)}" media-type="application/oebps-package+xml"/></rootfiles></container>`;
  const bytes = await writeZip([
    ...clashes.kept.filter((e) => e.name !== CONTAINER),
    ...added,
    { name: opfName, data: utf8(opf) },
    { name: CONTAINER, data: utf8(container) },
  ]);
  return { bytes, read: [...readable.map((o) => o.entry.name), ...clashes.otherSpines] };
}

function mediaTypeOf(name: string): string {
  if (/\.svg$/i.test(name)) return 'image/svg+xml';
  if (/\.html?$/i.test(name)) return 'text/html';
  return 'application/xhtml+xml';
}

/** Each path segment percent-encoded (an href is a URL; the OPF is at the archive's root). */
function encodeHref(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function utf8(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'));
}
