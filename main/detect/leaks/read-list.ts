import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../../common/errors';
import { decodeList, type EncodingChoice, type ListEncoding } from './decode';

export type ListFormat = 'csv' | 'tsv' | 'xlsx' | 'jsonl';

export interface BadRow {
  /** 1-based line in the file (sheet row for XLSX) where the row starts. */
  line: number;
  reason: string;
}

/** One data row: its cells (as text, aligned with `headers`) and where it starts in the file. */
export interface ListRow {
  cells: string[];
  line: number;
  /** 1-based number among good and bad data rows (the default record key). */
  rowNumber: number;
}

export interface ListFile {
  format: ListFormat;
  encoding: ListEncoding | null;
  sheet: string | null;
  headers: string[];
  /** Rows that could not be used; for CSV/TSV complete once forEachRow has run. */
  badRows: BadRow[];
  /** Data rows, streamed to the callback (a million-row list is never held as row objects). */
  forEachRow(onRow: (row: ListRow) => void): void;
}

export interface ReadListOptions {
  encoding?: EncodingChoice;
  sheet?: string;
}

export function listFormat(file: string): ListFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.xls') throw badInput(`${file}: old Excel .xls is not supported; save it as .xlsx or CSV`);
  return 'csv';
}

/** Opens a leaked-record list: CSV/TSV (UTF-8, Shift_JIS/CP932, EUC-JP), XLSX or JSON Lines. */
export async function readList(file: string, buf: Buffer, opts: ReadListOptions = {}): Promise<ListFile> {
  const format = listFormat(file);
  if (format === 'xlsx') return readXlsx(file, buf, opts.sheet);
  const { text, encoding } = decodeList(buf, opts.encoding ?? 'auto', file);
  if (format === 'jsonl') return readJsonl(file, text, encoding);
  return readDelimited(file, text, encoding, format === 'tsv' || sniffTab(text) ? 'tsv' : 'csv');
}

function sniffTab(text: string): boolean {
  const first = text.slice(0, text.indexOf('\n') >>> 0 || 4096);
  return (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0);
}

const BROKEN = '\uFFFD';

function readDelimited(file: string, text: string, encoding: ListEncoding, format: 'csv' | 'tsv'): ListFile {
  if (isUnquoted(text)) return readUnquoted(file, text, encoding, format);
  const common = { delimiter: format === 'tsv' ? '\t' : ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: true } as const;
  const first = parse(text, { ...common, to: 1 }) as string[][];
  if (!first.length) throw badInput(`${file}: empty list (no header row)`);
  const headers = first[0].map((h) => h.trim());
  if (headers.some((h) => h.includes(BROKEN))) throw badInput(`${file}: line 1: header has undecodable bytes; give --encoding`);
  const badRows: BadRow[] = [];
  const forEachRow = (onRow: (row: ListRow) => void) => {
    let rowNumber = 0, isHeader = true;
    badRows.length = 0;
    parse(text, {
      ...common,
      skip_records_with_error: true,
      on_skip: (err) => { rowNumber++; badRows.push({ line: (err as { lines?: number }).lines ?? 0, reason: err?.message ?? 'unreadable row' }); },
      on_record: (rec: string[], ctx) => {
        if (isHeader) { isHeader = false; return null; }
        let newlines = 0;
        for (const c of rec) if (c.includes('\n') || c.includes('\r')) newlines += c.match(/\r\n|\n|\r/g)!.length;
        const line = ctx.lines - newlines;
        if (rec.length === 1 && rec[0].trim() === '') return null;
        rowNumber++;
        if (rec.length !== headers.length) badRows.push({ line, reason: `${rec.length} columns, header has ${headers.length}` });
        else if (rec.some((c) => c.includes(BROKEN))) badRows.push({ line, reason: `undecodable bytes (not ${encoding})` });
        else onRow({ cells: rec, line, rowNumber });
        return null;
      },
    });
  };
  return { format, encoding, sheet: null, headers, badRows, forEachRow };
}

function readJsonl(file: string, text: string, encoding: ListEncoding): ListFile {
  const lines = text.split(/\r?\n/);
  const headers: string[] = [];
  const seen = new Set<string>();
  const badRows: BadRow[] = [];
  const objects: { line: number; obj: Record<string, unknown> | null }[] = [];
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    let obj: unknown;
    try { obj = JSON.parse(l); } catch (e) {
      badRows.push({ line: i + 1, reason: `not JSON (${(e as Error).message})` });
      objects.push({ line: i + 1, obj: null });
      return;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      badRows.push({ line: i + 1, reason: 'not a JSON object' });
      objects.push({ line: i + 1, obj: null });
      return;
    }
    if (l.includes(BROKEN)) { badRows.push({ line: i + 1, reason: `undecodable bytes (not ${encoding})` }); objects.push({ line: i + 1, obj: null }); return; }
    for (const k of Object.keys(obj)) if (!seen.has(k)) { seen.add(k); headers.push(k); }
    objects.push({ line: i + 1, obj: obj as Record<string, unknown> });
  });
  if (!headers.length) throw badInput(`${file}: no JSON objects`);
  return {
    format: 'jsonl', encoding, sheet: null, headers, badRows,
    forEachRow: (onRow) => {
      objects.forEach(({ line, obj }, i) => {
        if (obj) onRow({ line, rowNumber: i + 1, cells: headers.map((h) => cellText(obj[h])) });
      });
    },
  };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return JSON.stringify(v);
  }
  return String(v);
}

async function readXlsx(file: string, buf: Buffer, sheetName: string | undefined): Promise<ListFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw badInput(`${file}: not a readable XLSX workbook (${(e as Error).message})`, e);
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw badInput(`${file}: no sheet ${sheetName ? `"${sheetName}" (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})` : 'in the workbook'}`);
  let headers: string[] | null = null;
  const rows: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[]; // 1-based
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).trim());
    if (!headers) { headers = cells; return; }
    rows.push({ line: rowNumber, cells });
  });
  if (!headers) throw badInput(`${file}: sheet "${ws.name}" is empty`);
  const h = headers as string[];
  const badRows: BadRow[] = [];
  const good: ListRow[] = [];
  rows.forEach((r, i) => {
    const extra = r.cells.slice(h.length).some((c) => c !== '');
    if (extra) badRows.push({ line: r.line, reason: `values beyond the ${h.length} header columns` });
    else good.push({ line: r.line, rowNumber: i + 1, cells: h.map((_, c) => r.cells[c] ?? '') });
  });
  return { format: 'xlsx', encoding: null, sheet: ws.name, headers: h, badRows, forEachRow: (onRow) => good.forEach(onRow) };
}

export function readListFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw badInput(`${file}: cannot read the list (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, e);
  }
}

/**
 * Without a quote character and with one kind of line ending, CSV/TSV is lines split on the delimiter:
 * read that way it is several times faster than the general parser (a million-row list is read at
 * import and again at every match). Anything else goes to csv-parse.
 */
function isUnquoted(text: string): boolean {
  if (text.includes('"')) return false;
  if (!text.includes('\r')) return true;
  // CRLF throughout: every \r before a \n and every \n after a \r.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 ? text.charCodeAt(i + 1) !== 10 : c === 10 && text.charCodeAt(i - 1) !== 13) return false;
  }
  return true;
}

function readUnquoted(file: string, text: string, encoding: ListEncoding, format: 'csv' | 'tsv'): ListFile {
  const delimiter = format === 'tsv' ? '\t' : ',';
  const crlf = text.includes('\r');
  const lineEnd = crlf ? '\r\n' : '\n';
  // Rows as csv-parse gives them: empty lines skipped, line numbers counted from 1 over every line.
  const eachLine = (onLine: (cells: string[], line: number) => boolean | void) => {
    let pos = 0, line = 0;
    while (pos < text.length) {
      let end = text.indexOf(lineEnd, pos);
      if (end < 0) end = text.length;
      line++;
      if (end > pos && onLine(text.slice(pos, end).split(delimiter), line) === false) return;
      pos = end + lineEnd.length;
    }
  };
  let headers: string[] | null = null;
  eachLine((cells) => { headers = cells.map((h) => h.trim()); return false; });
  if (!headers) throw badInput(`${file}: empty list (no header row)`);
  const h = headers as string[];
  if (h.some((x) => x.includes(BROKEN))) throw badInput(`${file}: line 1: header has undecodable bytes; give --encoding`);
  const badRows: BadRow[] = [];
  const broken = text.includes(BROKEN);
  const forEachRow = (onRow: (row: ListRow) => void) => {
    let rowNumber = 0, isHeader = true;
    badRows.length = 0;
    eachLine((rec, line) => {
      if (isHeader) { isHeader = false; return; }
      if (rec.length === 1 && rec[0].trim() === '') return;
      rowNumber++;
      if (rec.length !== h.length) badRows.push({ line, reason: `${rec.length} columns, header has ${h.length}` });
      else if (broken && rec.some((c) => c.includes(BROKEN))) badRows.push({ line, reason: `undecodable bytes (not ${encoding})` });
      else onRow({ cells: rec, line, rowNumber });
    });
  };
  return { format, encoding, sheet: null, headers: h, badRows, forEachRow };
}
