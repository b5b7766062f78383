// Issue 16 item 5: decoys that hide the leak (a case-only twin, a duplicated entry name, a PDF with an
// EPUB appended), and item 10(a): an EPUB's zip bomb refused before its bytes are inflated.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { documentSandbox } from './document-sandbox';
import { japanesePdf, labelledPng } from './generate';
import { decoyEpub, fakeRecord, rawZip, xhtml, zeroBomb } from './decoys-generate';
import { extractDocument } from '../../main/documents/extract-document';
import { readZip, type ZipMeter } from '../../main/documents/zip-archive';
import { DEFAULT_LIMITS, type ExtractionResult } from '../../main/documents/types';
import { runShokoAsync, runShokoSteps } from '../helpers/run-cli';

const { pool, file } = documentSandbox('shoko-decoys-');
const leak = fakeRecord(16);
const decoyText = '本書には個人情報は含まれていません';

function pageTexts(r: ExtractionResult): string[] {
  return r.pages.map((p) => p.lines.map((l) => l.text).join('\n'));
}
// Whitespace dropped; the dashes a PDF font maps '-' to (U+2010–2015, U+2212) read as '-'.
const squash = (s: string) => s.replace(/\s+/g, '').replace(/[\u2010-\u2015\u2212]/g, '-');
const noteOf = (r: ExtractionResult, code: string) => r.readNotes?.find((n) => n.code === code);

describe('decoys that hide the leak', () => {
  it('case-only twin: the exact name the spine gives is the book; the twin is read too, and said', async () => {
    // The decoy comes first: MuPDF's archive lookup ignores case and took it.
    fs.writeFileSync(file('twin.epub'), decoyEpub(['ch1.xhtml'], [
      { name: 'OEBPS/CH1.XHTML', data: xhtml(`<p>${decoyText}</p>`) },
      { name: 'OEBPS/ch1.xhtml', data: xhtml(`<p>会員名簿</p><p>${leak.line}</p>`) },
    ]));
    const r = await extractDocument({ path: file('twin.epub'), format: 'epub' }, { pool });
    expect(r.status, r.error).toBe('ok');
    const texts = pageTexts(r).map(squash);
    // The book's first page is the leak (the exact entry), not the decoy.
    expect(texts[0]).toContain(squash(leak.line));
    expect(texts.join('')).toContain(squash(decoyText)); // the twin is read as well, on its own pages
    const note = noteOf(r, 'zip-case-twin');
    expect(note?.detail).toMatch(/OEBPS\/CH1\.XHTML beside OEBPS\/ch1\.xhtml.*read on page 2/);
    expect(note?.partial).toBe(false);
  });

  it('duplicated entry name, decoy first: every version is read, and said', async () => {
    fs.writeFileSync(file('dup.epub'), decoyEpub(['c%201.xhtml'], [
      { name: 'OEBPS/c 1.xhtml', data: xhtml(`<p>${decoyText}</p>`) },
      { name: 'OEBPS/c 1.xhtml', data: xhtml(`<p>${leak.line}</p>`) },
    ]));
    const r = await extractDocument({ path: file('dup.epub'), format: 'epub' }, { pool });
    expect(r.status, r.error).toBe('ok');
    const texts = pageTexts(r).map(squash);
    expect(texts[0]).toContain(squash(decoyText)); // the first version is the book, as MuPDF reads it
    expect(texts.slice(1).join('')).toContain(squash(leak.line)); // calibre's (the last) version: read too
    expect(noteOf(r, 'zip-duplicate-entry')?.detail).toMatch(/OEBPS\/c 1\.xhtml, 2 versions.*read on page 2/);
    // Both versions are in the inventory, each with its own hash.
    const inv = r.metadata?.inventory?.filter((e) => e.name === 'OEBPS/c 1.xhtml') ?? [];
    expect(new Set(inv.map((e) => e.sha256)).size).toBe(2);
  });

  it('a duplicated OPF: documents only the other package version names are read', async () => {
    const opf2 = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="x" href="hidden.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="x"/></spine></package>`;
    fs.writeFileSync(file('dup-opf.epub'), decoyEpub(['c1.xhtml'], [
      { name: 'OEBPS/c1.xhtml', data: xhtml(`<p>${decoyText}</p>`) },
      { name: 'OEBPS/hidden.xhtml', data: xhtml(`<p>${leak.line}</p>`) },
      { name: 'OEBPS/content.opf', data: opf2 },
    ]));
    const r = await extractDocument({ path: file('dup-opf.epub'), format: 'epub' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(squash(pageTexts(r).join(''))).toContain(squash(leak.line));
    expect(r.readNotes?.some((n) => n.code === 'zip-duplicate-entry' && /OEBPS\/hidden\.xhtml/.test(n.detail))).toBe(true);
  });

  it('a CBZ with an image name stored twice: a page per version', async () => {
    fs.writeFileSync(file('dup.cbz'), rawZip([
      { name: '001.png', data: labelledPng('DECOY'), compress: false },
      { name: '001.png', data: labelledPng('LEAK'), compress: false },
    ]));
    const r = await extractDocument({ path: file('dup.cbz'), format: 'cbz' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(2);
    expect(noteOf(r, 'zip-duplicate-entry')?.detail).toMatch(/001\.png/);
  });

  it('an image-only spine (manga) with a page picture stored twice: both versions are pages', async () => {
    fs.writeFileSync(file('manga.epub'), decoyEpub(['p1.png'], [
      { name: 'OEBPS/p1.png', data: labelledPng('DECOY'), compress: false },
      { name: 'OEBPS/p1.png', data: labelledPng('LEAK'), compress: false },
    ], 'image/png'));
    const r = await extractDocument({ path: file('manga.epub'), format: 'epub' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(2);
    expect(r.pages[1].images.length).toBe(1); // the other version, on a page of its own
    expect(noteOf(r, 'zip-duplicate-entry')?.detail).toMatch(/OEBPS\/p1\.png, 2 versions.*read on page 2/);
  });

  it('bytes after a CBZ that are not a PDF: the CBZ is read and the bytes are said', async () => {
    fs.writeFileSync(file('tail.cbz'), Buffer.concat([rawZip([{ name: '001.png', data: labelledPng('P1'), compress: false }]), Buffer.from('x'.repeat(300))]));
    const r = await extractDocument({ path: file('tail.cbz'), format: 'cbz' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(noteOf(r, 'zip-outside-bytes')?.detail).toMatch(/^bytes \d+–\d+ of the file lie outside the ZIP/);
  });

  it('a PDF with an EPUB appended (named .epub): both are read, and the file is called a polyglot', async () => {
    const pdf = japanesePdf({ horizontal: [decoyText] });
    const epub = decoyEpub(['c1.xhtml'], [{ name: 'OEBPS/c1.xhtml', data: xhtml(`<p>${leak.line}</p>`) }]);
    fs.writeFileSync(file('polyglot.epub'), Buffer.concat([pdf, epub]));
    // Intake sniffs it as a PDF (%PDF- in the first KiB): the engine opens it as one.
    const r = await extractDocument({ path: file('polyglot.epub'), format: 'pdf' }, { pool });
    expect(r.status, r.error).toBe('ok');
    const texts = pageTexts(r).map(squash);
    expect(texts[0]).toContain(squash(decoyText));
    expect(texts.slice(1).join('')).toContain(squash(leak.line));
    const note = noteOf(r, 'polyglot-file');
    expect(note?.detail).toMatch(new RegExp(`a PDF and an EPUB appended after the PDF's end \\(bytes ${pdf.length}–${pdf.length + epub.length}\\).*EPUB on page 2`));
    expect(note?.partial).toBe(false);
  });

  it('an EPUB with a PDF after it: both are read', async () => {
    const pdf = japanesePdf({ horizontal: [leak.line] });
    const epub = decoyEpub(['c1.xhtml'], [{ name: 'OEBPS/c1.xhtml', data: xhtml(`<p>${decoyText}</p>`) }]);
    fs.writeFileSync(file('epub-then-pdf.epub'), Buffer.concat([epub, pdf]));
    const r = await extractDocument({ path: file('epub-then-pdf.epub'), format: 'epub' }, { pool });
    expect(r.status, r.error).toBe('ok');
    const texts = pageTexts(r).map(squash);
    expect(texts[0]).toContain(squash(decoyText));
    expect(texts.slice(1).join('')).toContain(squash(leak.line));
    expect(noteOf(r, 'polyglot-file')?.detail).toMatch(/the EPUB \(bytes 0–\d+\) and a PDF.*PDF on page 2/);
  });
});

describe('through the command line', () => {
  it('scan says the file is a polyglot and the case-twin, and the leak on both is a hit', async () => {
    const pdf = japanesePdf({ horizontal: [decoyText] });
    fs.writeFileSync(file('cli-polyglot.epub'), Buffer.concat([pdf, decoyEpub(['c1.xhtml'], [{ name: 'OEBPS/c1.xhtml', data: xhtml(`<p>${leak.line}</p>`) }])]));
    fs.writeFileSync(file('cli-twin.epub'), decoyEpub(['ch1.xhtml'], [
      { name: 'OEBPS/CH1.XHTML', data: xhtml(`<p>${decoyText}</p>`) },
      { name: 'OEBPS/ch1.xhtml', data: xhtml(`<p>${leak.line}</p>`) },
    ]));
    fs.writeFileSync(file('list.csv'), `会員番号,氏名,メール,電話\nM001,${leak.name},${leak.email},${leak.phone}\n`);
    const caseDir = file('case');
    await runShokoSteps([
      ['case', 'init', caseDir, '--name', 'おとり', '--examiner', '検査 太郎'],
      ['add', caseDir, file('cli-polyglot.epub'), file('cli-twin.epub')],
      ['leaks', 'import', caseDir, file('list.csv'), '--key', '会員番号'],
    ]);
    const scan = await runShokoAsync(['scan', caseDir, '--ocr', 'never']);
    expect(scan.code, scan.stderr).toBe(0); // everything was read: nothing partial
    expect(scan.stdout).toMatch(/#1 cli-polyglot\.epub {2}pdf {2}ok {2}2 pages\n {4}note polyglot-file: the file is two documents: a PDF and an EPUB appended/);
    expect(scan.stdout).toMatch(/#2 cli-twin\.epub {2}epub {2}ok {2}2 pages\n {4}note zip-case-twin: /);
    const hits = JSON.parse((await runShokoAsync(['hits', caseDir, '--json'])).stdout) as { records: { key: string; present: boolean }[] };
    expect(hits.records.find((r) => r.key === 'M001')?.present).toBe(true);
    const found = await runShokoAsync(['hits', caseDir]);
    expect(found.stdout).toMatch(/M001 .*1:2 email.*2:1 email/); // the appended EPUB's page, and the twin book's first page
    // A redacted PDF of the polyglot covers both parts: its pages are rendered (a redacted copy of the
    // PDF part alone would lack page 2, the EPUB's), and the self-check proves the leak gone.
    const out = file('polyglot-redacted');
    const redact = await runShokoAsync(['redact', caseDir, '--item', '1', '--format', 'pdf', '--status', 'all-hits', '--out', out, '--lang', 'eng']);
    expect(redact.code, redact.stderr).toBe(0);
    const pdfs = fs.readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    const text = spawnSync('pdftotext', [path.join(out, pdfs[0]), '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).not.toContain(leak.email);
    const info = spawnSync('pdfinfo', [path.join(out, pdfs[0])], { encoding: 'utf8' });
    expect(info.stdout).toMatch(/Pages:\s+2\n/);
  }, 240_000);
});

describe('an EPUB zip bomb is refused before it is inflated (issue 16, 10a)', () => {
  const MiB = 1024 * 1024;

  it('five entries declaring 250 MiB each in a ~1 MB EPUB: refused with nothing inflated', async () => {
    const zeros = await zeroBomb(250 * MiB);
    const epub = decoyEpub(['c1.xhtml'], [
      { name: 'OEBPS/c1.xhtml', data: xhtml('<p>x</p>') },
      ...Array.from({ length: 5 }, (_, i) => ({ name: `OEBPS/pad${i}.bin`, deflated: zeros })),
    ]);
    expect(epub.length).toBeLessThan(2 * MiB);
    fs.writeFileSync(file('bomb.epub'), epub);
    const meter: ZipMeter = { inflated: 0 };
    await expect(readZip(new Uint8Array(epub), DEFAULT_LIMITS, meter)).rejects.toThrow(/add up to more than 1073741824 bytes .*before inflating/);
    expect(meter.inflated).toBe(0);
    const r = await extractDocument({ path: file('bomb.epub'), format: 'epub' }, { pool });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/zip bomb/);

    // The same in a fresh process: its peak memory grows by far less than the bytes declared.
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'decoys-rss-child.ts'), file('bomb.epub')], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout) as { refused: string; inflated: number; peakGrowthMb: number };
    expect(out.refused).toMatch(/zip bomb/);
    expect(out.inflated).toBe(0);
    expect(out.peakGrowthMb).toBeLessThan(200);
  });

  it('an entry that inflates past its declared size is stopped within a chunk of it', async () => {
    const zeros = await zeroBomb(64 * MiB);
    const zip = rawZip([{ name: 'a.bin', deflated: zeros, declaredSize: MiB }]);
    const meter: ZipMeter = { inflated: 0 };
    await expect(readZip(new Uint8Array(zip), DEFAULT_LIMITS, meter)).rejects.toThrow(/a\.bin/);
    expect(meter.inflated).toBeLessThanOrEqual(MiB + 64 * 1024);
  });
});
