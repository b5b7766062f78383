import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase, openCase } from '../../main/case/case-folder';
import { listEvidenceItems } from '../../main/case/evidence-items';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { addEvidence } from '../../main/evidence/intake';
import { detectMediaType } from '../../main/evidence/media-type';
import { corpusFile, tmpDir } from '../helpers/paths';
import { runShoko } from '../helpers/run-cli';

const tool = (cmd: string, file: string) => execFileSync(cmd, [file], { encoding: 'utf8' }).split(/\s+/)[0];

describe('evidence intake', () => {
  it('hashes like sha256sum/sha1sum/md5sum, copies read-only, and never touches the original', async () => {
    const original = corpusFile('epub/ja-kusamakura-vertical.epub');
    const before = fs.statSync(original);
    const dir = path.join(tmpDir(), 'case');
    const c = initCase(dir, { name: 'intake' });
    const [r] = await addEvidence(c, [original], { source: 'https://example.com/store/page', note: 'メモ', collector: '佐藤' });
    expect(r).toMatchObject({
      added: true, mediaType: 'application/epub+zip', originalName: 'ja-kusamakura-vertical.epub',
      sha256: tool('sha256sum', original), sha1: tool('sha1sum', original), md5: tool('md5sum', original), size: before.size,
    });
    const copy = c.evidencePath(r.sha256);
    expect(fs.statSync(copy).mode & 0o222).toBe(0);
    expect(tool('sha256sum', copy)).toBe(r.sha256);
    expect(fs.statSync(original).mtimeMs).toBe(before.mtimeMs);
    const item = listEvidenceItems(c.db)[0];
    expect(item.acquisitions[0]).toMatchObject({ source: 'https://example.com/store/page', note: 'メモ', collector: '佐藤', originalPath: original });
    expect(item.acquisitions[0].acquiredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof item.acquisitions[0].tzOffsetMin).toBe('number');
    expect(item.acquisitions[0].tzName.length).toBeGreaterThan(0);
    c.close();
  });

  it('records the same content added again as one more acquisition, not a second item', async () => {
    const dir = path.join(tmpDir(), 'case');
    const c = initCase(dir, { name: 'dup' });
    const f = corpusFile('pdf/ja-pdfjs-noembed-sjis.pdf');
    const copy = path.join(tmpDir(), 'renamed-copy.pdf');
    fs.copyFileSync(f, copy);
    const [a] = await addEvidence(c, [f]);
    const [b] = await addEvidence(c, [copy], { source: 'second download' });
    expect(b.id).toBe(a.id);
    expect(b.added).toBe(false);
    const items = listEvidenceItems(c.db);
    expect(items).toHaveLength(1);
    expect(items[0].acquisitions.map((x) => x.originalName)).toEqual(['ja-pdfjs-noembed-sjis.pdf', 'renamed-copy.pdf']);
    expect(listCustodyEvents(c.db).map((e) => e.action)).toEqual(['case.created', 'evidence.added', 'evidence.acquired-again']);
    c.close();
  });

  it('sniffs media types by content and flags a disagreeing extension', async () => {
    const cases: [string, string, boolean][] = [
      ['epub/epubcheck-minimal-valid.epub', 'application/epub+zip', false],
      ['pdf/ja-pdfjs-vertical-identity-v.pdf', 'application/pdf', false],
      ['mobi/ja-kusamakura.calibre.azw3', 'application/x-mobipocket-ebook', false],
      ['mobi/libmobi-sample-drm-v1.mobi', 'application/vnd.palm', false],
      ['cbz/ja-manga-haruko.cbz', 'application/vnd.comicbook+zip', false],
      ['images/en-tesseract-phototest.tif', 'image/tiff', false],
      ['images/ja-manga-haruko-p02.jpg', 'image/jpeg', false],
      ['images/ja-rendered-kusamakura-horizontal.png', 'image/png', false],
      ['hostile/epubcheck-image-with-epub-extension.epub', 'image/jpeg', true],
      ['hostile/epubcheck-mimetype-missing.epub', 'application/epub+zip', false],
      ['hostile/epubcheck-empty-0-bytes.epub', 'application/octet-stream', true],
      ['hostile/yauzl-truncated-no-eocd.zip', 'application/zip', false],
    ];
    for (const [rel, type, mismatch] of cases) {
      const m = await detectMediaType(corpusFile(rel));
      expect({ rel, type: m.mediaType, mismatch: m.extensionMismatch }).toEqual({ rel, type, mismatch });
    }
    const kfx = path.join(tmpDir(), 'book.azw');
    fs.writeFileSync(kfx, Buffer.concat([Buffer.from('CONT'), Buffer.alloc(64)]));
    expect(await detectMediaType(kfx)).toMatchObject({ mediaType: 'application/vnd.amazon.kfx', protection: 'drm', extensionMismatch: true });
  });

  it('prints the documented fields with --json', () => {
    const dir = path.join(tmpDir(), 'case');
    expect(runShoko(['case', 'init', dir, '--name', 'json']).code).toBe(0);
    const r = runShoko(['--json', 'add', dir, corpusFile('mobi/ja-kusamakura.calibre.mobi')]);
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout);
    for (const k of ['id', 'sha256', 'sha1', 'md5', 'size', 'mediaType', 'originalName']) expect(row).toHaveProperty(k);
    expect(row.mediaType).toBe('application/x-mobipocket-ebook');
    const c = openCase(dir);
    expect(listEvidenceItems(c.db)).toHaveLength(1);
    c.close();
  });
});
