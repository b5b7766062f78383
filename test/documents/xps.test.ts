import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { CORPUS, REPO_ROOT } from '../helpers/paths';
import { runShoko, runShokoAsync } from '../helpers/run-cli';

/**
 * XPS (OpenXPS): the MuPDF.js build has no XPS reader ("cannot find document handler"), so Shoko
 * cannot read one. The test builds a real package by hand — the parts a printer driver writes:
 * content types, the package relationship, a fixed document sequence, one fixed document and a page
 * with Glyphs in an embedded TrueType font — and checks what a user gets: intake recognises it as XPS
 * and keeps it hashed; scan records it as not opened with a reason that says what to do, and the
 * rest of the case is scanned.
 */
const FONT = path.join(REPO_ROOT, 'resources/fonts/ipaexg.ttf');
const NS = 'http://schemas.microsoft.com/xps/2005/06';

function xpsPackage(lines: string[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name);
  add('[Content_Types].xml', `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="fdseq" ContentType="application/vnd.ms-package.xps-fixeddocumentsequence+xml"/>
  <Default Extension="fdoc" ContentType="application/vnd.ms-package.xps-fixeddocument+xml"/>
  <Default Extension="fpage" ContentType="application/vnd.ms-package.xps-fixedpage+xml"/>
  <Default Extension="ttf" ContentType="application/vnd.ms-opentype"/>
</Types>`);
  add('_rels/.rels', `<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="R0" Type="http://schemas.microsoft.com/xps/2005/06/fixedrepresentation" Target="/FixedDocumentSequence.fdseq"/>
</Relationships>`);
  add('FixedDocumentSequence.fdseq', `<FixedDocumentSequence xmlns="${NS}"><DocumentReference Source="/Documents/1/FixedDocument.fdoc"/></FixedDocumentSequence>`);
  add('Documents/1/FixedDocument.fdoc', `<FixedDocument xmlns="${NS}"><PageContent Source="/Documents/1/Pages/1.fpage"/></FixedDocument>`);
  const glyphs = lines.map((l, i) =>
    `<Glyphs Fill="#FF000000" FontUri="/Resources/ipaexg.ttf" FontRenderingEmSize="16" OriginX="96" OriginY="${120 + i * 32}" UnicodeString="${l}"/>`).join('\n');
  add('Documents/1/Pages/1.fpage', `<FixedPage xmlns="${NS}" xml:lang="ja-JP" Width="816" Height="1056">\n${glyphs}\n</FixedPage>`);
  zip.addFile(FONT, 'Resources/ipaexg.ttf');
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

describe('XPS', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-xps-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is taken in as XPS and kept; scan says why it is not read and goes on with the other items', async () => {
    const xps = path.join(tmp, 'members.xps');
    fs.writeFileSync(xps, await xpsPackage(['会員名簿（抜粋）', '佐藤 花子　hanako.sato@example.com']));
    const dir = path.join(tmp, 'case');
    expect(runShoko(['case', 'init', dir, '--name', 'xps']).code).toBe(0);
    const added = runShoko(['--json', 'add', dir, xps, path.join(CORPUS, 'epub/epubcheck-minimal-valid.epub')]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('application/oxps');

    const scan = await runShokoAsync(['scan', dir, '--ocr', 'never']);
    // The XPS was not read, so the scan is not a whole answer: exit 1 with the summary line.
    expect(scan.code, scan.stderr).toBe(1);
    expect(scan.stdout).toContain('1 of 2 items not read whole: 1 failed');
    const xpsPages = JSON.parse(runShoko(['--json', 'pages', dir, '--item', '1']).stdout) as { status: string; error: string };
    expect(xpsPages.status).toBe('failed');
    expect(xpsPages.error).toMatch(/XPS is not opened.*Print it to PDF/);
    const epubPages = JSON.parse(runShoko(['--json', 'pages', dir, '--item', '2']).stdout) as { status: string; pageCount: number };
    expect(epubPages.status).not.toBe('failed');
    expect(epubPages.pageCount).toBeGreaterThan(0);
    expect(runShoko(['verify', dir]).code).toBe(0);
  }, 120_000);
});
