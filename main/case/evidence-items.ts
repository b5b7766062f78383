import { notFound } from '../common/errors';
import type { CaseDb } from './case-db';

export interface EvidenceItem {
  id: number;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  mediaType: string;
  mediaLabel: string;
  protection: string | null;
  extensionMismatch: boolean;
  name: string;
  addedAt: string;
  acquisitions: Acquisition[];
}

export interface Acquisition {
  /** Readable: UTF-8 as given, or the bytes decoded (Shift_JIS) or escaped (\xNN) — see originalNameBytes. */
  originalName: string;
  originalPath: string;
  /** Only for a name that is not UTF-8: its bytes (hex) and how originalName was made from them. */
  originalNameBytes?: { hex: string; decodedFrom: 'cp932' | 'escaped' };
  /** Only for a path that is not UTF-8: its bytes (hex). */
  originalPathHex?: string;
  originalMtime: string | null;
  acquiredAt: string;
  tzOffsetMin: number;
  tzName: string;
  collector: string | null;
  source: string | null;
  note: string | null;
}

interface ItemRow {
  id: number; sha256: string; sha1: string; md5: string; size: number; media_type: string; media_label: string;
  protection: string | null; extension_mismatch: number; first_name: string; added_at: string;
}
interface AcqRow {
  item_id: number; original_name: string; original_path: string; original_mtime: string | null; acquired_at: string;
  tz_offset_min: number; tz_name: string; collector: string | null; source: string | null; note: string | null;
  original_name_hex: string | null; original_name_decoding: 'cp932' | 'escaped' | null; original_path_hex: string | null;
}

export function listEvidenceItems(db: CaseDb): EvidenceItem[] {
  const rows = db.prepare('SELECT * FROM evidence_item ORDER BY id').all() as ItemRow[];
  const acqs = db.prepare('SELECT * FROM acquisition ORDER BY id').all() as AcqRow[];
  const byItem = new Map<number, Acquisition[]>();
  for (const a of acqs) {
    const list = byItem.get(a.item_id) ?? [];
    list.push(toAcquisition(a));
    byItem.set(a.item_id, list);
  }
  return rows.map((r) => toItem(r, byItem.get(r.id) ?? []));
}

/** One item by id; an unknown id is bad input naming the case's items. */
export function getEvidenceItem(db: CaseDb, id: number): EvidenceItem {
  const r = db.prepare('SELECT * FROM evidence_item WHERE id = ?').get(id) as ItemRow | undefined;
  if (!r) {
    const ids = (db.prepare('SELECT id FROM evidence_item ORDER BY id').all() as { id: number }[]).map((x) => x.id);
    throw notFound(`no evidence item ${id} in this case (items: ${ids.length ? ids.join(', ') : 'none'})`);
  }
  const acqs = db.prepare('SELECT * FROM acquisition WHERE item_id = ? ORDER BY id').all(id) as AcqRow[];
  return toItem(r, acqs.map(toAcquisition));
}

function toItem(r: ItemRow, acquisitions: Acquisition[]): EvidenceItem {
  return {
    id: r.id, sha256: r.sha256, sha1: r.sha1, md5: r.md5, size: r.size, mediaType: r.media_type, mediaLabel: r.media_label,
    protection: r.protection, extensionMismatch: r.extension_mismatch === 1, name: r.first_name, addedAt: r.added_at, acquisitions,
  };
}

function toAcquisition(a: AcqRow): Acquisition {
  return {
    originalName: a.original_name, originalPath: a.original_path, originalMtime: a.original_mtime, acquiredAt: a.acquired_at,
    tzOffsetMin: a.tz_offset_min, tzName: a.tz_name, collector: a.collector, source: a.source, note: a.note,
    ...(a.original_name_hex ? { originalNameBytes: { hex: a.original_name_hex, decodedFrom: a.original_name_decoding ?? 'escaped' } } : {}),
    ...(a.original_path_hex ? { originalPathHex: a.original_path_hex } : {}),
  };
}
