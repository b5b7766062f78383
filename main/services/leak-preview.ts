import path from 'node:path';
import type { LeakPreview } from '../../shared/ipc/types';
import type { EncodingChoice } from '../detect/leaks/decode';
import { describeMapping, guessMapping } from '../detect/leaks/header-map';
import { openList, type BadRow } from '../detect/leaks/read-list';
import { maskValue } from './masking';

const PREVIEW_ROWS = 8;

/**
 * The import wizard's first look at a list: the encoding (detected, or the one asked for), the
 * columns and the guessed mapping, and the first rows with every value masked. Nothing is stored.
 */
export async function previewLeakList(file: string, encoding: EncodingChoice = 'auto'): Promise<LeakPreview> {
  const abs = path.resolve(file);
  const list = await openList(abs, { encoding }); // read in chunks: a list may be larger than memory
  const rows: string[][] = [];
  let count = 0;
  list.forEachRow((r) => {
    count++;
    if (rows.length < PREVIEW_ROWS) rows.push(r.cells.map(maskValue));
  });
  const detected = list.detectedEncoding ?? list.format;
  const mapping = describeMapping(list.headers, guessMapping(list.headers));
  return {
    file: abs,
    sha256: list.sha256,
    encoding: list.encoding ?? list.format,
    detectedEncoding: detected,
    columns: list.headers,
    mapping,
    keyColumn: guessKeyColumn(list.headers, mapping),
    rows,
    rowCount: count,
    badRows: list.badRows.map((b: BadRow) => ({ line: b.line, reason: b.reason })),
  };
}

/**
 * A record key worth suggesting: an identifier column (会員番号, 顧客ID, member_id…) that is not itself
 * one of the personal fields. The examiner confirms or changes it; null means "row number".
 */
export function guessKeyColumn(headers: readonly string[], mapping: Record<string, string>): string | null {
  const mapped = new Set(Object.values(mapping));
  return headers.find((h) => !mapped.has(h) && /(番号|ｉｄ|id|no\.?|コード|code|key)$/i.test(h.normalize('NFKC').replace(/[\s_-]/g, ''))) ?? null;
}

/** The wizard's mapping (field → header) as the importer's `--map` option: every field set or cleared. */
export function mapOption(headers: readonly string[], mapping: Record<string, string>, fields: readonly string[]): string {
  return fields.map((f) => {
    const idx = mapping[f] ? headers.indexOf(mapping[f]) : -1;
    return `${f}=${idx >= 0 ? idx + 1 : ''}`;
  }).join(',');
}
