// `scan` and `triage` exit 0 only when every item was read whole; a failed, protected or partial item
// gives exit 1 and a summary line. `info` and `items` say which item is partial and why. Real files:
// EPUBs laid out by MuPDF, a text file the engine does not open, the real CLI in a child process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShoko, runShokoAsync } from '../helpers/run-cli';
import { labelledPng, writeEpub } from '../documents/generate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-readwhole-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const paragraphs = (seed: number) => Array.from({ length: 12 }, (_, k) =>
  `<p>第${seed + k}節 吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。Chapter ${seed + k}: nothing to report here.</p>`).join('');
const HIDDEN = '会員番号 A-0001 佐藤花子 hanako.sato@example.com 080-1111-2222';

let clean: string;
let hidden: string;
let text: string;
beforeAll(async () => {
  clean = path.join(tmp, 'clean.epub');
  hidden = path.join(tmp, 'hidden.epub');
  text = path.join(tmp, 'notes.txt');
  await writeEpub(clean, { title: '通常', chapters: [paragraphs(1), paragraphs(20)] });
  // A stylesheet that hides a member record: in the source, on no page — MuPDF honours display:none.
  await writeEpub(hidden, { title: '隠し', chapters: [paragraphs(40), `${paragraphs(60)}<p class="x">${HIDDEN}</p>`], css: '.x { display: none }' });
  fs.writeFileSync(text, 'plain text, not an ebook\n');
});

function newCase(name: string, files: string[]): string {
  const dir = path.join(tmp, name);
  expect(runShoko(['case', 'init', dir, '--name', name]).code).toBe(0);
  const added = runShoko(['add', dir, ...files]);
  expect(added.code, added.stderr).toBe(0);
  return dir;
}

describe('exit codes of scan', () => {
  it('exits 0 when every item was read whole', async () => {
    const dir = newCase('whole', [clean]);
    const r = await runShokoAsync(['scan', dir, '--ocr', 'never']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 items: 1 ok, 0 partial, 0 protected, 0 failed');
    expect(r.stdout).not.toContain('not read whole');
  }, 120_000);

  it('exits 1 with a summary line when an item failed or lost text; info and items say which and why', async () => {
    const dir = newCase('partial', [clean, hidden, text]);
    const r = await runShokoAsync(['scan', dir, '--ocr', 'never']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('2 of 3 items not read whole: 1 failed, 1 partial');
    expect(r.stdout).toMatch(/#2 hidden\.epub {2}epub {2}partial {2}\d+ pages {2}coverage 9\d\.\d %\n {4}partial: coverage 9\d\.\d %: \d+ of \d+ source characters on no page, first in OEBPS\/c1\.xhtml at character \d+/);

    // A re-run skips what is stored and still answers the same.
    const again = await runShokoAsync(['--json', 'scan', dir, '--ocr', 'never']);
    expect(again.code).toBe(1);
    const report = JSON.parse(again.stdout) as { ok: number; partial: number; failed: number; notReadWhole: string; items: { readStatus: string; skipped: boolean }[] };
    expect(report).toMatchObject({ ok: 1, partial: 1, failed: 1, notReadWhole: '2 of 3 items not read whole: 1 failed, 1 partial' });
    expect(report.items.map((i) => [i.readStatus, i.skipped])).toEqual([['ok', true], ['partial', true], ['failed', false]]);
    expect(again.stderr).toContain('2 of 3 items not read whole: 1 failed, 1 partial');

    const info = runShoko(['info', dir, '--item', '2']);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('epub: partial;');
    expect(info.stdout).toMatch(/coverage: 9\d\.\d\d % \(\d+ of \d+ source characters on the pages\)/);
    // The examiner sees the missing text itself (the case is theirs); findings.json and the report do not repeat it.
    expect(info.stdout).toContain('OEBPS/c1.xhtml @');
    expect(info.stdout).toContain('50 of 50 chars 「会員番号a-0001佐藤花子hanako.sato@example.com080…」');
    const infoJson = JSON.parse(runShoko(['--json', 'info', dir, '--item', '2']).stdout) as { document: { status: string; coverage: number; partialReason: string } };
    expect(infoJson.document.status).toBe('ok'); // the document opened; its reading is partial
    expect(infoJson.document.coverage).toBeLessThan(0.995);
    expect(infoJson.document.partialReason).toMatch(/^coverage /);

    const items = runShoko(['items', dir]);
    expect(items.stdout).toMatch(/#1 {2}clean\.epub .* ok /);
    expect(items.stdout).toMatch(/#2 {2}hidden\.epub .* partial .*\n {4}partial: coverage/);
    expect(items.stdout).toMatch(/#3 {2}notes\.txt .* failed /);
    const itemsJson = JSON.parse(runShoko(['--json', 'items', dir]).stdout) as { readStatus: string }[];
    expect(itemsJson.map((i) => i.readStatus)).toEqual(['ok', 'partial', 'failed']);
  }, 180_000);
  it('a picture scanned with OCR off is not read: partial and exit 1, until a scan with OCR reads it', async () => {
    const png = path.join(tmp, 'member.png');
    fs.writeFileSync(png, labelledPng('hanako.sato@example.com', 560, 120));
    const dir = newCase('ocr-off', [clean, png]);
    const off = await runShokoAsync(['scan', dir, '--ocr', 'never']);
    expect(off.code, off.stderr).toBe(1);
    expect(off.stdout).toContain('1 of 2 items not read whole: 1 partial');
    const info = runShoko(['info', dir, '--item', '2']);
    expect(info.stdout).toContain("note ocr-pages-not-read (text may be missing): 1 page(s) not OCR'd (page 1): OCR was turned off for this scan");
    const on = await runShokoAsync(['scan', dir, '--ocr', 'auto', '--lang', 'eng']);
    expect(on.code, on.stderr).toBe(0);
    expect(runShoko(['info', dir, '--item', '2']).stdout).not.toContain('ocr-pages-not-read');
    // Read once, the page stays read: a later scan with OCR off has nothing left unread.
    expect((await runShokoAsync(['scan', dir, '--ocr', 'never'])).code).toBe(0);
  }, 240_000);
});
