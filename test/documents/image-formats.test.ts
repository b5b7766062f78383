// Image formats the corpus lacks (generated fixtures in test/fixtures/images): each opens through
// MuPDF as pages that need OCR, a multi-page TIFF as one page per frame, and renders.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectMediaType } from '../../main/evidence/media-type';
import { extractDocument } from '../../main/documents/extract-document';
import { formatForMediaType } from '../../main/documents/formats';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { REPO_ROOT, tmpDir } from '../helpers/paths';

const pool = new DocumentWorkerPool(1);
afterAll(() => pool.close());
const fixture = (name: string) => path.join(REPO_ROOT, 'test/fixtures/images', name);

async function open(name: string) {
  const mt = await detectMediaType(fixture(name));
  const format = formatForMediaType(mt.mediaType) ?? 'unsupported';
  return { mt, result: await extractDocument({ path: fixture(name), format, mediaType: mt.mediaType }, { pool }) };
}

describe('image formats beyond the corpus', () => {
  it.each([
    ['page.webp', 'image/webp', 1],
    ['page.gif', 'image/gif', 1],
    ['three-pages.tif', 'image/tiff', 3],
  ])('%s opens as %s with %i page(s) that need OCR', async (name, mediaType, pages) => {
    const { mt, result } = await open(name);
    expect(mt.mediaType).toBe(mediaType);
    expect(result.status).toBe('ok');
    expect(result.pages).toHaveLength(pages);
    for (const p of result.pages) {
      expect(p.needsOcr).toBe(true);
      expect(p.width).toBeGreaterThan(0);
      expect(p.height).toBeGreaterThan(0);
    }
  });
});

describe('WebP (decoded with libwebp in WebAssembly; MuPDF has no WebP)', () => {
  it('a screenshot folder mixing WebP, GIF and TIFF is one document, one page per image and per TIFF frame', async () => {
    const result = await extractDocument({ path: path.join(REPO_ROOT, 'test/fixtures/images'), format: 'image-set', container: 'folder' }, { pool });
    expect(result.status).toBe('ok');
    // page.gif, page.webp, then the three frames of three-pages.tif (natural name order).
    expect(result.pages).toHaveLength(5);
    const tiff = await open('three-pages.tif');
    expect(result.pages.slice(2).map((p) => [p.width, p.height])).toEqual(tiff.result.pages.map((p) => [p.width, p.height]));
  });

  it('refuses a WebP header claiming 30,000×30,000 pixels before decoding it', async () => {
    const dir = tmpDir();
    const b = Buffer.alloc(64);
    b.write('RIFF', 0, 'latin1'); b.writeUInt32LE(56, 4); b.write('WEBP', 8, 'latin1'); b.write('VP8X', 12, 'latin1'); b.writeUInt32LE(10, 16);
    b.writeUIntLE(30000 - 1, 24, 3); b.writeUIntLE(30000 - 1, 27, 3);
    const file = path.join(dir, 'huge.webp');
    fs.writeFileSync(file, b);
    const result = await extractDocument({ path: file, format: 'image', mediaType: 'image/webp' }, { pool });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/30000×30000 pixels is over the limit/);
  });
});
