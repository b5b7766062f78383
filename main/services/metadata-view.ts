import type { MetadataView } from '../../shared/ipc/types';
import type { DocumentRecord } from '../documents/document-store';

/** A document's metadata as displayable key/value lines (title, authors, identifiers, tools…). */
export function metadataView(itemId: number, d: DocumentRecord | null): MetadataView {
  if (!d) return { itemId, available: false, fields: [], note: 'not scanned yet' };
  const fields: { key: string; value: string }[] = [];
  const add = (key: string, v: unknown) => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return;
    fields.push({ key, value: Array.isArray(v) ? v.join('; ') : String(v) });
  };
  add('format', `${d.format} (${d.status}${d.error ? `: ${d.error}` : ''})`);
  add('pages', d.pageCount);
  if (d.layout) add('layout', `${d.layout.width}×${d.layout.height} pt, em ${d.layout.em}`);
  const m = d.metadata;
  if (m) {
    add('title', m.title);
    add('authors', m.authors);
    add('contributors', m.contributors);
    add('publisher', m.publisher);
    add('language', m.language);
    add('identifiers', m.identifiers?.map((x) => `${x.scheme} ${x.value}`));
    add('dates', m.dates?.map((x) => `${x.event} ${x.value}`));
    add('tools', m.tools);
    add('description', m.description);
    add('rights', m.rights);
    if (m.epub) add('EPUB', Object.entries(m.epub).filter(([k, v]) => k !== 'meta' && v).map(([k, v]) => `${k} ${String(v)}`));
    if (m.pdfInfo) add('PDF Info', Object.entries(m.pdfInfo).map(([k, v]) => `${k}=${v}`));
    if (m.xmp) add('XMP', `${m.xmp.length} characters`);
    if (m.kindle) add('Kindle', JSON.stringify(m.kindle).slice(0, 300));
    if (m.attachments?.length) add('attachments', m.attachments.map((a) => `${a.name} (${a.size} bytes)`));
    if (m.inventory?.length) add('package entries', m.inventory.length);
    if (m.images?.length) add('images', m.images.length);
    add('warnings', m.warnings);
  }
  return { itemId, available: true, fields };
}
