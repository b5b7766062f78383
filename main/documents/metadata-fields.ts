import type { DocumentMetadata } from './types';

export interface MetadataField {
  key: string;
  value: string;
}

/**
 * A document's descriptive metadata as key/value lines, in one order for every view (CLI `info`,
 * the app's evidence screen). Empty values are left out; lists are joined with '; '.
 */
export function metadataFields(m: DocumentMetadata, opts: { xmpNote?: string; kindleChars?: number } = {}): MetadataField[] {
  const fields: MetadataField[] = [];
  const add = (key: string, v: unknown) => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return;
    fields.push({ key, value: Array.isArray(v) ? v.join('; ') : String(v) });
  };
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
  if (m.xmp) add('XMP', `${m.xmp.length} characters${opts.xmpNote ?? ''}`);
  if (m.kindle) add('Kindle', JSON.stringify(m.kindle).slice(0, opts.kindleChars ?? 300));
  return fields;
}
