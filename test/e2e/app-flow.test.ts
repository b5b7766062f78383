// End to end: the built renderer in Debian's Chromium, the real engine behind the loopback bridge.
// Walks the investigator's flow and saves a screenshot of every screen under test/output/e2e/.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../shared/ipc/types';
import { startBridge, testPreloadScript, type Bridge } from './bridge-server';
import { CHROMIUM_ARGS, prepareE2e, RENDERER_DIR, ROOT } from './chromium';
import { makePeople, writeLeakCsv, writeLeakEpub, writeLeakPdf } from './fixtures';
import { makeLocalTsa } from '../helpers/local-tsa';

const OUT = path.join(ROOT, 'test/output/e2e');

let browser: Browser;
let bridge: Bridge;
let page: Page;
let work: string;
let caps: Capabilities;
const outside: string[] = [];
const pageErrors: string[] = [];
const missing: string[] = [];

async function shot(name: string): Promise<void> {
  // Images on screen finished loading (lazy thumbnails below the fold do not count), then one more paint.
  await page.waitForFunction(() => [...document.images].every((i) => i.complete || i.getBoundingClientRect().top > innerHeight), null, { timeout: 30_000 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
}

async function nav(id: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
}

/** Export: once the pending count is in, acknowledge pending hits that will stay visible (if any), then run. */
async function runExport(): Promise<void> {
  const pending = page.getByTestId('export-pending');
  await pending.waitFor();
  if (Number(await pending.getAttribute('data-pending')) > 0) {
    expect(await page.getByTestId('export-run').isDisabled()).toBe(true);
    await page.getByTestId('export-ack').check();
  }
  await page.getByTestId('export-run').click();
}

/** The export's result, or its failure's text (so a refusal shows in the test's message, not as a timeout). */
async function exportOutcome(): Promise<string> {
  await expect.poll(async () => (await page.getByTestId('export-result').isVisible()) || (await page.getByTestId('export-refused').isVisible())
    || (await page.getByTestId('error-line').count()) > 0, { timeout: 300_000 }).toBe(true);
  if (await page.getByTestId('export-result').isVisible()) return (await page.getByTestId('export-result').textContent())!;
  return `FAILED: ${await page.locator('[role="alert"]').allTextContents()}`;
}

/** The page image decoded (a fit zoom may swap it for a sharper one once the pane is measured: wait for the last). */
async function pageImageShown(): Promise<void> {
  await expect.poll(() => page.locator('.page-image').evaluate((img: HTMLImageElement) => img.decode().then(() => true, () => false)), { timeout: 30_000 }).toBe(true);
}

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Drags files onto the evidence drop zone the way Chromium delivers an OS drag: dragover then drop
 * events carrying a DataTransfer of File objects. Plain Chromium gives such a File no path (Electron's
 * webUtils.getPathForFile does), so the test preload's pathForFile answers for the Files registered here;
 * a File given without a path stays unregistered, like text dragged from a browser.
 */
async function dropFiles(files: { name: string; path?: string }[]): Promise<void> {
  const dt = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    const register = (window as unknown as { __shokoTestFilePath: (f: File, p: string) => void }).__shokoTestFilePath;
    for (const f of list) {
      const file = new File([], f.name);
      if (f.path) register(file, f.path);
      data.items.add(file);
    }
    return data;
  }, files);
  const zone = page.getByTestId('evidence-dropzone');
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await expect.poll(() => zone.getAttribute('data-dragging')).toBe('true');
  await zone.dispatchEvent('drop', { dataTransfer: dt });
  await dt.dispose();
}

describe('Shoko desktop UI in Chromium', () => {
  beforeAll(async () => {
    const prepared = prepareE2e(OUT, 'shoko-e2e-');
    const executablePath = prepared.executablePath;
    work = prepared.work;
    bridge = await startBridge({ rendererDir: RENDERER_DIR, stateDir: path.join(work, 'state') });
    caps = bridge.service.appInfo().capabilities;
    browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    // Every request the page makes must go to the loopback bridge; anything else is recorded and refused.
    await context.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${bridge.origin}/`) || url.startsWith(`${bridge.assetOrigin}/`)) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(testPreloadScript(bridge.assetOrigin));
    page = await context.newPage();
    // Script errors and console errors (CSP violations among them) fail the run at the end.
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    if (missing.length) console.warn(`e2e: engine pieces not in this build (screens show "not available"): ${missing.join('; ')}`);
  });

  it('creates a case, adds evidence, and walks every screen', async () => {
    const people = makePeople(12);
    const leaked = people.slice(0, 4);
    const decoys = makePeople(3, 99);
    const csv = path.join(work, 'members-leak.csv');
    const epub = path.join(work, '会員名簿-完全版.epub');
    writeLeakCsv(csv, people);
    await writeLeakEpub(epub, leaked, decoys);
    const epubSha = sha256Of(epub);
    const leakPdf = path.join(work, 'member-directory-leak.pdf');
    writeLeakPdf(epub, leakPdf);
    const drmMobi = path.resolve(ROOT, '../shared/corpus/mobi/libmobi-sample-drm-v1.mobi');

    // Start
    await page.goto(`${bridge.origin}/app/index.html`);
    await expect.poll(() => page.getByRole('heading', { name: '新しい事件' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('まだ事件を開いていません。').isVisible()).toBe(true);
    await shot('01-start');

    const caseDir = path.join(work, 'case-2026-001');
    await page.getByTestId('new-case-dir').fill(caseDir);
    await page.getByTestId('new-case-name').fill('会員情報流出 電子書籍調査');
    await page.getByTestId('new-case-number').fill('2026-001');
    await page.getByTestId('new-case-examiner').fill('佐藤 調査員');
    await page.getByTestId('new-case-org').fill('株式会社サンプル 法務部');
    await page.getByTestId('create-case').click();
    await expect.poll(() => page.getByTestId('case-chip').textContent()).toContain('会員情報流出 電子書籍調査');
    expect(fs.existsSync(path.join(caseDir, 'case.sqlite'))).toBe(true);
    // A new case opens on its overview, whose next step is adding evidence.
    await expect.poll(() => page.getByTestId('overview-next').getAttribute('data-next')).toBe('add-evidence');
    await page.getByTestId('overview-go').click();

    // Evidence: the OS dialog "returns" the generated leak book and a corpus EPUB (vertical Japanese novel)
    const corpusEpub = path.resolve(ROOT, '../shared/corpus/epub/ja-kusamakura-vertical.epub');
    bridge.queueDialog([epub, corpusEpub]);
    await page.getByTestId('add-evidence').click();
    const table = page.getByTestId('evidence-table');
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain('会員名簿-完全版.epub');
    expect(await table.textContent()).toContain(epubSha.slice(0, 16));
    expect(await table.textContent()).toContain('EPUB');
    await expect.poll(() => table.textContent()).toContain('ja-kusamakura-vertical.epub');
    await page.getByRole('button', { name: '会員名簿-完全版.epub', exact: true }).click();
    await expect.poll(() => page.getByTestId('evidence-details').textContent()).toContain(epubSha);
    await page.getByTestId('evidence-details').getByRole('button', { name: 'コピー' }).click();
    await expect.poll(() => bridge.clipboard.at(-1)).toBe(epubSha);
    await shot('02-evidence');

    // A file that is gone by the time it is added: the engine's failure, told in Japanese, its English text beneath
    const gone = path.join(work, '消えた証拠.epub');
    bridge.queueDialog([gone]);
    await page.getByTestId('add-evidence').click();
    const failure = page.getByTestId('error-line');
    await expect.poll(() => failure.getAttribute('data-code'), { timeout: 30_000 }).toBe('not-found');
    expect(await failure.locator('.error-sentence').textContent()).toContain('指定されたファイル、フォルダまたは項目が見つかりません。');
    expect(await failure.locator('.error-detail').textContent()).toContain(`${gone}: no such file`);
    await shot('02b-evidence-error-ja');

    // Drag and drop: the leak book as a text PDF and a DRM-protected MOBI from the corpus
    await dropFiles([{ name: 'clipping.txt' }]);
    await expect.poll(() => page.getByTestId('error-line').textContent()).toContain('パスがありません');
    await dropFiles([{ name: path.basename(leakPdf), path: leakPdf }, { name: path.basename(drmMobi), path: drmMobi }]);
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain(path.basename(drmMobi));
    expect(await table.textContent()).toContain('member-directory-leak.pdf');
    expect(await page.getByTestId('error-line').count()).toBe(0);
    expect(await page.getByTestId('evidence-dropzone').getAttribute('data-dragging')).toBeNull();
    const idOf = (name: string) => bridge.service.listEvidence().find((r) => r.name === name)!.id;
    const pdfId = idOf('member-directory-leak.pdf');
    const drmId = idOf(path.basename(drmMobi));
    expect(bridge.service.listEvidence().find((r) => r.id === pdfId)!.sha256).toBe(sha256Of(leakPdf));
    await page.getByRole('button', { name: path.basename(drmMobi), exact: true }).click();
    await expect.poll(() => page.getByTestId('evidence-details').textContent()).toContain(sha256Of(drmMobi));
    await shot('02c-evidence-dropped');

    // Leak list import
    await nav('leaks');
    if (caps.leaks) {
      await page.getByTestId('leak-file').fill(csv);
      await page.getByTestId('leak-read').click();
      await expect.poll(() => page.getByTestId('leak-detected').textContent(), { timeout: 30_000 }).toContain('Shift_JIS');
      const preview = await page.getByTestId('leak-preview').textContent();
      expect(preview).toContain('メールアドレス');
      expect(preview).not.toContain(people[0].email); // values are masked
      expect(await page.getByTestId('leak-key').inputValue()).toBe('会員番号'); // suggested record key
      await shot('03-leak-import');
      await page.getByTestId('leak-import').click();
      await expect.poll(() => page.getByTestId('leak-result').textContent(), { timeout: 60_000 }).toContain('12');
    } else {
      missing.push('leak list import (main/detect)');
      await expect.poll(() => page.getByTestId('not-available').isVisible()).toBe(true);
      await shot('03-leak-import');
    }

    // Scan
    await nav('scan');
    if (caps.scan) {
      // Start, cancel while the 433-page novel is being read, then resume to the end.
      await page.getByTestId('scan-start').click();
      await expect.poll(() => page.getByTestId('scan-job').getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
      await page.locator('.progress').waitFor({ timeout: 20_000 });
      await shot('04a-scan-progress');
      await page.getByTestId('scan-cancel').click();
      await expect.poll(() => page.getByTestId('scan-job').getAttribute('data-state'), { timeout: 60_000 }).toBe('cancelled');
      await page.getByTestId('scan-start').click();
      await expect.poll(() => page.getByTestId('scan-job').getAttribute('data-state'), { timeout: 180_000 }).toBe('done');
      await expect.poll(() => page.getByTestId('scan-summary').isVisible()).toBe(true);
    } else {
      missing.push('scan (main/pipeline)');
      await expect.poll(() => page.getByTestId('not-available').isVisible()).toBe(true);
    }
    await shot('04-scan');

    // Viewer: hits over the page, confirm one with the keyboard
    await nav('viewer');
    if (caps.documents && caps.hits && caps.scan) {
      const rows = page.getByTestId('hit-row');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('hit-box').count()).toBeGreaterThan(0);
      await pageImageShown();
      await page.keyboard.press('j');
      await page.keyboard.press('y');
      await expect.poll(() => page.locator('[data-testid="hit-row"][data-status="confirmed"]').count()).toBeGreaterThan(0);
      // Every listed record's hit in the book at once (one action, one custody event); generic findings stay pending.
      await page.getByTestId('hit-row').filter({ hasText: 'レコード' }).first().locator('.hit-main').click();
      expect(await page.getByTestId('bulk-kind-confirm').textContent()).toContain('リスト記載');
      await page.getByTestId('bulk-kind-confirm').click();
      await expect.poll(() => bridge.service.hits({ itemId: 1, kind: 'leak', status: ['pending'] }).total).toBe(0);
      expect(bridge.service.hits({ itemId: 1, status: ['pending'] }).total).toBeGreaterThan(0);
      expect(bridge.service.custody({}).events.at(-1)).toMatchObject({ action: 'hit.reviewed.bulk', details: { status: 'confirmed', select: { kind: 'leak', onlyStatus: 'pending' } } });
      await shot('05-viewer-hits');
      // Draw a manual redaction box over the page's heading, then a second one and delete it with the keyboard.
      // At 100 %, where the drags below cover the directory's heading whole (fit width would scale them).
      await page.getByTestId('zoom').selectOption('1');
      await pageImageShown();
      const frame = page.getByTestId('page-frame');
      const fb = (await frame.boundingBox())!;
      const drag = async (x0: number, y0: number, x1: number, y1: number) => {
        await page.getByTestId('draw-box').click();
        await page.mouse.move(fb.x + x0, fb.y + y0);
        await page.mouse.down();
        await page.mouse.move(fb.x + x1, fb.y + y1, { steps: 4 });
        await page.mouse.up();
      };
      await drag(30, 36, 190, 104); // the heading whole, with a margin (a box that cuts through glyphs fails the export's legibility check)
      await expect.poll(() => page.getByTestId('redaction-box').count()).toBe(1);
      // Move it a little to the left: the stored box follows
      const box = page.getByTestId('redaction-box').first();
      const x0 = Number(await box.getAttribute('x'));
      const bb = (await box.boundingBox())!;
      await page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2);
      await page.mouse.down();
      await page.mouse.move(bb.x + bb.width / 2 - 12, bb.y + bb.height / 2, { steps: 3 });
      await page.mouse.up();
      await expect.poll(async () => Number(await page.getByTestId('redaction-box').first().getAttribute('x'))).toBeLessThan(x0 - 5);
      await drag(250, 500, 350, 540);
      await expect.poll(() => page.getByTestId('redaction-box').count()).toBe(2);
      await page.getByTestId('redaction-box').nth(1).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Delete');
      await expect.poll(() => page.getByTestId('redaction-box').count()).toBe(1);
      await page.getByTestId('preview-redacted').check();
      await shot('05b-viewer-preview-redacted');
      // The corpus novel: a vertical Japanese page, rendered by the engine
      await page.getByTestId('viewer-item').selectOption({ label: '#2 ja-kusamakura-vertical.epub' });
      await pageImageShown();
      expect(await page.locator('.page-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
      await shot('05c-viewer-vertical');
      // The record counts: the novel has none of the listed people, the case as a whole does
      const caseCount = await page.getByTestId('records-case').textContent();
      expect(caseCount).toMatch(/リスト 12 件中 [1-9]\d* 件が該当/);
      expect(await page.getByTestId('records-item').textContent()).toBe('この文書:リストの 0 件に該当');
      // The PDF copy of the leak book: confirm its first hits with the buttons
      await page.getByTestId('viewer-item').selectOption({ label: `#${pdfId} member-directory-leak.pdf` });
      await expect.poll(() => page.getByTestId('hit-row').count(), { timeout: 30_000 }).toBeGreaterThan(2);
      await expect.poll(() => page.getByTestId('records-item').textContent()).toMatch(/この文書:リストの [1-9]\d* 件に該当/);
      expect(await page.getByTestId('records-case').textContent()).toBe(caseCount);
      for (let i = 0; i < 3; i++) {
        await page.getByTestId('hit-row').nth(i).getByTestId('hit-confirm').click();
        await expect.poll(() => page.locator('[data-testid="hit-row"][data-status="confirmed"]').count()).toBe(i + 1);
      }
      // Then every listed record of this copy at once, as for the EPUB (generic findings stay pending).
      await page.getByTestId('hit-row').filter({ hasText: 'レコード' }).first().locator('.hit-main').click();
      await page.getByTestId('bulk-kind-confirm').click();
      await expect.poll(() => bridge.service.hits({ itemId: pdfId, kind: 'leak', status: ['pending'] }).total).toBe(0);
      await page.getByTestId('viewer-item').selectOption({ label: '#1 会員名簿-完全版.epub' });
    } else {
      missing.push('viewer hits (main/documents + main/detect)');
      await shot('05-viewer-hits');
    }

    // Export a redacted PNG
    await nav('export');
    if (caps.export && caps.scan) {
      await runExport();
      expect(await exportOutcome()).not.toMatch(/^FAILED/);
      expect(await page.getByTestId('export-result').textContent()).toContain('検証済み');
      expect(await page.locator('[data-testid="export-result"] img').count()).toBeGreaterThan(0);
      // Listed records confirmed, generic findings still pending: the result says what was blackened and what stayed visible.
      expect(await page.getByTestId('export-regions').textContent()).toMatch(/^[1-9]\d* か所を黒塗りしました\(確定した検出のみ\)/);
      expect(Number(await page.getByTestId('export-left').getAttribute('data-pending'))).toBeGreaterThan(0);
      expect(await page.getByTestId('export-result').textContent()).toContain('未判定の検出は黒塗りしていません');
      expect(await page.getByTestId('export-left').textContent()).toMatch(/未判定 [1-9]\d* 件/);
      await shot('06-export');
      // A captioned screenshot of the directory's top half, redactions burned in
      await page.getByTestId('export-format').selectOption('screenshot');
      await page.getByTestId('export-crop-page').fill('2');
      await page.getByTestId('export-crop-box').fill('20, 20, 400, 200');
      await runExport();
      await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 180_000 }).toContain('screenshot');
      expect(await page.getByTestId('export-result').textContent()).toContain('検証済み');
      await shot('06b-export-screenshot');

      // The PDF copy exported as a redacted PDF: hashed, and the confirmed values are gone from its text
      // Every listed record's hits confirmed (a place can hold more than one hit: a listed e-mail is also a generic e-mail).
      const confirmed = bridge.service.hits({ itemId: pdfId, limit: 5000 }).hits.filter((h) => h.status === 'confirmed').map((h) => h.text);
      expect(confirmed.length).toBeGreaterThanOrEqual(3);
      await page.getByTestId('export-item').selectOption(String(pdfId));
      await page.getByTestId('export-format').selectOption('pdf');
      await page.getByTestId('export-label').selectOption('ja'); // 黒塗り drawn on the boxes, as a picture
      await runExport();
      await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 180_000 }).toContain('-redacted.pdf');
      expect(await page.getByTestId('export-result').textContent()).toContain('検証済み');
      const pdfOut = bridge.service.exportsList().find((x) => x.path.endsWith('-redacted.pdf'))!;
      const pdfFile = path.join(caseDir, pdfOut.path);
      expect(fs.existsSync(pdfFile)).toBe(true);
      expect(sha256Of(pdfFile)).toBe(pdfOut.sha256);
      expect(await page.getByTestId('export-output-sha256').first().getAttribute('title')).toBe(pdfOut.sha256);
      const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }));
      expect(text).toContain('会員名簿'); // the text layer is kept…
      for (const v of confirmed) expect(text).not.toContain(squash(v)); // …without what was redacted
      expect(text).not.toContain('黒塗り'); // the label is pixels, never text
      await page.getByTestId('export-label').selectOption('none');
      await shot('06c-export-pdf');

      // The DRM-protected book cannot be exported: the job's failure is told in Japanese, by its code
      await page.getByTestId('export-item').selectOption(String(drmId));
      await page.getByTestId('export-format').selectOption('png');
      await runExport();
      const refused = page.getByTestId('export-refused');
      await expect.poll(() => refused.getAttribute('data-code'), { timeout: 60_000 }).toBe('protected');
      expect(await refused.locator('.error-sentence').textContent()).toContain('この文書は保護されています');
      expect(await refused.locator('.error-detail').textContent()).toContain(`item ${drmId} cannot be exported`);
      await shot('06d-export-refused-drm');
    } else {
      missing.push('redacted export (main/redact)');
      await expect.poll(() => page.getByTestId('not-available').isVisible()).toBe(true);
      await shot('06-export');
    }

    // Package
    await nav('package');
    if (caps.package) {
      await page.getByTestId('bag-contact').fill('佐藤 調査員');
      await page.getByTestId('package-build').click();
      await expect.poll(() => page.getByTestId('package-result').isVisible(), { timeout: 180_000 }).toBe(true);
      expect(await page.getByTestId('bag-verify').textContent()).toContain('OK');
      // Claims for the platform: the bundle is written, and the verifier inside it confirms it without Shoko
      await page.getByTestId('claims-export').click();
      await expect.poll(() => page.getByTestId('claims-result').isVisible(), { timeout: 120_000 }).toBe(true);
      expect(await page.getByTestId('claims-result').textContent()).toMatch(/会員 [1-9]\d* 件・主張 [1-9]\d* 件/);
      const bundle = path.join(caseDir, (await page.getByTestId('claims-result').locator('code').first().textContent())!);
      const claimsCheck = spawnSync('python3', [path.join(ROOT, 'resources/claims/verify_claims.py'), bundle], { encoding: 'utf8' });
      expect(claimsCheck.status, claimsCheck.stdout + claimsCheck.stderr).toBe(0);
      // RFC 3161: a local TSA stamps the bag's request; a reply for other data is refused first
      const bagPath = (await page.getByTestId('bag-path').textContent())!;
      const tsa = makeLocalTsa(path.join(work, 'tsa'));
      const wrongReply = path.join(work, 'other.tsr');
      tsa.stamp(tsa.otherQuery(path.join(work, 'other.tsq')), wrongReply);
      const goodReply = path.join(work, 'bag.tsr');
      tsa.stamp(path.join(bagPath, 'timestamp/tagmanifest.tsq'), goodReply);
      await page.getByTestId('ts-reply').fill(wrongReply);
      await page.getByTestId('ts-import').click();
      const tsError = page.getByTestId('ts-error');
      await expect.poll(() => tsError.getAttribute('data-code'), { timeout: 30_000 }).toBe('verification-failed');
      expect(await tsError.locator('.error-sentence').textContent()).toContain('検証に失敗しました');
      expect(await tsError.locator('.error-detail').textContent()).toContain('timestamp reply rejected');
      bridge.queueDialog([goodReply]);
      await page.getByTestId('ts-reply').locator('xpath=following-sibling::button').click();
      await expect.poll(() => page.getByTestId('ts-reply').inputValue()).toBe(goodReply);
      await page.getByTestId('ts-import').click();
      await expect.poll(() => page.getByTestId('ts-result').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
      expect(await page.getByTestId('ts-error').count()).toBe(0);
      expect(fs.readFileSync(path.join(bagPath, 'timestamp/tagmanifest.tsr'))).toEqual(fs.readFileSync(goodReply));
    } else {
      missing.push('evidence package (main/evidence/bag)');
      await expect.poll(() => page.getByTestId('not-available').first().isVisible()).toBe(true);
    }
    await shot('07-package');

    // Custody log: every step above is an event, and the chain verifies
    await nav('custody');
    await expect.poll(() => page.getByTestId('chain-status').textContent()).toContain('検証済み');
    const log = await page.getByTestId('custody-table').textContent();
    expect(log).toContain('case.created');
    expect(log).toContain('evidence.added');
    await shot('08-custody-log');

    // English, dark: the same screen follows the switches
    await page.getByTestId('locale').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { name: 'Custody log' }).isVisible()).toBe(true);
    await page.getByLabel('Theme').selectOption('dark');
    await nav('evidence');
    await page.getByRole('button', { name: '会員名簿-完全版.epub', exact: true }).click();
    await expect.poll(() => page.getByTestId('evidence-details').textContent()).toContain('会員名簿 完全版'); // title from the EPUB metadata
    await shot('09-evidence-en-dark');

    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(bridge.served.some((s) => s.startsWith('POST /api/invoke'))).toBe(true);
  });
});
