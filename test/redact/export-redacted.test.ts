import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { ShokoError } from '../../main/common/errors';
import { extractItem } from '../../main/documents/extract-item';
import { addEvidence } from '../../main/evidence/intake';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { sha256File } from '../../main/evidence/hashing';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import { exportRedacted } from '../../main/redact/export-redacted';
import { listExports } from '../../main/redact/export-store';
import { auditPdf } from '../../main/redact/pdf-audit';
import { pngProblems } from '../../main/redact/image-bytes';
import { addManualRedaction, deleteRedaction, listRedactions } from '../../main/redact/redaction-store';
import type { Box } from '../../shared/model/geometry';
import { runShokoAsync } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';
import { CORPUS, NEIGHBOUR_WORDS, SECRET_EMAIL, findBoxes, makeTextPdf, mupdfText } from './fixtures';

let dir: string;
let c: CaseHandle;
let pdfItem: number;
let emailBoxes: Box[];

let hitSeq = 1000;
/** A detection hit as the detect step stores it (migration 004); char offsets only keep rows distinct. */
function insertHit(itemId: number, boxes: Box[], status: 'pending' | 'confirmed' | 'dismissed'): number {
  const t = new Date().toISOString();
  const at = hitSeq++;
  return Number(c.db.prepare(`INSERT INTO hit (item_id, page_index, kind, field, recognizer, text, char_start, char_end, boxes_json, score, source, status, created_at, updated_at)
    VALUES (?, 0, 'pii', 'email', 'email', ?, ?, ?, ?, 1, 'native', ?, ?, ?)`).run(itemId, SECRET_EMAIL, at, at + 24, JSON.stringify(boxes), status, t, t).lastInsertRowid);
}

beforeAll(async () => {
  dir = tmpDir('shoko-redact-export-');
  c = initCase(path.join(dir, 'case'), { name: 'Redaction test', caseNumber: '2026-7' });
  const src = path.join(dir, 'members.pdf');
  const pdf = makeTextPdf();
  fs.writeFileSync(src, pdf);
  [{ id: pdfItem }] = await addEvidence(c, [src]);
  await extractItem(c, pdfItem);
  emailBoxes = findBoxes(pdf, 0, SECRET_EMAIL);
  // Hits are this test's input: start from none, whatever detection found while extracting.
  c.db.prepare('DELETE FROM hit').run();
});

afterAll(async () => {
  c?.close();
  await closeSharedOcrPool();
});

describe('exportRedacted', () => {
  it('keeps hand-drawn boxes: add, list, delete', () => {
    const r = addManualRedaction(c, { itemId: pdfItem, pageIndex: 0, box: [300, 500, 400, 520] });
    expect(listRedactions(c, { itemId: pdfItem }).map((x) => x.id)).toEqual([r.id]);
    deleteRedaction(c, r.id);
    expect(listRedactions(c, { itemId: pdfItem })).toEqual([]);
    expect(() => addManualRedaction(c, { itemId: pdfItem, pageIndex: 0, box: [10, 10, 5, 20] })).toThrow(/empty/);
  });

  it('writes a verified redacted PDF from a confirmed hit and a manual box, hashed, recorded and logged', async () => {
    insertHit(pdfItem, emailBoxes, 'confirmed');
    insertHit(pdfItem, [[72, 700, 200, 712]], 'pending'); // not confirmed: not redacted by default
    addManualRedaction(c, { itemId: pdfItem, pageIndex: 0, box: [100, 220, 140, 260] });
    const out = path.join(dir, 'out-pdf');
    const r = await exportRedacted(c, { format: 'pdf', itemId: pdfItem, outDir: out });
    expect(r.regionCount).toBe(2);
    expect(r.verification.ok).toBe(true);
    expect(r.exports).toHaveLength(1);
    const file = path.join(out, 'item1-redacted.pdf');
    expect(r.exports[0].sha256).toBe(sha256File(file));
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(auditPdf(bytes)).toEqual([]);
    const text = mupdfText(bytes) + execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8' });
    expect(text).not.toContain(SECRET_EMAIL);
    for (const w of NEIGHBOUR_WORDS) expect(text).toContain(w);
    expect(listExports(c, pdfItem).map((e) => e.sha256)).toEqual([r.exports[0].sha256]);
    const ev = listCustodyEvents(c.db).filter((e) => e.action === 'redact.exported');
    expect(ev).toHaveLength(1);
    expect(JSON.stringify(ev[0].details)).toContain(r.exports[0].sha256);
    expect(JSON.stringify(ev[0].details)).not.toContain(SECRET_EMAIL);
  });

  it('refuses an export whose box stands beside the value: files removed, refusal logged, exit code 1', async () => {
    c.db.prepare("UPDATE hit SET status = 'dismissed'").run();
    const beside = emailBoxes.map((b) => [b[2] + 60, b[1], b[2] + 200, b[3]] as Box);
    insertHit(pdfItem, beside, 'confirmed');
    const out = path.join(dir, 'out-refused');
    const err = await exportRedacted(c, { format: 'pdf', itemId: pdfItem, outDir: out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShokoError);
    const e = err as ShokoError;
    expect(e.kind).toBe('verification-failed');
    expect(e.exitCode).toBe(1);
    expect(e.message).toMatch(/page 1: .*\(email\)/);
    expect(e.message).not.toContain(SECRET_EMAIL);
    expect(fs.readdirSync(out)).toEqual([]);
    const refused = listCustodyEvents(c.db).filter((x) => x.action === 'redact.refused');
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0].details)).not.toContain(SECRET_EMAIL);
    c.db.prepare("UPDATE hit SET status = 'dismissed'").run();
  });

  it('--status all-hits redacts pending hits too; PNG pages are burned in and proven (text, and OCR of the picture)', async () => {
    insertHit(pdfItem, emailBoxes, 'pending');
    const out = path.join(dir, 'out-png');
    const r = await exportRedacted(c, { format: 'png', itemId: pdfItem, status: 'all-hits', dpi: 100, outDir: out, ocrLangs: 'eng' });
    expect(r.exports.map((e) => path.basename(e.path))).toEqual(['item1-p0001.png']);
    const png = fs.readFileSync(path.join(out, 'item1-p0001.png'));
    expect(pngProblems(png)).toEqual([]);
    const passed = r.verification.checks.filter((x) => x.ok).map((x) => x.check);

    expect(passed).toContain('legible text');
    // The page's red picture and the note's icon are ink no text explains: they are read by OCR.
    expect(passed).toContain('OCR of 2 area(s) not explained by text');
  });

  it('makes a captioned screenshot of a page area with the redactions applied', async () => {
    const out = path.join(dir, 'out-shot');
    const crop: Box = [60, 80, 420, 130];
    const r = await exportRedacted(c, { format: 'screenshot', itemId: pdfItem, status: 'all-hits', page: 1, crop, caption: true, dpi: 144, outDir: out, ocrLangs: 'eng' });
    expect(r.exports[0].kind).toBe('screenshot');
    const png = fs.readFileSync(path.join(out, 'item1-p1-screenshot.png'));
    expect(pngProblems(png)).toEqual([]);
    const pix = new mupdf.Image(png).toPixmap();
    expect(pix.getWidth()).toBe(Math.round((crop[2] - crop[0]) * 2));
    expect(pix.getHeight()).toBeGreaterThan(Math.round((crop[3] - crop[1]) * 2));
  });
});

describe('exportRedacted on image books (CBZ) and through the CLI', () => {
  it('writes an image-only PDF (no text layer) for a comic book page', async () => {
    const [{ id }] = await addEvidence(c, [path.join(CORPUS, 'cbz/ja-manga-haruko.cbz')]);
    await extractItem(c, id);
    addManualRedaction(c, { itemId: id, pageIndex: 0, box: [20, 20, 120, 80] });
    const out = path.join(dir, 'out-cbz');
    const r = await exportRedacted(c, { format: 'pdf', itemId: id, pages: '1', dpi: 72, outDir: out, ocrLangs: 'jpn' });
    const bytes = new Uint8Array(fs.readFileSync(path.join(out, `item${id}-redacted.pdf`)));
    expect(auditPdf(bytes)).toEqual([]);
    const doc = new mupdf.PDFDocument(bytes);
    expect(doc.countPages()).toBe(1);
    expect(doc.loadPage(0).toStructuredText('').asText().trim()).toBe('');
    expect(r.verification.ok).toBe(true);
  });

  it('shoko redact: exit 0 with outputs, exit 2 for pages past the end', async () => {
    const caseDir = path.join(dir, 'case');
    c.close();
    const ok = await runShokoAsync(['--json', 'redact', caseDir, '--item', String(pdfItem), '--status', 'all-hits', '--format', 'pdf',
      '--box', '1:300,400,360,420', '--out', path.join(dir, 'cli-out')]);
    expect(ok.stderr).not.toMatch(/internal error/);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as { exports: unknown[]; regionCount: number };
    expect(result.exports).toHaveLength(1);
    expect(result.regionCount).toBe(3); // the pending e-mail hit, the earlier manual box, the --box one
    const bad = await runShokoAsync(['redact', caseDir, '--item', String(pdfItem), '--pages', '1-9', '--out', path.join(dir, 'cli-bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^shoko: --pages 1-9: page 9 is past the end/m);
  });
});
