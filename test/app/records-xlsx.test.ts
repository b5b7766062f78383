// The records table as XLSX for the lawyer (issue 14), at the real list's size: 14,612 records through the
// engine's own steps (seed helpers), written by the streaming writer and read back with ExcelJS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCase, type CaseHandle } from '../../main/case/case-folder';
import { documentPool } from '../../main/documents/worker-pool';
import { listCustodyEvents, verifyCustodyChain } from '../../main/evidence/custody-log';
import { sha256File } from '../../main/evidence/hashing';
import { bulkSetStatus } from '../../main/services/hit-bulk';
import { RECORD_COLUMNS, recordsView, writeRecordsCsv } from '../../main/services/records-view';
import { writeRecordsXlsx } from '../../main/services/records-xlsx';
import { buildSeedCase, type SeedCase } from '../e2e/seed-case';

let work: string;
let seed: SeedCase;
let c: CaseHandle;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-records-xlsx-'));
  // The whole list, a short book: every record is a row whether the book has it or not.
  seed = await buildSeedCase(work, { records: 14_612, pages: 30, perPage: 4 });
  c = openCase(seed.dir);
  // Some decisions, so the status column holds every value.
  bulkSetStatus(c, 'confirmed', { itemId: seed.itemId, page: 0 });
  bulkSetStatus(c, 'dismissed', { itemId: seed.itemId, page: 1 });
});

afterAll(async () => {
  c?.close();
  await documentPool().close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The CSV's cells of one line (keys and fields hold no comma or quote here). */
const csvCells = (line: string) => line.split(',');

describe('records as XLSX', () => {
  it('writes every record with the CSV\'s columns and cells, header frozen, widths set, hashed and logged', async () => {
    const v = recordsView(c);
    expect(v.total).toBe(14_612);
    expect(new Set(v.records.map((r) => r.status))).toEqual(new Set(['not-found', 'pending', 'confirmed', 'dismissed']));
    const csv = writeRecordsCsv(c);
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const x = await writeRecordsXlsx(c);
    console.log(`records XLSX: ${v.total} rows in ${Math.round(performance.now() - t0)} ms, ${fs.statSync(path.join(c.dir, x.path)).size} bytes, heap ${Math.round((process.memoryUsage().heapUsed - heap0) / 2 ** 20)} MB more after writing`);

    expect(x.path).toMatch(/^exports\/records-.+\.xlsx$/);
    expect(x.rows).toBe(14_612);
    const file = path.join(c.dir, x.path);
    expect(x.sha256).toBe(sha256File(file));
    const events = listCustodyEvents(c.db);
    expect(events.at(-1)).toMatchObject({ action: 'records.exported', details: { path: x.path, sha256: x.sha256, rows: 14_612, found: v.found, format: 'xlsx' } });
    expect(verifyCustodyChain(events).ok).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.actualRowCount).toBe(14_612 + 1);
    expect(ws.getRow(1).values).toEqual([undefined, ...RECORD_COLUMNS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.columns.map((col) => col.width)).toEqual([14, 8, 12, 8, 10, 11, 11, 36, 11, 11, 8]);

    // Row by row, the same cells as the CSV: numbers as numbers, nothing as an empty cell, keys as text.
    const lines = fs.readFileSync(path.join(c.dir, csv.path), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(14_613);
    expect(lines[0]).toBe(RECORD_COLUMNS.join(','));
    let found = 0;
    for (let i = 0; i < v.records.length; i++) {
      const row = ws.getRow(i + 2);
      const cells = RECORD_COLUMNS.map((_, j) => row.getCell(j + 1).value);
      expect(cells.map((x) => (x === null || x === undefined ? '' : String(x)))).toEqual(csvCells(lines[i + 1]));
      const r = v.records[i];
      expect(typeof cells[0]).toBe('string');
      expect(cells[0]).toBe(r.key);
      expect(cells[3]).toBe(r.hits);
      expect(cells[9]).toBe(r.firstPage === null ? null : r.firstPage + 1);
      if (cells[1] === 'yes') found++;
    }
    expect(found).toBe(v.found);
    expect(found).toBeGreaterThan(50);
  });

  it('never writes over a file, and says so in a sentence', async () => {
    // The same millisecond's name taken by another file: refused, the other file untouched, nothing logged.
    const before = listCustodyEvents(c.db).length;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-15T08:00:00.000Z'));
    try {
      const name = path.join(c.exportsDir, 'records-2027-01-15T08-00-00-000Z.xlsx');
      fs.writeFileSync(name, 'someone else\'s');
      await expect(writeRecordsXlsx(c)).rejects.toThrow(/already exists; choose a new name/);
      expect(fs.readFileSync(name, 'utf8')).toBe('someone else\'s');
    } finally {
      vi.useRealTimers();
    }
    expect(listCustodyEvents(c.db).length).toBe(before);
  });
});
