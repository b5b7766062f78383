import path from 'node:path';
import type { CaseHandle } from '../case/case-folder';
import { now } from '../common/clock';
import type { Verification } from './verify-export';

export type ExportKind = 'png' | 'pdf' | 'screenshot';

export interface ExportRecord {
  id: number;
  kind: ExportKind;
  itemId: number;
  /** Relative to the case folder when inside it, else absolute. */
  path: string;
  sha256: string;
  size: number;
  /** 0-based pages of the original shown in the output. */
  pages: number[];
  regionCount: number;
  createdAt: string;
}

export interface NewExport {
  kind: ExportKind;
  itemId: number;
  file: string;
  sha256: string;
  size: number;
  pages: number[];
  regionCount: number;
  verification: Verification;
}

export function recordExport(c: CaseHandle, e: NewExport): ExportRecord {
  const rel = path.relative(c.dir, e.file);
  const stored = rel.startsWith('..') || path.isAbsolute(rel) ? e.file : rel.split(path.sep).join('/');
  const at = now().utc;
  const id = Number(c.db.prepare(`INSERT INTO export (kind, item_id, path, sha256, size, pages_json, region_count, verification_json, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(e.kind, e.itemId, stored, e.sha256, e.size, JSON.stringify(e.pages), e.regionCount,
    JSON.stringify(e.verification), at).lastInsertRowid);
  return { id, kind: e.kind, itemId: e.itemId, path: stored, sha256: e.sha256, size: e.size, pages: e.pages, regionCount: e.regionCount, createdAt: at };
}

export function listExports(c: CaseHandle, itemId?: number): ExportRecord[] {
  const rows = c.db.prepare('SELECT * FROM export WHERE (? IS NULL OR item_id = ?) ORDER BY id').all(itemId ?? null, itemId ?? null) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id), kind: r.kind as ExportKind, itemId: Number(r.item_id), path: String(r.path), sha256: String(r.sha256), size: Number(r.size),
    pages: JSON.parse(String(r.pages_json)) as number[], regionCount: Number(r.region_count), createdAt: String(r.created_at),
  }));
}
