// The app at the real incident's size (issue 14): a seed-scale case — a 1,400-page book, a list of
// 14,612 records, ~59k hits — built through the engine, reviewed in Debian's Chromium over the real
// engine. Prints how long things take (never asserted) and asserts what must hold at any speed: the
// DOM stays small, bulk decisions are one custody event each, undo works, exports say what is left.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, testPreloadScript, type Bridge } from './bridge-server';
import { CHROMIUM_ARGS, prepareE2e, RENDERER_DIR } from './chromium';
import { hitsReport } from '../../main/detect/store/hits-report';
import { buildSeedCase, type SeedCase } from './seed-case';

const OUT = path.join(os.tmpdir(), 'shoko-e2e-scale');
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];
const DOM_LIMIT = 5_000;

let browser: Browser;
let bridge: Bridge;
let page: Page;
let work: string;
let seed: SeedCase;
/** Records found, as `shoko hits` counts them (its own code path): the screens must say the same. */
let found: number;
const outside: string[] = [];
const pageErrors: string[] = [];
const figures: Record<string, number[]> = {};
const domCounts: Record<string, number> = {};

const domSize = () => page.evaluate(() => document.getElementsByTagName('*').length);
const selectedKey = () => page.evaluate(() => (document.querySelector('.hit-row.selected') as HTMLElement | null)?.dataset.hitId ?? null);

/** Runs an action and waits (in the page, every frame) for its visible result; keeps the time it took. */
async function timed(name: string, action: () => Promise<unknown>, until: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await action();
  await until();
  const ms = Math.round(performance.now() - t0);
  (figures[name] ??= []).push(ms);
  return ms;
}

/** The screen at both sizes, in Japanese; the DOM size of each is kept for the bound below. */
const latin: Record<string, string[]> = {};

async function shots(name: string): Promise<void> {
  latin[name] = await latinWords();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(120);
    await page.waitForFunction(() => [...document.images].every((i) => i.complete || i.getBoundingClientRect().top > innerHeight), null, { timeout: 30_000 });
    await page.screenshot({ path: path.join(OUT, `${name}-${size.width}x${size.height}.png`) });
    domCounts[`${name} ${size.width}×${size.height}`] = await domSize();
  }
  await page.setViewportSize(SIZES[0]);
}

// Words of Latin letters a Japanese user may see: names of formats, standards and keys, and the product's name.
const LATIN_OK = new Set(['Shoko', 'SHA', 'PNG', 'PDF', 'OCR', 'EPUB', 'CSV', 'XLSX', 'JSON', 'Lines', 'BagIt', 'RFC', 'ZIP', 'TSA', 'DRM', 'MuPDF',
  'pdftotext', 'REDACTED', 'Ctrl', 'Shift', 'PageDown', 'PageUp', 'Delete', 'English', 'TSV', 'URL', 'MOBI', 'AZW', 'JST', 'UTC', 'tsr', 'tsq',
  'timestamp', 'tagmanifest', 'Python', 'OpenSSL', // the last two: the bag's file timestamp/tagmanifest.tsq, named in a sentence
  'Kindle', 'KFX', 'CBZ', 'XPS', 'PalmDOC', 'FictionBook', 'JPEG', 'TIFF', 'WebP', 'GIF', 'BMP', 'HTML', 'XMP', 'MD', 'KB', 'MB', 'GB']); // file formats and units

/**
 * Latin words in the ja UI outside data and code: what the screen itself says must come from the
 * dictionary. Skipped: code, values found on pages, record keys, paths, the engine's English detail
 * lines (lang="en"), event names and details, form values.
 */
async function latinWords(): Promise<string[]> {
  const words = await page.evaluate(() => {
    // [translate="no"]: what the screen marks as data (file names, paths, sources, a file's own metadata).
    const skip = 'code, script, style, option, .hit-text, .tag, .case-dir, .details-cell, [lang="en"], .error-detail, [translate="no"], .records-row:not(.records-head) span:first-child, td:nth-child(3)';
    const out: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || !el.getClientRects().length) continue;
      out.push(...(n.textContent!.match(/[A-Za-z][A-Za-z_]{2,}/g) ?? []));
    }
    for (const el of document.querySelectorAll('[aria-label], [title]')) {
      if (el.closest('.details-cell, .case-dir, code')) continue;
      out.push(...((el.getAttribute('aria-label') ?? '').match(/[A-Za-z][A-Za-z_]{2,}/g) ?? []));
    }
    return out;
  });
  return [...new Set(words.filter((w) => !LATIN_OK.has(w)))];
}

/** The page image decoded (a fit zoom may swap it for a sharper one once the pane is measured: wait for the last). */
async function pageImageShown(): Promise<void> {
  await expect.poll(() => page.locator('.page-image').evaluate((img: HTMLImageElement) => img.decode().then(() => true, () => false)), { timeout: 30_000 }).toBe(true);
}

function db(): Database.Database {
  return new Database(path.join(seed.dir, 'case.sqlite'), { readonly: true, fileMustExist: true });
}

describe('Review at the seed case\'s scale, in Chromium', () => {
  beforeAll(async () => {
    const prepared = prepareE2e(OUT, 'shoko-e2e-scale-');
    const executablePath = prepared.executablePath;
    work = prepared.work;
    // SHOKO_E2E_SEED_CACHE=<dir> (local runs only): build the seed case once there and review a copy of it.
    const cache = process.env.SHOKO_E2E_SEED_CACHE;
    if (cache) {
      const meta = path.join(cache, 'seed.json');
      if (!fs.existsSync(meta)) { fs.rmSync(cache, { recursive: true, force: true }); fs.writeFileSync((fs.mkdirSync(cache, { recursive: true }), meta), JSON.stringify(await buildSeedCase(cache))); }
      const cached = JSON.parse(fs.readFileSync(meta, 'utf8')) as SeedCase;
      fs.cpSync(cached.dir, path.join(work, 'seed-case'), { recursive: true });
      seed = { ...cached, dir: path.join(work, 'seed-case') };
    } else {
      seed = await buildSeedCase(path.join(work, 'seed'));
    }
    console.log(`seed case: ${seed.pageCount} pages, ${seed.records} records (${seed.listedInBook} in the book), ${seed.hits} hits; built in ${JSON.stringify(seed.timings)} s`);
    const ro = new Database(path.join(seed.dir, 'case.sqlite'), { readonly: true });
    found = hitsReport({ db: ro as never }).summary.recordsPresent;
    ro.close();
    bridge = await startBridge({ rendererDir: RENDERER_DIR, stateDir: path.join(work, 'state') });
    bridge.service.openCase({ dir: seed.dir });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: SIZES[0], colorScheme: 'light' });
    await context.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${bridge.origin}/`) || url.startsWith(`${bridge.assetOrigin}/`)) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(testPreloadScript(bridge.assetOrigin));
    // Main-thread tasks over 50 ms, as Chromium reports them: the longest is printed ("no freeze > 1 s").
    await context.addInitScript(`window.__longTasks = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true }); } catch {}`);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  });

  afterAll(async () => {
    const heap = page ? await (async () => {
      const cdp = await page.context().newCDPSession(page);
      const h = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; totalSize: number };
      return `${Math.round(h.usedSize / 2 ** 20)} MB used of ${Math.round(h.totalSize / 2 ** 20)} MB`;
    })().catch((e: unknown) => String(e)) : 'n/a';
    const longest = page ? await page.evaluate(() => Math.max(0, ...((window as unknown as { __longTasks: number[] }).__longTasks ?? []))).catch(() => -1) : -1;
    const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(34)} ${v.length > 1 ? `median ${[...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]} ms, max ${Math.max(...v)} ms (n=${v.length})` : `${v[0]} ms`}`);
    if (pageErrors.length) console.log(`page errors:\n${pageErrors.join('\n')}`);
    console.log(['seed-scale review figures (Chromium, 2 shared cores; printed, not asserted):', ...lines,
      `  renderer JS heap                   ${heap}`, `  longest main-thread task           ${longest} ms`,
      ...Object.entries(domCounts).map(([k, v]) => `  DOM elements ${k.padEnd(22)} ${v}`), `  screenshots in ${OUT}`].join('\n'));
    await browser?.close();
    await bridge?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('opens the overview and Review fast, keeps the DOM small, and reviews by place, page, record, kind and selection', async () => {
    expect(seed.pageCount).toBeGreaterThanOrEqual(1_400);
    expect(seed.hits).toBeGreaterThan(50_000);

    // Overview: the first question answered — found X / Y, what is pending, what next.
    await timed('open case → overview', () => page.goto(`${bridge.origin}/app/index.html`),
      () => page.getByTestId('overview-records').waitFor());
    expect(await page.getByTestId('overview-records').textContent()).toBe(`${seed.records} 件中 ${found} 件が該当`);
    expect(await page.getByTestId('overview-next').getAttribute('data-next')).toBe('review');
    expect(await page.getByTestId('overview-hits').textContent()).toContain(`検出 ${seed.hits} 件`);
    await shots('01-overview');

    // Review opens on the first page with pending hits, drawing only that page's places.
    await timed('Review opens (rows drawn)', () => page.getByTestId('nav-viewer').click(),
      () => page.waitForFunction(() => document.querySelectorAll('[data-testid="hit-row"]').length > 0, null, { polling: 'raf', timeout: 30_000 }));
    await pageImageShown();
    expect(await page.getByTestId('records-case').textContent()).toBe(`事件全体:リスト ${seed.records} 件中 ${found} 件が該当`);
    expect(await page.getByTestId('thumb').count()).toBeLessThan(40); // of 1,400 pages
    expect(await page.locator('[data-testid="thumbs"] [tabindex]').count()).toBe(0); // one tab stop for all thumbnails
    // One row per place: a listed e-mail is also a generic e-mail, decided once.
    const merged = await page.locator('[data-testid="hit-row"]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.hits)));
    expect(Math.max(...merged)).toBeGreaterThan(1);
    expect(await domSize()).toBeLessThan(DOM_LIMIT);
    await shots('02-review');

    // Page number field → page 1,000: the panel lists page 1,000's hits, not page 1's. Timed twice: in the
    // page, from the Enter key to the frame that shows the new page's rows (what the examiner waits for),
    // and from the test driver (Playwright's fill, press and polling round trips included).
    for (const target of [1000, 700, 500, 900, 1399]) {
      await page.evaluate(() => {
        const w = window as unknown as { __switch?: number };
        delete w.__switch;
        addEventListener('keydown', (e) => {
          if (e.key !== 'Enter') return;
          const t0 = performance.now();
          const n = (e.target as HTMLInputElement).value;
          const frame = () => {
            const rows = [...document.querySelectorAll('[data-testid="hit-row"]')];
            if (rows.length > 0 && rows.every((r) => r.textContent!.includes(`p.${n} `))) w.__switch = Math.round(performance.now() - t0);
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }, { capture: true, once: true });
      });
      await timed('page switch (test driver)', async () => {
        await page.getByTestId('page-number').fill(String(target));
        await page.getByTestId('page-number').press('Enter');
      }, () => page.waitForFunction((n) => {
        const rows = [...document.querySelectorAll('[data-testid="hit-row"]')];
        return rows.length > 0 && rows.every((r) => r.textContent!.includes(`p.${n} `));
      }, target, { polling: 'raf', timeout: 30_000 }));
      const inPage = await page.waitForFunction(() => (window as unknown as { __switch?: number }).__switch, null, { polling: 'raf' });
      (figures['page switch (Enter → rows, in page)'] ??= []).push(Number(await inPage.jsonValue()));
    }
    expect(await page.getByTestId('page-counts').textContent()).toContain('1399 ページ');
    await page.getByTestId('page-number').fill('2');
    await page.getByTestId('page-number').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="page-counts"]')?.textContent?.startsWith('2 ページ'), null, { polling: 'raf' });
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    // j / k move between places (across pages at the ends); y / n decide and go on to the next pending place.
    for (let i = 0; i < 6; i++) {
      const before = await selectedKey();
      await timed('j', () => page.keyboard.press('j'), () => page.waitForFunction((b) => (document.querySelector('.hit-row.selected') as HTMLElement | null)?.dataset.hitId !== b, before, { polling: 'raf' }));
    }
    for (let i = 0; i < 3; i++) {
      const before = await selectedKey();
      await timed('k', () => page.keyboard.press('k'), () => page.waitForFunction((b) => (document.querySelector('.hit-row.selected') as HTMLElement | null)?.dataset.hitId !== b, before, { polling: 'raf' }));
    }
    const conn = db();
    const status = (id: number) => (conn.prepare('SELECT status FROM hit WHERE id = ?').get(id) as { status: string }).status;
    const decided: number[] = [];
    for (const key of ['y', 'n', 'y', 'y', 'n', 'y']) {
      const before = await selectedKey();
      decided.push(Number(before));
      await timed(key, () => page.keyboard.press(key), () => page.waitForFunction((b) => (document.querySelector('.hit-row.selected') as HTMLElement | null)?.dataset.hitId !== b, before, { polling: 'raf' }));
    }
    await expect.poll(() => decided.map(status)).toEqual(['confirmed', 'dismissed', 'confirmed', 'confirmed', 'dismissed', 'confirmed']);

    // Undo (Ctrl+Z) takes the last decision back; Ctrl+Shift+Z does it again.
    await page.keyboard.press('Control+z');
    await expect.poll(() => status(decided[5])).toBe('pending');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => status(decided[5])).toBe('confirmed');

    // Bulk: every pending hit of this page, ONE action and ONE custody event with the ids' SHA-256.
    const events = () => (conn.prepare('SELECT COUNT(*) AS n FROM custody_event').get() as { n: number }).n;
    const lastEvent = () => { const e = conn.prepare('SELECT action, details FROM custody_event ORDER BY seq DESC LIMIT 1').get() as { action: string; details: string }; return { action: e.action, details: JSON.parse(e.details) as Record<string, unknown> }; };
    const pageNow = Number((await page.getByTestId('page-number').inputValue())) - 1;
    const pendingOnPage = () => (conn.prepare("SELECT id FROM hit WHERE page_index = ? AND status = 'pending' ORDER BY id").all(pageNow) as { id: number }[]).map((r) => r.id);
    const ids = pendingOnPage();
    expect(ids.length).toBeGreaterThan(0);
    let n0 = events();
    await timed('bulk: confirm page', () => page.getByTestId('bulk-page-confirm').click(), () => expect.poll(() => pendingOnPage().length).toBe(0));
    expect(events()).toBe(n0 + 1);
    expect(lastEvent()).toMatchObject({ action: 'hit.reviewed.bulk', details: { status: 'confirmed', count: ids.length, idsSha256: createHash('sha256').update(ids.join(',')).digest('hex'), select: { page: pageNow + 1, onlyStatus: 'pending' } } });
    await expect.poll(() => page.locator('[data-testid="hit-row"][data-status="pending"]').count()).toBe(0);
    await shots('03-review-page-confirmed');
    await page.keyboard.press('Control+z');
    await expect.poll(() => pendingOnPage().length).toBe(ids.length);

    // A record: select one of its places, confirm every hit of the record at once.
    await page.locator('[data-testid="hit-row"]').first().locator('.hit-main').click();
    const recordButton = page.getByTestId('bulk-record-confirm');
    const key = (await recordButton.textContent())!.match(/レコード (\S+) の/)![1];
    n0 = events();
    await timed('bulk: confirm record', () => recordButton.click(), () => expect.poll(() => (lastEvent().details.select as Record<string, unknown> | undefined)?.recordKey).toBe(key));
    expect(events()).toBe(n0 + 1);
    expect((conn.prepare("SELECT COUNT(*) AS n FROM hit WHERE record_key = ? AND status = 'pending'").get(key) as { n: number }).n).toBe(0);

    // A field of the list across the whole book (every pending listed e-mail), then the whole kind, each one event.
    const emailRow = page.locator('[data-testid="hit-row"]').filter({ hasText: 'リスト記載:メールアドレス' }).first();
    await emailRow.locator('.hit-main').click();
    const pendingOf = (where: string) => (conn.prepare(`SELECT COUNT(*) AS n FROM hit WHERE ${where} AND status = 'pending'`).get() as { n: number }).n;
    const pendingEmails = pendingOf("kind = 'record' AND field = 'email'");
    expect(pendingEmails).toBeGreaterThan(4_000);
    n0 = events();
    await timed('bulk: confirm field (whole book)', () => page.getByTestId('bulk-field-confirm').click(), () => expect.poll(() => events(), { timeout: 30_000 }).toBe(n0 + 1));
    expect(pendingOf("kind = 'record' AND field = 'email'")).toBe(0);
    expect(lastEvent().details).toMatchObject({ status: 'confirmed', count: pendingEmails, select: { field: 'email', kind: 'leak', onlyStatus: 'pending' } });
    const pendingLeak = pendingOf("kind = 'record'");
    n0 = events();
    await timed('bulk: confirm kind (whole book)', () => page.getByTestId('bulk-kind-confirm').click(), () => expect.poll(() => events(), { timeout: 30_000 }).toBe(n0 + 1));
    expect(pendingOf("kind = 'record'")).toBe(0);
    expect(lastEvent().details).toMatchObject({ status: 'confirmed', count: pendingLeak, select: { kind: 'leak', onlyStatus: 'pending' } });
    await timed('undo of a whole-book decision', () => page.keyboard.press('Control+z'), () => expect.poll(() => pendingOf("kind = 'record'"), { timeout: 30_000 }).toBe(pendingLeak));

    // A selection: two places ticked, dismissed together, one event; then back to pending one by one.
    await page.getByTestId('page-number').fill('3');
    await page.getByTestId('page-number').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="page-counts"]')?.textContent?.startsWith('3 ページ'), null, { polling: 'raf' });
    const rows = page.getByTestId('hit-row');
    await rows.nth(0).getByTestId('hit-check').check();
    await rows.nth(1).getByTestId('hit-check').check();
    n0 = events();
    await page.getByTestId('bulk-sel-dismiss').click();
    await expect.poll(() => events()).toBe(n0 + 1);
    await expect.poll(() => rows.nth(0).getAttribute('data-status')).toBe('dismissed');
    expect(lastEvent()).toMatchObject({ action: 'hit.reviewed.bulk', details: { status: 'dismissed' } });
    await rows.nth(0).getByTestId('hit-pending').click();
    await expect.poll(() => rows.nth(0).getAttribute('data-status')).toBe('pending');

    // "Next page with pending hits", and the document's pages as one virtual list.
    await timed('next page with pending', () => page.getByTestId('next-pending').click(),
      () => page.waitForFunction(() => !document.querySelector('[data-testid="page-counts"]')?.textContent?.startsWith('3 ページ'), null, { polling: 'raf' }));
    await page.getByTestId('scope-document').click();
    await expect.poll(() => page.getByTestId('page-row').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('page-row').count()).toBeLessThan(60); // of 1,400 pages with hits
    expect(await domSize()).toBeLessThan(DOM_LIMIT);
    await shots('04-review-document-pages');
    await page.getByTestId('page-row').nth(3).click();
    await expect.poll(() => page.getByTestId('hit-row').count()).toBeGreaterThan(0);

    // Fit page, the redaction preview (export padding), masked values for screen sharing.
    await page.getByTestId('zoom').selectOption('fit-page');
    await page.getByTestId('mask-values').check();
    expect(await page.locator('.hit-text').first().textContent()).toContain('＊');
    await page.keyboard.press('?');
    await shots('05-review-fit-page-masked');
    await page.keyboard.press('?');
    await page.getByTestId('mask-values').uncheck();
    await page.getByTestId('zoom').selectOption('2');
    // At 200 % the page is wider than its pane: both edges can be scrolled to.
    const edges = await page.getByTestId('page-scroll').evaluate((el) => {
      el.scrollLeft = 0;
      const frame = el.querySelector('[data-testid="page-frame"]')!.getBoundingClientRect();
      const pane = el.getBoundingClientRect();
      const leftVisible = frame.left >= pane.left - 1;
      el.scrollLeft = el.scrollWidth;
      const f2 = el.querySelector('[data-testid="page-frame"]')!.getBoundingClientRect();
      return { wider: el.scrollWidth > el.clientWidth, leftVisible, rightVisible: f2.right <= pane.right + 1 };
    });
    expect(edges).toEqual({ wider: true, leftVisible: true, rightVisible: true });
    await page.getByTestId('zoom').selectOption('fit-width');
    expect(await domSize()).toBeLessThan(DOM_LIMIT);
    conn.close();

    // Records: all 14,612 by key, found or not; CSV for the lawyer; jump to a record's page.
    await timed('records view opens', () => page.getByTestId('nav-records').click(), () => page.getByTestId('record-row').first().waitFor());
    expect(await page.getByTestId('records-count').textContent()).toBe(`${seed.records} 件中 ${seed.records} 件を表示 · 該当 ${found} 件`);
    expect(await domSize()).toBeLessThan(DOM_LIMIT);
    await shots('06-records');
    await page.getByTestId('records-filter').selectOption('notFound');
    await expect.poll(() => page.getByTestId('records-count').textContent()).toContain(`${seed.records - found} 件を表示`);
    await page.getByTestId('records-filter').selectOption('all');
    await page.getByTestId('records-search').fill('M100201');
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(1);
    await page.getByTestId('records-csv').click();
    await expect.poll(() => page.getByTestId('records-csv-done').isVisible()).toBe(true);
    const csvPath = (await page.getByTestId('records-csv-done').textContent())!.match(/(exports\/records-[^(]+\.csv)/)![1];
    expect(fs.readFileSync(path.join(seed.dir, csvPath), 'utf8').trim().split('\r\n').length).toBe(seed.records + 1);
    await timed('record → its page in Review', () => page.getByTestId('record-open').click(),
      () => page.waitForFunction(() => [...document.querySelectorAll('[data-testid="hit-row"]')].some((r) => r.textContent!.includes('M100201')), null, { polling: 'raf', timeout: 30_000 }));

    // Export: pending hits on the chosen pages must be acknowledged; the result says what was left.
    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-pages').fill('5');
    await expect.poll(async () => Number(await page.getByTestId('export-pending').getAttribute('data-pending'))).toBeGreaterThan(0);
    expect(await page.getByTestId('export-run').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-pending').textContent()).toContain('見えたまま残ります');
    await shots('07-export-pending');
    await page.getByTestId('export-hits-not-dismissed').check();
    expect(await page.getByTestId('export-pending').getAttribute('data-pending')).toBe('0');
    await page.getByTestId('export-hits-confirmed').check();
    await page.getByTestId('export-ack').check();
    expect(await page.getByTestId('export-run').isDisabled()).toBe(false);
    // (The export itself and its "what was left" line run in app-flow on a small book: one page of this
    // 1,400-chapter EPUB takes minutes to lay out, render and re-read on a loaded 2-core machine.)

    // Package: what is still pending; custody: paged, bulk events with count and hash.
    await page.getByTestId('nav-package').click();
    await expect.poll(async () => Number(await page.getByTestId('package-pending').getAttribute('data-pending'))).toBeGreaterThan(0);
    await shots('09-package');
    await timed('custody log opens', () => page.getByTestId('nav-custody').click(), () => page.getByTestId('chain-status').waitFor());
    expect(await page.getByTestId('chain-status').textContent()).toContain('検証済み');
    expect(await page.locator('[data-testid="custody-table"] tbody tr').count()).toBeLessThanOrEqual(200);
    expect(await page.getByTestId('custody-table').textContent()).toContain('hit.reviewed.bulk');
    expect(await page.getByTestId('custody-table').textContent()).toContain('idsSha256');
    await shots('10-custody');
    // Evidence with the book's details open (type, size, hashes, acquisition in JST, the document's metadata).
    await page.getByTestId('nav-evidence').click();
    await page.getByTestId('evidence-name').first().click();
    await page.getByTestId('evidence-metadata').waitFor();
    expect(await page.getByTestId('evidence-table').textContent()).toContain('JST');
    expect(await page.getByTestId('evidence-details').textContent()).toContain('バイト');
    await shots('11-evidence');
    await page.getByTestId('nav-leaks').click();
    await page.getByTestId('leak-sets').waitFor();
    await shots('12-leaks');
    await page.getByTestId('nav-scan').click();
    await expect.poll(() => page.getByTestId('scan-items').locator('tbody td.num').nth(1).textContent()).toBe(String(seed.pageCount));
    await shots('13-scan');
    // Last: the start screen (the case closed), its recent cases with the time they were opened in JST.
    await page.getByRole('button', { name: '事件を閉じる' }).click();
    await page.getByTestId('new-case-dir').waitFor();
    await shots('14-start');

    for (const [where, n] of Object.entries(domCounts)) expect(n, where).toBeLessThan(DOM_LIMIT);
    // Every screen speaks Japanese throughout: Latin only in data and code-like names (LATIN_OK).
    expect(Object.keys(latin).length).toBe(13);
    expect(latin).toEqual(Object.fromEntries(Object.keys(latin).map((k) => [k, []])));
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('exports the records as XLSX, undoes and redoes box edits, and makes a press screenshot by dragging a rectangle', async () => {
    // The case as the first test leaves it may be closed: open it again and start from the overview.
    bridge.service.openCase({ dir: seed.dir });
    await page.setViewportSize(SIZES[0]);
    await page.goto(`${bridge.origin}/app/index.html`);
    await page.getByTestId('overview-records').waitFor();
    const errorsBefore = pageErrors.length;
    const mine: string[] = [];
    const myShots = async (name: string) => { mine.push(name); await shots(name); };

    // Records → XLSX: every record a row under the header, read back with ExcelJS; its hash as recorded.
    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-row').first().waitFor();
    await timed('records XLSX written', () => page.getByTestId('records-xlsx').click(), () => page.getByTestId('records-xlsx-done').waitFor({ timeout: 120_000 }));
    const xlsxPath = (await page.getByTestId('records-xlsx-done').locator('code').first().textContent())!;
    expect(xlsxPath).toMatch(/^exports\/records-.+\.xlsx$/);
    const xlsxFile = path.join(seed.dir, xlsxPath);
    expect(fs.existsSync(xlsxFile)).toBe(true);
    const xlsxSha = createHash('sha256').update(fs.readFileSync(xlsxFile)).digest('hex');
    expect(await page.getByTestId('records-xlsx-done').locator('code').nth(1).getAttribute('title')).toBe(xlsxSha);
    expect(bridge.service.custody({}).events.at(-1)).toMatchObject({ action: 'records.exported', details: { path: xlsxPath, sha256: xlsxSha, rows: seed.records, found, format: 'xlsx' } });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    const ws = wb.worksheets[0];
    expect(ws.actualRowCount).toBe(seed.records + 1);
    expect(ws.getRow(1).getCell(1).value).toBe('record_key');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const keys = new Set<string>();
    let yes = 0;
    ws.eachRow((row, n) => { if (n > 1) { keys.add(String(row.getCell(1).value)); if (row.getCell(2).value === 'yes') yes++; } });
    expect(keys.size).toBe(seed.records);
    expect(keys.has('M100201')).toBe(true);
    expect(yes).toBe(found);
    await myShots('15-records-xlsx');

    // Review: a box drawn, moved, resized; Ctrl+Z / Ctrl+Shift+Z take the edits back and again, checked in the engine.
    await page.getByTestId('nav-viewer').click();
    // Type only once Review shows its opening page: the opening choice (first page with pending hits) sets the box.
    await page.getByTestId('hit-row').first().waitFor();
    await page.getByTestId('page-number').fill('10');
    await page.getByTestId('page-number').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="page-counts"]')?.textContent?.startsWith('10 ページ'), null, { polling: 'raf', timeout: 30_000 });
    await pageImageShown();
    await page.getByTestId('page-scroll').evaluate((el) => { el.scrollTop = 0; });
    const pageInfo = bridge.service.pages({ itemId: seed.itemId }).pages[9];
    const fb = (await page.getByTestId('page-frame').boundingBox())!;
    const s = fb.width / pageInfo.width; // CSS px per point
    const boxes = () => bridge.service.redactions({ itemId: seed.itemId }).filter((r) => r.page === 9).map((r) => r.box);
    const near = (a: number[], b: number[]) => a.length === 4 && a.every((v, i) => Math.abs(v - b[i]) < 1);
    const mouseDrag = async (x0: number, y0: number, x1: number, y1: number) => {
      await page.mouse.move(x0, y0);
      await page.mouse.down();
      await page.mouse.move(x1, y1, { steps: 5 });
      await page.mouse.up();
    };
    const [dx0, dy0] = [fb.width * 0.3, 60];
    await page.getByTestId('draw-box').click();
    await mouseDrag(fb.x + dx0, fb.y + dy0, fb.x + dx0 + 120, fb.y + dy0 + 50);
    const drawn = [dx0 / s, dy0 / s, (dx0 + 120) / s, (dy0 + 50) / s];
    await expect.poll(() => boxes()).toHaveLength(1);
    expect(near(boxes()[0], drawn), `${boxes()[0]} vs ${drawn}`).toBe(true);
    // Move: 30 px right, 20 down.
    const moved = [drawn[0] + 30 / s, drawn[1] + 20 / s, drawn[2] + 30 / s, drawn[3] + 20 / s];
    const rb = (await page.getByTestId('redaction-box').first().boundingBox())!;
    await mouseDrag(rb.x + rb.width / 2, rb.y + rb.height / 2, rb.x + rb.width / 2 + 30, rb.y + rb.height / 2 + 20);
    await expect.poll(() => near(boxes()[0] ?? [], moved)).toBe(true);
    // Resize from the lower-right corner: 40 px wider, 20 taller.
    const resized = [moved[0], moved[1], moved[2] + 40 / s, moved[3] + 20 / s];
    await page.locator('[data-testid="redaction-handle"][data-corner="se"]').waitFor();
    const hb = (await page.locator('[data-testid="redaction-handle"][data-corner="se"]').boundingBox())!;
    await mouseDrag(hb.x + hb.width / 2, hb.y + hb.height / 2, hb.x + hb.width / 2 + 40, hb.y + hb.height / 2 + 20);
    await expect.poll(() => near(boxes()[0] ?? [], resized)).toBe(true);
    expect(boxes()).toHaveLength(1);
    await myShots('16-review-box-resized');
    const eventsBefore = bridge.service.custody({}).total;
    await page.keyboard.press('Control+z'); // the resize
    await expect.poll(() => near(boxes()[0] ?? [], moved)).toBe(true);
    await page.keyboard.press('Control+z'); // the move
    await expect.poll(() => near(boxes()[0] ?? [], drawn)).toBe(true);
    await page.keyboard.press('Control+Shift+z'); // the move again
    await expect.poll(() => near(boxes()[0] ?? [], moved)).toBe(true);
    expect(boxes()).toHaveLength(1);
    // Delete with the keyboard; Ctrl+Z brings it back; then undo back to before the box was drawn.
    await page.getByTestId('redaction-box').first().click();
    await page.keyboard.press('Delete');
    await expect.poll(() => boxes()).toHaveLength(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => near(boxes()[0] ?? [], moved)).toBe(true);
    await page.keyboard.press('Control+z'); // the redone move
    await expect.poll(() => near(boxes()[0] ?? [], drawn)).toBe(true);
    await page.keyboard.press('Control+z'); // the drawing
    await expect.poll(() => boxes()).toHaveLength(0);
    await expect.poll(() => page.getByTestId('redaction-box').count()).toBe(0);
    // Each undo and redo is a new event saying so; none left the log, and the chain holds.
    const log = bridge.service.custody({});
    const steps = log.events.filter((e) => e.seq > eventsBefore).map((e) => `${e.action}${(e.details as { step?: string }).step ? `:${(e.details as { step?: string }).step}` : ''}`);
    expect(steps).toEqual([
      'redaction.deleted:undo', 'redaction.added:undo', 'redaction.deleted:undo', 'redaction.added:undo',
      'redaction.deleted:redo', 'redaction.added:redo', 'redaction.deleted', 'redaction.restored:undo',
      'redaction.deleted:undo', 'redaction.added:undo', 'redaction.deleted:undo',
    ]);
    expect(log.chain.ok).toBe(true);

    // Export: a press screenshot of a region dragged on page 5 (the typed points follow the drag).
    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-format').selectOption('screenshot');
    await page.getByTestId('export-crop-page').fill('5');
    await page.getByTestId('crop-frame').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.crop-frame .page-image').evaluate((img: HTMLImageElement) => img.decode().then(() => true, () => false)), { timeout: 30_000 }).toBe(true);
    const p5 = bridge.service.pages({ itemId: seed.itemId }).pages[4];
    await page.getByTestId('crop-frame').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const cb = (await page.getByTestId('crop-frame').boundingBox())!;
    const cs = cb.width / p5.width;
    await mouseDrag(cb.x + 30, cb.y + 40, cb.x + 330, cb.y + 200);
    const typed = async () => (await page.getByTestId('export-crop-box').inputValue()).split(',').map(Number);
    await expect.poll(async () => (near(await typed(), [30 / cs, 40 / cs, 330 / cs, 200 / cs]) ? 'ok' : `${await typed()} vs ${[30 / cs, 40 / cs, 330 / cs, 200 / cs]}`)).toBe('ok');
    // Adjust: drag the region 20 px right and 10 down.
    const cr = (await page.getByTestId('crop-rect').boundingBox())!;
    await mouseDrag(cr.x + cr.width / 2, cr.y + cr.height / 2, cr.x + cr.width / 2 + 20, cr.y + cr.height / 2 + 10);
    const dragged = [50 / cs, 50 / cs, 350 / cs, 210 / cs];
    await expect.poll(async () => (near(await typed(), dragged) ? 'ok' : `${await typed()} vs ${dragged}`)).toBe('ok');
    await page.getByTestId('export-caption').uncheck(); // the PNG is then exactly the region
    expect(await page.getByTestId('export-crop-size').textContent()).toMatch(/^書き出す大きさ:\d+ × \d+ ピクセル/);
    await myShots('17-export-crop-drag');
    // Every hit not dismissed is blackened: with confirmed ones only, a record whose e-mail was confirmed by the
    // first test and whose postal code is still pending would be refused by the export's record guard (rightly).
    await page.getByTestId('export-hits-not-dismissed').check();
    await timed('press screenshot (page of the seed book)', () => page.getByTestId('export-run').click(),
      () => expect.poll(async () => {
        for (const id of ['export-refused', 'export-result']) if (await page.getByTestId(id).count()) return page.getByTestId(id).textContent();
        return '';
      }, { timeout: 300_000 }).toContain('screenshot'));
    expect(await page.getByTestId('export-result').textContent()).toContain('検証済み');
    const shot = bridge.service.exportsList().filter((x) => x.kind === 'screenshot').at(-1)!;
    const png = fs.readFileSync(path.join(seed.dir, shot.path));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    const box = await typed();
    // The region at the export's scale (150 dpi): the dragged 300 × 160 CSS px, in points, times 150 / 72.
    const expected = { width: (box[2] - box[0]) * 150 / 72, height: (box[3] - box[1]) * 150 / 72 };
    expect(Math.abs(size.width - expected.width), `${size.width} vs ${expected.width}`).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - expected.height), `${size.height} vs ${expected.height}`).toBeLessThanOrEqual(2);
    expect(Math.abs(size.width - (300 / cs) * 150 / 72)).toBeLessThanOrEqual(3);
    await myShots('18-export-screenshot-done');

    // These screens speak Japanese (key names such as Alt are names, as Ctrl and Shift are).
    for (const name of mine) expect(latin[name].filter((w) => w !== 'Alt'), name).toEqual([]);
    for (const name of mine) for (const sz of SIZES) expect(domCounts[`${name} ${sz.width}×${sz.height}`], name).toBeLessThan(DOM_LIMIT);
    expect(outside).toEqual([]);
    expect(pageErrors.slice(errorsBefore)).toEqual([]);
  });
});
