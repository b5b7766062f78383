// Generated hostile inputs: none may crash or hang the process; each fails its own job with one line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEpubPackage } from '../../main/documents/epub-package';
import { extractDocument, renderDocumentPage } from '../../main/documents/extract-document';
import { DRM_MESSAGE } from '../../main/documents/protection';
import type { DocumentSource } from '../../main/documents/types';
import { DocumentJobError, DocumentWorkerPool } from '../../main/documents/worker-pool';
import { readZip } from '../../main/documents/zip-archive';
import { DEFAULT_LIMITS } from '../../main/documents/types';
import { corpus, manyPagePdf, pngHeaderClaiming, writeEpub, writeZip } from './generate';

const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-docs-hostile-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
const file = (name: string) => path.join(tmp, name);

function expectOneLine(msg: string | undefined, pattern: RegExp) {
  expect(msg).toMatch(pattern);
  expect(msg).not.toMatch(/\n/);
}

describe('generated hostile inputs', () => {
  it('zip bomb: an entry inflating past the limit is refused before it is inflated', async () => {
    // 64 MiB of zeros deflates to ~64 KiB; the limit is lowered so the test stays small and fast.
    await writeZip(file('bomb.cbz'), [{ name: '001.png', data: new Uint8Array(64 * 1024 * 1024) }]);
    expect(fs.statSync(file('bomb.cbz')).size).toBeLessThan(200_000);
    const r = await extractDocument({ path: file('bomb.cbz'), format: 'cbz' }, { pool, limits: { maxZipEntryBytes: 16 * 1024 * 1024 } });
    expect(r.status).toBe('failed');
    expectOneLine(r.error, /001\.png claims 67108864 bytes uncompressed .*zip bomb/);
  });

  it('zip bomb spread over many entries hits the total bound', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ name: `p${i}.png`, data: new Uint8Array(4 * 1024 * 1024) }));
    await writeZip(file('bomb2.zip'), entries);
    const r = await extractDocument({ path: file('bomb2.zip'), format: 'image-set' }, { pool, limits: { maxZipTotalBytes: 32 * 1024 * 1024 } });
    expect(r.status).toBe('failed');
    expectOneLine(r.error, /add up to more than 33554432 bytes .*zip bomb/);
  });

  it('too many ZIP entries', async () => {
    await writeZip(file('many.zip'), Array.from({ length: 50 }, (_, i) => ({ name: `${i}.png`, data: 'x' })));
    const r = await extractDocument({ path: file('many.zip'), format: 'image-set' }, { pool, limits: { maxZipEntries: 40 } });
    expectOneLine(r.error, /ZIP has 50 entries \(limit 40\)/);
  });

  it('path traversal inside an EPUB and a CBZ (renamed corpus zips)', async () => {
    fs.copyFileSync(corpus('hostile/yauzl-path-traversal-dotdot.zip'), file('slip.epub'));
    const a = await extractDocument({ path: file('slip.epub'), format: 'epub' }, { pool });
    expectOneLine(a.error, /invalid relative path: \.\.\/xt/);
    fs.copyFileSync(corpus('hostile/yauzl-absolute-path-unix.zip'), file('abs.cbz'));
    const b = await extractDocument({ path: file('abs.cbz'), format: 'cbz' }, { pool });
    expectOneLine(b.error, /absolute path: \/atxt/);
  });

  it('10,000-page PDF opens and extracts without hanging; a lower page limit refuses it', async () => {
    fs.writeFileSync(file('10k.pdf'), manyPagePdf(10_000));
    const r = await extractDocument({ path: file('10k.pdf'), format: 'pdf' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(10_000);
    expect(r.pages.length).toBe(10_000);
    const limited = await extractDocument({ path: file('10k.pdf'), format: 'pdf' }, { pool, limits: { maxPages: 5000 } });
    expect(limited.status).toBe('failed');
    expectOneLine(limited.error, /^10000 pages \(limit 5000\)$/);
  });

  it('30,000×30,000 image header: refused, not allocated', async () => {
    fs.writeFileSync(file('huge.png'), pngHeaderClaiming(30_000, 30_000));
    const source: DocumentSource = { path: file('huge.png'), format: 'image', mediaType: 'image/png' };
    const r = await extractDocument(source, { pool });
    expect(r.status).toBe('failed');
    expectOneLine(r.error, /^page 1: image dimensions might overflow$/);
    // A header just under MuPDF's own bound is refused by ours, before any pixel is decoded.
    fs.writeFileSync(file('big.png'), pngHeaderClaiming(20_000, 20_000));
    const big = await extractDocument({ path: file('big.png'), format: 'image', mediaType: 'image/png' }, { pool });
    expectOneLine(big.error, /20000×20000 pixels exceeds the limit/);
    await expect(renderDocumentPage({ path: file('big.png'), format: 'image', mediaType: 'image/png' }, 0, { pool })).rejects.toThrow(/exceeds the limit/);
  });

  it('XML entity expansion (billion laughs) in an EPUB chapter is refused', async () => {
    const lol = `<!DOCTYPE html [<!ENTITY a "lollollollollollollollollollol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`;
    // The chapter written by hand, with the DTD in front of its <html>.
    await writeEpub(file('lol.epub'), {
      title: 'lol',
      chapters: [],
      extra: [{ name: 'OEBPS/c0.xhtml', data: `<?xml version="1.0"?>${lol}<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&j;</p></body></html>` }],
    });
    const r = await extractDocument({ path: file('lol.epub'), format: 'epub' }, { pool });
    expect(r.status).toBe('failed');
    expectOneLine(r.error, /OEBPS\/c0\.xhtml: XML entity declarations refused/);
  });

  it('a manifest href with a malformed percent escape is kept as written, not a crash of the package reader', async () => {
    await writeZip(file('percent.epub'), [
      { name: 'mimetype', data: 'application/epub+zip', compress: false },
      { name: 'META-INF/container.xml', data: '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>' },
      { name: 'OEBPS/content.opf', data: '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="a" href="c%ZZ.xhtml#top" media-type="application/xhtml+xml"/><item id="b" href="d%20e.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>' },
    ]);
    const pkg = readEpubPackage(await readZip(new Uint8Array(fs.readFileSync(file('percent.epub'))), DEFAULT_LIMITS));
    expect(pkg.spine.map((s) => s.href)).toEqual(['OEBPS/c%ZZ.xhtml', 'OEBPS/d e.xhtml']);
  });

  it('EPUB whose encryption.xml encrypts content is DRM-protected; font obfuscation alone is not', async () => {
    const enc = (alg: string, uri: string) => `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="${alg}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
    await writeEpub(file('drm.epub'), { title: 'drm', chapters: ['<p>x</p>'], extra: [
      { name: 'META-INF/encryption.xml', data: enc('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'OEBPS/c0.xhtml') },
      { name: 'META-INF/rights.xml', data: '<rights/>' },
    ] });
    const r = await extractDocument({ path: file('drm.epub'), format: 'epub' }, { pool });
    expect(r.status).toBe('protected');
    expectOneLine(r.error, /^DRM-protected: the content cannot be examined \(EPUB, Adobe ADEPT: .*OEBPS\/c0\.xhtml\); .*screenshots of the reader app/);
    expect(r.error!.startsWith(DRM_MESSAGE)).toBe(true);

    await writeEpub(file('fonts.epub'), { title: 'fonts', chapters: ['<p>読める本文</p>'], extra: [
      { name: 'META-INF/encryption.xml', data: enc('http://www.idpf.org/2008/embedding', 'OEBPS/font.otf') },
    ] });
    const ok = await extractDocument({ path: file('fonts.epub'), format: 'epub' }, { pool });
    expect(ok.status, ok.error).toBe('ok');
  });

  it('a KFX container is DRM-protected', async () => {
    fs.writeFileSync(file('book.kfx'), Buffer.concat([Buffer.from('CONT'), Buffer.alloc(2000, 1)]));
    const r = await extractDocument({ path: file('book.kfx'), format: 'kfx' }, { pool });
    expect(r.status).toBe('protected');
    expect(r.error!.startsWith(DRM_MESSAGE)).toBe(true);
  });

  it('a job that makes no progress in time is stopped, and the pool goes on with the next job', async () => {
    fs.writeFileSync(file('10k-b.pdf'), manyPagePdf(10_000));
    const slow = await extractDocument({ path: file('10k-b.pdf'), format: 'pdf' }, { pool, limits: { idleTimeoutMs: 1 } });
    expect(slow.status).toBe('failed');
    expectOneLine(slow.error, /no progress for 0 s: stopped \(time limit\)/);
    const next = await extractDocument({ path: corpus('pdf/ja-pdfjs-noembed-sjis.pdf'), format: 'pdf' }, { pool });
    expect(next.status).toBe('ok');
  });

  it('a render of a broken file rejects with a DocumentJobError, not a crash', async () => {
    const err = await renderDocumentPage({ path: corpus('hostile/ocrmypdf-invalid.pdf'), format: 'pdf' }, 0, { pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentJobError);
    expect((err as Error).message).toMatch(/no objects found/);
  });
});
