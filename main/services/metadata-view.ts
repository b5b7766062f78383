import type { MetadataView } from '../../shared/ipc/types';
import type { DocumentRecord } from '../documents/document-store';
import { metadataFields } from '../documents/metadata-fields';

/**
 * A document's metadata as displayable key/value lines (title, authors, identifiers, tools…). Keys are
 * fixed names the UI translates (`meta.<key>`); `status` is a read status code; values are the file's own
 * data, except `error` and `warnings` (the engine's English). The note is a code (`not-scanned`).
 */
export function metadataView(itemId: number, d: DocumentRecord | null): MetadataView {
  if (!d) return { itemId, available: false, fields: [], note: 'not-scanned' };
  const fields: { key: string; value: string }[] = [];
  const add = (key: string, v: unknown) => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return;
    fields.push({ key, value: Array.isArray(v) ? v.join('; ') : String(v) });
  };
  add('format', d.format);
  add('status', d.status);
  add('error', d.error);
  add('pages', d.pageCount);
  if (d.layout) add('layout', `${d.layout.width}×${d.layout.height} pt, em ${d.layout.em}`);
  const m = d.metadata;
  if (m) {
    // XMP is said by its length: a number the UI words in its own language.
    fields.push(...metadataFields(m).map((f) => (f.key === 'XMP' ? { key: f.key, value: String(m.xmp?.length ?? 0) } : f)));
    if (m.attachments?.length) add('attachments', m.attachments.map((a) => `${a.name} (${a.size} B)`));
    if (m.inventory?.length) add('package entries', m.inventory.length);
    if (m.images?.length) add('images', m.images.length);
    add('warnings', m.warnings);
  }
  return { itemId, available: true, fields };
}
