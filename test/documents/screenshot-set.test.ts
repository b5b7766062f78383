// Screenshot sets: a folder or ZIP of images is one document, one page per image, in natural order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../main/documents/extract-document';
import { naturalSort } from '../../main/common/natural-sort';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { labelledPng, writeZip } from './generate';

const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-docs-shots-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Widths differ per shot so page order can be read back from page sizes.
const SHOTS = [
  { name: 'Screenshot 10.png', width: 300 },
  { name: 'Screenshot 2.png', width: 200 },
  { name: 'Screenshot 1.png', width: 100 },
];

describe('screenshot sets', () => {
  it('natural sort puts 2 before 10', () => {
    expect(naturalSort(['p10.png', 'P2.png', 'p1.png'])).toEqual(['p1.png', 'P2.png', 'p10.png']);
  });

  it('a folder of screenshots is one document in natural order', async () => {
    const dir = path.join(tmp, 'shots');
    fs.mkdirSync(dir);
    for (const s of SHOTS) fs.writeFileSync(path.join(dir, s.name), labelledPng(s.name, s.width, 120));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'junk');
    const r = await extractDocument({ path: dir, format: 'image-set', container: 'folder' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.metadata?.images).toEqual(['Screenshot 1.png', 'Screenshot 2.png', 'Screenshot 10.png']);
    const widths = r.pages.map((p) => p.images[0].width);
    expect(widths).toEqual([100, 200, 300]);
    expect(r.pages.every((p) => p.needsOcr)).toBe(true);
  });

  it('a ZIP of screenshots likewise, ignoring macOS junk, with an inventory', async () => {
    const file = path.join(tmp, 'shots.zip');
    await writeZip(file, [
      ...SHOTS.map((s) => ({ name: `book/${s.name}`, data: labelledPng(s.name, s.width, 120) })),
      { name: '__MACOSX/book/._Screenshot 1.png', data: 'junk' },
    ]);
    const r = await extractDocument({ path: file, format: 'image-set' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pages.map((p) => p.images[0].width)).toEqual([100, 200, 300]);
    expect(r.metadata?.inventory?.length).toBe(4);
  });

  it('a corrupt image fails the set with a reason naming the image', async () => {
    const dir = path.join(tmp, 'broken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '1.png'), labelledPng('ok'));
    fs.writeFileSync(path.join(dir, '2.png'), Buffer.from('not a png at all'));
    const r = await extractDocument({ path: dir, format: 'image-set', container: 'folder' }, { pool });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^page 2: image 2\.png: /);
  });
});
