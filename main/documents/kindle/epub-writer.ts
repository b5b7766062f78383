import { ZipFile } from 'yazl';
import { zipToBytes } from '../zip-bytes';

export interface EpubItem {
  id: string;
  /** Path inside OEBPS/. */
  href: string;
  mediaType: string;
  data: Uint8Array;
  properties?: string;
}

export interface EpubPackage {
  identifier: string;
  title: string;
  authors: string[];
  language: string;
  publisher?: string;
  /** ids of the items in reading order. */
  spine: string[];
  /** id of the NCX item (spine toc attribute), if there is one. */
  tocId?: string;
  pageProgressionDirection?: 'ltr' | 'rtl';
  coverImageId?: string;
  /** Extra <meta name content> pairs (recorded in the OPF for provenance). */
  meta?: Record<string, string>;
  items: EpubItem[];
}

/** Fixed entry time so the same book always yields the same EPUB bytes (reproducible cache keys). */
const ENTRY_TIME = new Date(Date.UTC(2000, 0, 1));

const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

export const xmlEscape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

function opf(p: EpubPackage): string {
  const meta = Object.entries(p.meta ?? {})
    .map(([k, v]) => `    <meta name="${xmlEscape(k)}" content="${xmlEscape(v)}"/>\n`)
    .join('');
  const cover = p.coverImageId ? `    <meta name="cover" content="${xmlEscape(p.coverImageId)}"/>\n` : '';
  const items = p.items
    .map((i) => `    <item id="${xmlEscape(i.id)}" href="${xmlEscape(i.href)}" media-type="${xmlEscape(i.mediaType)}"/>\n`)
    .join('');
  const spine = p.spine.map((id) => `    <itemref idref="${xmlEscape(id)}"/>\n`).join('');
  const ppd =
    (p.tocId ? ` toc="${xmlEscape(p.tocId)}"` : '') + (p.pageProgressionDirection ? ` page-progression-direction="${p.pageProgressionDirection}"` : '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="bookid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="bookid">${xmlEscape(p.identifier)}</dc:identifier>
    <dc:title>${xmlEscape(p.title)}</dc:title>
${p.authors.map((a) => `    <dc:creator opf:role="aut">${xmlEscape(a)}</dc:creator>\n`).join('')}    <dc:language>${xmlEscape(p.language)}</dc:language>
${p.publisher ? `    <dc:publisher>${xmlEscape(p.publisher)}</dc:publisher>\n` : ''}${cover}${meta}  </metadata>
  <manifest>
${items}  </manifest>
  <spine${ppd}>
${spine}  </spine>
</package>
`;
}

/** Writes an EPUB (OCF zip: "mimetype" first and stored, then container.xml, the OPF and the items). */
export function writeEpub(p: EpubPackage): Promise<Uint8Array> {
  const zip = new ZipFile();
  const enc = new TextEncoder();
  const add = (name: string, data: Uint8Array, compress: boolean) =>
    zip.addBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength), name, { mtime: ENTRY_TIME, compress, forceDosTimestamp: true });
  add('mimetype', enc.encode('application/epub+zip'), false);
  add('META-INF/container.xml', enc.encode(CONTAINER_XML), true);
  add('OEBPS/content.opf', enc.encode(opf(p)), true);
  for (const item of p.items) add(`OEBPS/${item.href}`, item.data, !item.mediaType.startsWith('image/'));
  return zipToBytes(zip);
}
