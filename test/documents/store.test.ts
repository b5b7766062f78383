// The document store and the commands on a real case: scan writes each item in one transaction,
// re-runs are idempotent, Ctrl-C leaves no half-written item, OCR rows survive a re-extraction,
// and `shoko pages / render / info` print what the issue asks for.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, openCase, type CaseHandle } from '../../main/case/case-folder';
import { addEvidence } from '../../main/evidence/intake';
import { getDocument, getPageContent, listPages } from '../../main/documents/document-store';
import { renderPage } from '../../main/documents/render-page';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { scanCase } from '../../main/pipeline/scan';
import { corpus } from './generate';

const run = promisify(execFile);
const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-docs-store-'));
const dir = path.join(tmp, 'case');
let c: CaseHandle;
const FILES = [
  'pdf/ja-pdfjs-vertical-identity-v.pdf',
  'pdf/en-encrypted-pypdf-password.pdf',
  'pdf/en-attachment-pypdf-with-attachment.pdf',
  'cbz/ja-manga-haruko.cbz',
  'mobi/libmobi-sample-drm-v1.mobi',
  'hostile/epubcheck-empty-0-bytes.epub',
  'epub/epubcheck-minimal-valid.epub',
];
const ids: Record<string, number> = {};
const count = (sql: string, ...args: unknown[]) => (c.db.prepare(sql).get(...args) as { n: number }).n;

beforeAll(async () => {
  c = initCase(dir, { name: 'documents test' });
  const added = await addEvidence(c, FILES.map(corpus));
  FILES.forEach((f, i) => (ids[f] = added[i].id));
});
afterAll(async () => {
  c?.close();
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('scan into the store', () => {
  it('Ctrl-C (abort) before an item is written leaves no row for it', async () => {
    const abort = new AbortController();
    const scan = scanCase(c, { ocr: 'never', pool, signal: abort.signal, itemIds: [ids['cbz/ja-manga-haruko.cbz']],
      onProgress: (p) => { if (p.done >= 1) abort.abort(); } });
    await expect(scan).rejects.toThrow(/cancelled/);
    expect(count('SELECT count(*) n FROM document')).toBe(0);
    expect(count('SELECT count(*) n FROM document_page')).toBe(0);
  });

  it('extracts every item with its status, and a re-run changes nothing', async () => {
    const report = await scanCase(c, { ocr: 'never', pool });
    const status = Object.fromEntries(report.items.map((i) => [i.itemId, i.status]));
    expect(status[ids['pdf/ja-pdfjs-vertical-identity-v.pdf']]).toBe('ok');
    expect(status[ids['pdf/en-encrypted-pypdf-password.pdf']]).toBe('protected');
    expect(status[ids['mobi/libmobi-sample-drm-v1.mobi']]).toBe('protected');
    expect(status[ids['hostile/epubcheck-empty-0-bytes.epub']]).toBe('failed');
    expect(status[ids['cbz/ja-manga-haruko.cbz']]).toBe('ok');
    // The manga CBZ is pictures only: with OCR off it is opened (status ok) but not read (partial).
    expect(report).toMatchObject({ ok: 3, partial: 1, protected: 2, failed: 1 });
    expect(report.items.find((i) => i.itemId === ids['cbz/ja-manga-haruko.cbz'])?.readStatus).toBe('partial');
    const drm = getDocument(c, ids['mobi/libmobi-sample-drm-v1.mobi'])!;
    expect(drm.error).toMatch(/^DRM-protected: the content cannot be examined/);

    const before = c.db.prepare('SELECT item_id, extracted_at FROM document ORDER BY item_id').all();
    const again = await scanCase(c, { ocr: 'never', pool });
    expect(again.items.filter((i) => i.status !== 'failed').every((i) => i.skipped)).toBe(true);
    expect(c.db.prepare('SELECT item_id, extracted_at FROM document ORDER BY item_id').all().filter((r) => (r as { item_id: number }).item_id !== ids['hostile/epubcheck-empty-0-bytes.epub']))
      .toEqual(before.filter((r) => (r as { item_id: number }).item_id !== ids['hostile/epubcheck-empty-0-bytes.epub']));
    expect(count("SELECT count(*) n FROM custody_event WHERE action = 'document.extracted'")).toBeGreaterThanOrEqual(7);
  });

  it('pages and page content come back from the store, vertical columns included', () => {
    const id = ids['pdf/ja-pdfjs-vertical-identity-v.pdf'];
    expect(listPages(c, id).map((p) => p.index)).toEqual([0, 1, 2]);
    const p = getPageContent(c, id, 0);
    expect(p.lines.map((l) => [l.text, l.wmode])).toEqual([['あいうえお', 'vertical'], ['日本語', 'vertical']]);
    expect(() => getPageContent(c, id, 7)).toThrow(/has no page 7/);
  });

  it('OCR rows written by the OCR step are merged and survive a forced re-extraction', async () => {
    const id = ids['cbz/ja-manga-haruko.cbz'];
    expect(listPages(c, id)[0]).toMatchObject({ needsOcr: true, textSource: 'none' });
    const ocrLine = { text: 'ハルコ', box: [10, 10, 40, 20], wmode: 'horizontal', source: 'ocr', chars: [...'ハルコ'].map((ch, i) => ({ c: ch, box: [10 + i * 10, 10, 20 + i * 10, 20], confidence: 90 })) };
    c.db.prepare("INSERT INTO page_text (item_id, page_index, source, lines_json, engine, created_at) VALUES (?, 0, 'ocr', ?, 'tesseract test', 'now')").run(id, JSON.stringify([ocrLine]));
    c.db.prepare("UPDATE document_page SET text_source = 'ocr', ocr_confidence = 90 WHERE item_id = ? AND page_index = 0").run(id);
    expect(getPageContent(c, id, 0).lines.map((l) => l.text)).toEqual(['ハルコ']);
    await scanCase(c, { ocr: 'never', pool, force: true, itemIds: [id] });
    expect(listPages(c, id)[0]).toMatchObject({ textSource: 'ocr', ocrConfidence: 90 });
    expect(getPageContent(c, id, 0).lines.map((l) => l.text)).toEqual(['ハルコ']);
  });

  it('a password opens the protected PDF on a later scan', async () => {
    const id = ids['pdf/en-encrypted-pypdf-password.pdf'];
    await scanCase(c, { ocr: 'never', pool, password: 'openpassword', itemIds: [id] });
    expect(getDocument(c, id)).toMatchObject({ status: 'ok', format: 'pdf' });
    expect(listPages(c, id).length).toBeGreaterThan(0);
  });

  it('renders and caches by item hash, page, layout and DPI', async () => {
    const id = ids['epub/epubcheck-minimal-valid.epub'];
    const first = await renderPage(c, id, 0, { dpi: 100, pool });
    expect(first.cachePath).toMatch(/cache\/pages\/[0-9a-f]{64}\/420x595-em11\/p0-100dpi\.png$/);
    expect(Math.abs(first.width - (420 * 100) / 72)).toBeLessThanOrEqual(1);
    expect(Math.abs(first.height - (595 * 100) / 72)).toBeLessThanOrEqual(1);
    const again = await renderPage(c, id, 0, { dpi: 100, pool });
    expect(Buffer.from(again.data).equals(Buffer.from(first.data))).toBe(true);
    const raw = await renderPage(c, id, 0, { dpi: 100, format: 'rgba', pool });
    expect(raw.data.byteLength).toBe(raw.width * raw.height * 4);
    const rawAgain = await renderPage(c, id, 0, { dpi: 100, format: 'rgba', pool });
    expect(rawAgain.cachePath).toMatch(/\.pam$/);
    expect(Buffer.from(rawAgain.data).equals(Buffer.from(raw.data))).toBe(true);
    await expect(renderPage(c, ids['mobi/libmobi-sample-drm-v1.mobi'], 0, { pool })).rejects.toThrow(/cannot be rendered: protected/);
  });
});

describe('commands', () => {
  const shoko = (...args: string[]) => run('node', ['bin/shoko.mjs', ...args], { cwd: process.cwd(), encoding: 'utf8' });

  beforeAll(() => c.close());
  afterAll(() => { c = openCase(dir); });

  it('pages --json, render, info --json', async () => {
    const vid = String(ids['pdf/ja-pdfjs-vertical-identity-v.pdf']);
    const [pages, render, info] = await Promise.all([
      shoko('pages', dir, '--item', vid, '--from', '1', '--to', '2', '--json'),
      shoko('render', dir, '--item', vid, '--page', '1', '--dpi', '72', '--out', path.join(tmp, 'p0.png'), '--json'),
      shoko('info', dir, '--item', String(ids['pdf/en-attachment-pypdf-with-attachment.pdf']), '--json'),
    ]);
    const p = JSON.parse(pages.stdout);
    expect(p).toMatchObject({ item: Number(vid), pageCount: 3, layout: null });
    expect(p.pages.map((x: { index: number }) => x.index)).toEqual([0, 1]);
    expect(p.pages[0]).toMatchObject({ index: 0, page: 1, textSource: 'native', text: 'あいうえお\n日本語', needsOcr: false });
    expect(p.pages[0].lines[0]).toEqual({ text: 'あいうえお', box: expect.any(Array), wmode: 'vertical' });
    const r = JSON.parse(render.stdout);
    expect(Math.abs(r.width - 249.45)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.height - 321.02)).toBeLessThanOrEqual(1);
    expect(fs.readFileSync(path.join(tmp, 'p0.png')).subarray(1, 4).toString()).toBe('PNG');
    const i = JSON.parse(info.stdout);
    expect(i.document.metadata.attachments).toEqual([expect.objectContaining({ name: 'image.png', size: 6669, sha256: 'cfe67fe8072bfca0d910ec29c7b477ac6e80f275448f8c165911c10e3754f51b' })]);
  });

  it('bad input is one line naming the item', async () => {
    const err = await shoko('render', dir, '--item', '999', '--page', '1', '--out', path.join(tmp, 'x.png')).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr.trim()).toMatch(/^shoko: no evidence item 999 in this case/);
  });
});
