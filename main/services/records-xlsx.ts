import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FileWritten } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { systemError } from '../common/errors';
import { logRecordsExport, RECORD_COLUMNS, recordCells, recordsExportPath, recordsView } from './records-view';

/** Column widths in characters (Excel's unit); the key column grows to the longest key. */
const WIDTHS: Record<(typeof RECORD_COLUMNS)[number], number> = {
  record_key: 14, found: 8, status: 12, hits: 8, pending: 10, confirmed: 11, dismissed: 11, fields: 36, first_item: 11, first_page: 11, pages: 8,
};
/** Excel's own limit on a column's width. */
const MAX_WIDTH = 255;

/**
 * The records table as an Excel workbook for the lawyer: the CSV's columns, cells and rules (keys only,
 * pages 1-based, English machine names in the header row), with the header row frozen, a filter on it
 * and column widths set. Numbers are numeric cells, keys always text (a key such as 000123 keeps its
 * zeros). Written by ExcelJS's streaming writer, one row committed at a time, so the workbook is never
 * held whole in memory; then hashed and logged like the CSV. A failed write leaves no partial file.
 */
export async function writeRecordsXlsx(c: CaseHandle): Promise<FileWritten> {
  const v = recordsView(c);
  const { abs, rel } = recordsExportPath(c, 'xlsx');
  // Opened here ('wx': never over an existing file) so a refusal is thrown now, not lost inside the zip stream.
  let fd: number;
  try { fd = fs.openSync(abs, 'wx'); } catch (err) { throw systemError(err, c.exportsDir) ?? err; }
  const out = fs.createWriteStream(abs, { fd });
  const closed = new Promise<void>((resolve, reject) => { out.on('close', resolve); out.on('error', reject); });
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'Shoko';
    const ws = wb.addWorksheet('records', {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RECORD_COLUMNS.length } };
    const longestKey = v.records.reduce((n, r) => Math.max(n, r.key.length), 0);
    ws.columns = RECORD_COLUMNS.map((key) => ({
      key, width: key === 'record_key' ? Math.min(MAX_WIDTH, Math.max(WIDTHS.record_key, longestKey + 2)) : WIDTHS[key],
    }));
    const head = ws.addRow([...RECORD_COLUMNS]);
    head.font = { bold: true };
    head.commit();
    for (const r of v.records) ws.addRow(recordCells(r)).commit();
    ws.commit();
    await wb.commit();
    await closed;
  } catch (err) {
    out.destroy();
    await closed.catch(() => undefined);
    fs.rmSync(abs, { force: true });
    throw systemError(err, c.exportsDir) ?? err;
  }
  return logRecordsExport(c, abs, rel, v, 'xlsx');
}
