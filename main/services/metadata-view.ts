import type { MetadataView } from '../../shared/ipc/types';
import type { DocumentRecord } from '../documents/document-store';
import { metadataFields } from '../documents/metadata-fields';

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
    fields.push(...metadataFields(m));
    if (m.attachments?.length) add('attachments', m.attachments.map((a) => `${a.name} (${a.size} bytes)`));
    if (m.inventory?.length) add('package entries', m.inventory.length);
    if (m.images?.length) add('images', m.images.length);
    add('warnings', m.warnings);
  }
  return { itemId, available: true, fields };
}
