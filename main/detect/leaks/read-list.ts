import ExcelJS from 'exceljs';
import { Parser, type Options } from 'csv-parse';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { badInput, verificationFailed } from '../../common/errors';
import { chooseEncoding, detectedEncoding, ListDecoder, type EncodingChoice, type ListEncoding } from './decode';
import { fileBytes, memoryBytes, type ListBytes } from './list-bytes';
import { surveyList, type ListSurvey } from './survey';

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
  /** SHA-256 and size of the bytes read (every pass checks it read the same bytes). */
  sha256: string;
  size: number;
  /** The encoding `auto` would choose (shown beside a forced one); null for XLSX. */
  detectedEncoding: ListEncoding | null;
  /** Rows that could not be used; for CSV/TSV complete once forEachRow has run. */
  badRows: BadRow[];
  /**
   * Data rows, streamed to the callback: the file is read again in chunks, so a list larger than memory
   * is never held whole. Throws, after the last row, if the bytes read differ from the ones opened.
   */
  forEachRow(onRow: (row: ListRow) => void): void;
}

export interface ReadListOptions {
  encoding?: EncodingChoice;
  sheet?: string;
  /** Called with the file's SHA-256 before anything else is read from it (refuse a changed file first). */
  expectSha256?: (sha256: string) => void;
}

/** XLSX is loaded whole by ExcelJS (about 1 KB of memory per cell): bigger workbooks are refused. */
export const MAX_XLSX_BYTES = 64 << 20;
/** A record (CSV/TSV) or line (JSONL) longer than this is refused: a list holds records, not books. */
export const MAX_RECORD_CHARS = 64 << 20;

export function listFormat(file: string): ListFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.xls') throw badInput(`${file}: old Excel .xls is not supported; save it as .xlsx or CSV`);
  return 'csv';
}

/** Opens a leaked-record list file: CSV/TSV (UTF-8, Shift_JIS/CP932, EUC-JP), XLSX or JSON Lines. */
export async function openList(file: string, opts: ReadListOptions = {}): Promise<ListFile> {
  return openBytes(file, fileBytes(file), opts);
}

/** The same for a list's bytes already in memory (`file` names it and gives its format). */
export async function readList(file: string, buf: Buffer, opts: ReadListOptions = {}): Promise<ListFile> {
  return openBytes(file, memoryBytes(buf), opts);
}

async function openBytes(file: string, src: ListBytes & { size: number }, opts: ReadListOptions): Promise<ListFile> {
  const format = listFormat(file);
  if (format === 'xlsx') return readXlsx(file, src, opts);
  const survey = surveyList(src, file);
  opts.expectSha256?.(survey.sha256);
  const encoding = chooseEncoding(survey, opts.encoding ?? 'auto', file);
  const text = new TextPasses(file, src, survey, encoding);
  if (format === 'jsonl') return readJsonl(file, text);
  return readDelimited(file, text, format === 'tsv' || sniffTab(text) ? 'tsv' : 'csv');
}

/** Decoded passes over a text list; a pass that reads to the end checks it read the surveyed bytes. */
class TextPasses {
  constructor(readonly file: string, private readonly src: ListBytes, readonly survey: ListSurvey, readonly encoding: ListEncoding) {}

  /** Gives the text in pieces (in order, never splitting a character); `fn` returns false to stop. */
  run(fn: (text: string, last: boolean) => boolean | void): void {
    const decoder = new ListDecoder(this.encoding);
    const hash = createHash('sha256');
    let size = 0, stopped = false;
    this.src.eachChunk((chunk) => {
      hash.update(chunk);
      size += chunk.length;
      const text = decoder.write(chunk);
      if (text && fn(text, false) === false) { stopped = true; return false; }
    });
    if (stopped) return;
    fn(decoder.end(), true);
    const sha = hash.digest('hex');
    if (sha !== this.survey.sha256 || size !== this.survey.size) {
      throw verificationFailed(`${this.file}: the list changed while it was being read (SHA-256 ${sha.slice(0, 12)}… now, ${this.survey.sha256.slice(0, 12)}… when opened); nothing read in this pass is used. Read it again once nothing writes to it`);
    }
  }

  /** Lines split on `lineEnd`, numbered from 1 over every line, as csv-parse counts them; `fn` returns false to stop. */
  lines(lineEnd: string, fn: (text: string, line: number, broken: boolean) => boolean | void): void {
    let pending = '', line = 0;
    this.run((piece, last) => {
      const text = pending ? pending + piece : piece;
      // Whether this block has an undecodable character (rows are only searched for one when it does).
      const broken = text.includes(BROKEN);
      // The held part has no line end (but may hold the CR of a CR LF): a long line is not searched again.
      let pos = 0, from = Math.max(0, pending.length - lineEnd.length + 1);
      for (;;) {
        let end = text.indexOf(lineEnd, from);
        if (end < 0) {
          if (!last || pos >= text.length) break;
          end = text.length;
        }
        line++;
        if (end > pos && fn(text.slice(pos, end), line, broken) === false) return false;
        pos = from = end + lineEnd.length;
      }
      pending = pos < text.length ? text.slice(pos) : '';
      if (pending.length > MAX_RECORD_CHARS) throw tooLong(this.file, line + 1);
    });
  }
}

function tooLong(file: string, line: number) {
  return badInput(`${file}: line ${line}: longer than ${MAX_RECORD_CHARS >> 20} Mi characters without a line end; not a list of records (or a quote left open); nothing was imported`);
}

/** Tabs outnumber commas on the first line (its first 4 Mi characters). */
function sniffTab(text: TextPasses): boolean {
  let first = '';
  text.run((piece) => {
    const nl = piece.indexOf('\n');
    first += nl >= 0 ? piece.slice(0, nl) : piece;
    return nl < 0 && first.length < 4 << 20;
  });
  return (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0);
}

const BROKEN = '\uFFFD';

/** csv-parse's synchronous core (what `csv-parse/sync` drives), fed one chunk at a time. */
interface CsvCore {
  parse(buf: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): Error | undefined;
}
function csvCore(options: Options): CsvCore {
  // `Parser` is the stream wrapper; its `api` is the same object `csv-parse/sync` uses, which the
  // package does not export on its own. Driven directly, parsing stays synchronous and chunked.
  return (new Parser(options) as unknown as { api: CsvCore }).api;
}
const ignore = () => {};

/** Feeds every decoded piece to csv-parse (as UTF-8, which it parses); stops when `done()` says so. */
function parseCsv(text: TextPasses, options: Options, done: () => boolean = () => false): void {
  const core = csvCore(options);
  const check = (err: Error | undefined) => {
    if (!err) return;
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw tooLong(text.file, (err as { lines?: number }).lines ?? 0);
    if ((err as { code?: string }).code?.startsWith('CSV_')) throw badInput(`${text.file}: ${err.message}`, err);
    throw err;
  };
  text.run((piece, last) => {
    if (piece) check(core.parse(Buffer.from(piece, 'utf8'), false, ignore, ignore));
    if (done()) return false;
    if (last) check(core.parse(undefined, true, ignore, ignore));
  });
}

function readDelimited(file: string, text: TextPasses, format: 'csv' | 'tsv'): ListFile {
  const { survey, encoding } = text;
  if (!survey.hasQuote && survey.lineEnd !== 'mixed') return readUnquoted(file, text, format);
  const common = { delimiter: format === 'tsv' ? '\t' : ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS } as const;
  let first: string[] | null = null;
  parseCsv(text, { ...common, to: 1, on_record: (rec: string[]) => { first ??= rec; return null; } }, () => first !== null);
  if (!first) throw badInput(`${file}: empty list (no header row)`);
  const headers = (first as string[]).map((h) => h.trim());
  if (headers.some((h) => h.includes(BROKEN))) throw badInput(`${file}: line 1: header has undecodable bytes; give --encoding`);
  const badRows: BadRow[] = [];
  const forEachRow = (onRow: (row: ListRow) => void) => {
    let rowNumber = 0, isHeader = true, lastLine = 1;
    let unclosed: { from: number; to: number } | null = null;
    badRows.length = 0;
    parseCsv(text, {
      ...common,
      skip_records_with_error: true,
      on_skip: (err) => {
        const at = (err as { lines?: number }).lines ?? 0;
        const code = (err as { code?: string }).code;
        if (code === 'CSV_QUOTE_NOT_CLOSED') { unclosed = { from: lastLine + 1, to: at }; return; }
        // A cell that grows without end is a quote left open: say where it opened.
        if (code === 'CSV_MAX_RECORD_SIZE') throw unclosedQuote(file, lastLine + 1, at);
        rowNumber++;
        badRows.push({ line: at, reason: err?.message ?? 'unreadable row' });
      },
      on_record: (rec: string[], ctx) => {
        if (isHeader) { isHeader = false; lastLine = ctx.lines; return null; }
        let newlines = 0;
        for (const c of rec) if (c.includes('\n') || c.includes('\r')) newlines += c.match(/\r\n|\n|\r/g)!.length;
        const line = ctx.lines - newlines;
        lastLine = ctx.lines;
        if (rec.length === 1 && rec[0].trim() === '') return null;
        rowNumber++;
        // A quote left open swallows the rows after it into one cell: refuse rather than lose them quietly.
        if (newlines > 0 && swallowsRows(rec, common.delimiter, headers.length)) throw unclosedQuote(file, line, ctx.lines);
        if (rec.length !== headers.length) badRows.push({ line, reason: `${rec.length} columns, header has ${headers.length}` });
        else if (rec.some((c) => c.includes(BROKEN))) badRows.push({ line, reason: `undecodable bytes (not ${encoding})` });
        else onRow({ cells: rec, line, rowNumber });
        return null;
      },
    });
    const open = unclosed as { from: number; to: number } | null;
    if (open) throw unclosedQuote(file, open.from, open.to);
  };
  return { format, encoding, sheet: null, headers, sha256: survey.sha256, size: survey.size, detectedEncoding: detectedEncoding(survey), badRows, forEachRow };
}

/** Whether a multi-line cell holds whole rows of the file (lines with every column): a quote left open. */
function swallowsRows(rec: readonly string[], delimiter: string, columns: number): boolean {
  if (columns < 2) return false;
  return rec.some((cell) => cell.split(/\r\n|\n|\r/).slice(1).some((l) => l.split(delimiter).length === columns));
}

function unclosedQuote(file: string, from: number, to: number) {
  return badInput(`${file}: line ${from}: a quote (") opened in this row is not closed where the row ends, so lines ${from}–${to} would be read as one cell and their records lost; nothing was imported. Fix the quote in the file (a quote inside a cell is written "")`);
}

/** One JSON Lines line: an object, or why it is a bad row. */
function jsonLine(l: string, encoding: ListEncoding): { obj: Record<string, unknown> } | { reason: string } {
  let obj: unknown;
  try { obj = JSON.parse(l); } catch (e) { return { reason: `not JSON (${(e as Error).message})` }; }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { reason: 'not a JSON object' };
  if (l.includes(BROKEN)) return { reason: `undecodable bytes (not ${encoding})` };
  return { obj: obj as Record<string, unknown> };
}

/** Columns are every key seen, in order of first appearance: a first pass collects them, each row pass parses again. */
function readJsonl(file: string, text: TextPasses): ListFile {
  const { encoding, survey } = text;
  const headers: string[] = [];
  const seen = new Set<string>();
  const badRows: BadRow[] = [];
  const eachLine = (fn: (l: string, line: number) => void) => text.lines('\n', (l, line) => {
    const t = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (t.trim()) fn(t, line);
  });
  eachLine((l, line) => {
    const r = jsonLine(l, encoding);
    if ('reason' in r) { badRows.push({ line, reason: r.reason }); return; }
    for (const k of Object.keys(r.obj)) {
      if (seen.has(k)) continue;
      if (headers.length >= MAX_JSONL_KEYS) throw badInput(`${file}: line ${line}: more than ${MAX_JSONL_KEYS} different keys; not a list of records`);
      seen.add(k); headers.push(k);
    }
  });
  if (!headers.length) throw badInput(`${file}: no JSON objects`);
  return {
    format: 'jsonl', encoding, sheet: null, headers, sha256: survey.sha256, size: survey.size, detectedEncoding: detectedEncoding(survey), badRows,
    forEachRow: (onRow) => {
      let rowNumber = 0;
      eachLine((l, line) => {
        rowNumber++;
        const r = jsonLine(l, encoding);
        if ('obj' in r) onRow({ line, rowNumber, cells: headers.map((h) => cellText(r.obj[h])) });
      });
    },
  };
}

const MAX_JSONL_KEYS = 100_000;

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

async function readXlsx(file: string, src: ListBytes & { size: number }, opts: ReadListOptions): Promise<ListFile> {
  if (src.size > MAX_XLSX_BYTES) {
    throw badInput(`${file}: this XLSX workbook is ${(src.size / 2 ** 20).toFixed(0)} MiB; workbooks over ${MAX_XLSX_BYTES >> 20} MiB are not read (Excel files are loaded whole, about 1 KB of memory per cell). Save the sheet as CSV (UTF-8) and import that: CSV is read in bounded memory`);
  }
  const parts: Buffer[] = [];
  src.eachChunk((c) => { parts.push(c); });
  const buf = Buffer.concat(parts);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  opts.expectSha256?.(sha256);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw badInput(`${file}: not a readable XLSX workbook (${(e as Error).message})`, e);
  }
  const sheetName = opts.sheet;
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
  return { format: 'xlsx', encoding: null, sheet: ws.name, headers: h, sha256, size: buf.length, detectedEncoding: null, badRows, forEachRow: (onRow) => good.forEach(onRow) };
}

/**
 * Without a quote character and with one kind of line ending (the survey says so before reading), CSV/TSV
 * is lines split on the delimiter: read that way it is several times faster than the general parser (a
 * million-row list is read at import and again at every match). Anything else goes to csv-parse.
 */
function readUnquoted(file: string, text: TextPasses, format: 'csv' | 'tsv'): ListFile {
  const { survey, encoding } = text;
  const delimiter = format === 'tsv' ? '\t' : ',';
  const lineEnd = survey.lineEnd === 'crlf' ? '\r\n' : '\n';
  // Rows as csv-parse gives them: empty lines skipped, line numbers counted from 1 over every line.
  let headers: string[] | null = null;
  text.lines(lineEnd, (l) => { headers = l.split(delimiter).map((h) => h.trim()); return false; });
  if (!headers) throw badInput(`${file}: empty list (no header row)`);
  const h = headers as string[];
  if (h.some((x) => x.includes(BROKEN))) throw badInput(`${file}: line 1: header has undecodable bytes; give --encoding`);
  const badRows: BadRow[] = [];
  const forEachRow = (onRow: (row: ListRow) => void) => {
    let rowNumber = 0, isHeader = true;
    badRows.length = 0;
    text.lines(lineEnd, (l, line, broken) => {
      if (isHeader) { isHeader = false; return; }
      const rec = l.split(delimiter);
      if (rec.length === 1 && rec[0].trim() === '') return;
      rowNumber++;
      if (rec.length !== h.length) badRows.push({ line, reason: `${rec.length} columns, header has ${h.length}` });
      else if (broken && rec.some((c) => c.includes(BROKEN))) badRows.push({ line, reason: `undecodable bytes (not ${encoding})` });
      else onRow({ cells: rec, line, rowNumber });
    });
  };
  return { format, encoding, sheet: null, headers: h, sha256: survey.sha256, size: survey.size, detectedEncoding: detectedEncoding(survey), badRows, forEachRow };
}
