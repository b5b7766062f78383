import { createHmac } from 'node:crypto';
import { FIELDS, normalizeField, type Field } from '../normalize/fields';
import type { ColumnMapping } from './header-map';

/** Normalized values of the mapped fields of one row (fields that do not normalize are left out). */
export function normalizeRow(cells: readonly string[], mapping: ColumnMapping): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const col = mapping[f];
    if (col === undefined) continue;
    const v = normalizeField(f, cells[col] ?? '');
    if (v !== null) out[f] = v;
  }
  return out;
}

/**
 * What the case keeps of a row: HMAC-SHA-256 (per-case key) of each normalized field, named by field
 * ('other:<header>' for unmapped columns). Without the key and the list, the values cannot be read back;
 * with the list, anyone holding the case can check that a record's fields are the ones imported.
 */
export function hashRow(key: Buffer, cells: readonly string[], headers: readonly string[], mapping: ColumnMapping,
  normalized: Partial<Record<Field, string>>, keyColumn: number | null = null): Record<string, string> {
  const out: Record<string, string> = {};
  const mappedCols = new Set<number>(Object.values(mapping));
  if (keyColumn !== null) mappedCols.add(keyColumn); // the key is stored as is
  for (const f of FIELDS) {
    const v = normalized[f];
    if (v !== undefined) out[f] = fieldHmac(key, f, v);
  }
  headers.forEach((h, i) => {
    if (mappedCols.has(i)) return;
    const v = normalizeField(`other:${h}`, cells[i] ?? '');
    if (v !== null) out[`other:${h}`] = fieldHmac(key, `other:${h}`, v);
  });
  return out;
}

export function fieldHmac(key: Buffer, field: string, normalized: string): string {
  return createHmac('sha256', key).update(field).update('\0').update(normalized).digest('base64url');
}
