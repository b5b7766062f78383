import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { listEvidenceItems } from '../../main/case/evidence-items';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { addScreenshotFolder } from '../../main/evidence/screenshot-set';
import { corpusFile, tmpDir } from '../helpers/paths';
import { runShoko } from '../helpers/run-cli';

function shotsFolder(): string {
  const dir = path.join(tmpDir(), 'reader-app-captures');
  fs.mkdirSync(dir);
  fs.copyFileSync(corpusFile('images/ja-rendered-pii-form-SYNTHETIC.png'), path.join(dir, 'page10.png'));
  fs.copyFileSync(corpusFile('images/ja-manga-haruko-p02.jpg'), path.join(dir, 'page2.jpg'));
  fs.copyFileSync(corpusFile('images/en-tesseract-phototest.tif'), path.join(dir, 'page1.tif'));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'taken with the reader app, 2026-11-20');
  return dir;
}

function zipEntries(file: string): Promise<{ name: string; sha256: string }[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: { name: string; sha256: string }[] = [];
      zip.on('entry', (e: yauzl.Entry) => zip.openReadStream(e, (er, s) => {
        if (er || !s) return reject(er);
        const chunks: Buffer[] = [];
        s.on('data', (d: Buffer) => chunks.push(d)).on('end', () => {
          out.push({ name: e.fileName, sha256: execFileSync('sha256sum', { input: Buffer.concat(chunks) }).toString().split(' ')[0] });
          zip.readEntry();
        });
      }));
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('screenshot folders', () => {
  it('become one item: the originals, unchanged, in natural order, each hashed in the custody log', async () => {
    const folder = shotsFolder();
    const c = initCase(path.join(tmpDir(), 'case'), { name: 'shots' });
    const r = await addScreenshotFolder(c, folder, { source: 'Kindle for PC screenshots' });
    expect(r.members.map((m) => m.name)).toEqual(['page1.tif', 'page2.jpg', 'page10.png']);
    expect(r.skipped).toEqual([{ name: 'notes.txt', reason: 'not an image (plain text)' }]);
    expect(r.mediaType).toBe('application/vnd.comicbook+zip');
    for (const m of r.members) expect(m.sha256).toBe(execFileSync('sha256sum', [path.join(folder, m.name)]).toString().split(' ')[0]);
    const entries = await zipEntries(c.evidencePath(r.sha256));
    expect(entries).toEqual(r.members.map((m) => ({ name: m.entry, sha256: m.sha256 })));
    const [item] = listEvidenceItems(c.db);
    expect(item.acquisitions[0]).toMatchObject({ originalPath: folder, originalName: 'reader-app-captures (screenshot set).cbz', source: 'Kindle for PC screenshots' });
    const added = listCustodyEvents(c.db).find((e) => e.action === 'evidence.added')!;
    expect((added.details.screenshotSet as { members: unknown[] }).members).toHaveLength(3);

    // The same folder again: the same container bytes, so one more acquisition, not a second item.
    const again = await addScreenshotFolder(c, folder);
    expect(again).toMatchObject({ id: r.id, sha256: r.sha256, added: false });
    c.close();
  });

  it('orders by capture time when asked, numbering the entries so readers keep that order', async () => {
    const folder = shotsFolder();
    const t = Date.parse('2026-11-20T10:00:00Z') / 1000;
    fs.utimesSync(path.join(folder, 'page10.png'), t, t);
    fs.utimesSync(path.join(folder, 'page1.tif'), t + 60, t + 60);
    fs.utimesSync(path.join(folder, 'page2.jpg'), t + 120, t + 120);
    const c = initCase(path.join(tmpDir(), 'case'), { name: 'shots' });
    const r = await addScreenshotFolder(c, folder, { order: 'time' });
    expect(r.members.map((m) => m.entry)).toEqual(['0001 page10.png', '0002 page1.tif', '0003 page2.jpg']);
    expect((await zipEntries(c.evidencePath(r.sha256))).map((e) => e.name)).toEqual(['0001 page10.png', '0002 page1.tif', '0003 page2.jpg']);
    c.close();
  });

  it('refuses a folder without images and a path that is not a folder, with exit 2', () => {
    const dir = path.join(tmpDir(), 'case');
    expect(runShoko(['case', 'init', dir, '--name', 'x']).code).toBe(0);
    const empty = tmpDir();
    fs.writeFileSync(path.join(empty, 'a.txt'), 'x');
    const r1 = runShoko(['add', dir, '--screenshots', empty]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`${empty}: no images in this folder`);
    const r2 = runShoko(['add', dir, '--screenshots', corpusFile('images/en-tesseract-phototest.tif')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('is not a folder');
    const r3 = runShoko(['add', dir]);
    expect(r3.code).toBe(2);
  });
});
