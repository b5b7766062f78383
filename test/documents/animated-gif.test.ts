// Animated images: every distinct GIF frame is a page (MuPDF reads only the first frame), identical
// frames are read once and said, frames over the cap make the item partial, an APNG's frames are said.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { extractDocument, renderDocumentPage } from '../../main/documents/extract-document';
import { initCase } from '../../main/case/case-folder';
import { addEvidence } from '../../main/evidence/intake';
import { extractItem } from '../../main/documents/extract-item';
import { getDocument, readStatusOf } from '../../main/documents/document-store';
import { setOcrReadNote } from '../../main/ocr/ocr-read-note';
import { toGray } from '../../main/ocr/gray-image';
import { runShokoAsync, runShokoSteps } from '../helpers/run-cli';
import { documentSandbox } from './document-sandbox';
import { writeZip } from './generate';
import { encodeGif, type GifFrame } from './gif-writer';
import { drawLines } from '../ocr/tall-page';

const { pool, file } = documentSandbox('shoko-animated-');

const W = 160, H = 80;
const solid = (w: number, h: number, v: number): Uint8Array => new Uint8Array(w * h).fill(v);
/** A full-canvas frame: light gray with a black bar at row `bar` (each frame's bar elsewhere). */
function barFrame(bar: number): GifFrame {
  const g = solid(W, H, 230);
  for (let y = bar; y < bar + 4; y++) g.fill(0, y * W + 10, y * W + 150);
  return { width: W, height: H, gray: g };
}

/** Gray value of a rendered page's pixel (rendered at 96 dpi: one page pixel per GIF pixel). */
async function pagePixels(source: Parameters<typeof renderDocumentPage>[0], page: number) {
  const r = await renderDocumentPage(source, page, { dpi: 96, format: 'png', pool });
  const g = toGray(r.data);
  return (x: number, y: number) => g.data[y * g.width + x];
}

describe('animated GIF frames', () => {
  it('composite as a viewer shows them, one page per distinct frame; repeated frames are read once and said', async () => {
    const frames: GifFrame[] = [
      { width: W, height: H, gray: solid(W, H, 230) },
      { width: 40, height: 20, left: 10, top: 10, gray: solid(40, 20, 0) }, // drawn over frame 1, kept
      { width: 40, height: 20, left: 10, top: 10, gray: solid(40, 20, 0) }, // the same pixels again: identical
      { width: 30, height: 30, left: 60, top: 30, gray: solid(30, 30, 100), disposal: 2 }, // cleared after
      { width: 1, height: 1, left: 0, top: 0, gray: solid(1, 1, 0) },
    ];
    const gif = file('anim.gif');
    fs.writeFileSync(gif, encodeGif(W, H, frames));
    // MuPDF on its own sees one page: the reason for reading the frames ourselves.
    const alone = mupdf.Document.openDocument(fs.readFileSync(gif), 'image/gif');
    expect(alone.countPages()).toBe(1);
    alone.destroy();

    const source = { path: gif, format: 'image' as const, mediaType: 'image/gif' };
    const r = await extractDocument(source, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(4);
    expect(r.readNotes).toEqual([expect.objectContaining({ code: 'image-frames-identical', partial: false })]);
    expect(r.readNotes![0].detail).toContain('1 of 5 frames');
    expect(r.pages.every((p) => p.width === W * 0.75 && p.height === H * 0.75)).toBe(true);

    const p0 = await pagePixels(source, 0), p1 = await pagePixels(source, 1), p2 = await pagePixels(source, 2), p3 = await pagePixels(source, 3);
    expect([p0(20, 15), p0(70, 40), p0(0, 0)]).toEqual([230, 230, 230]);
    expect([p1(20, 15), p1(70, 40)]).toEqual([0, 230]);
    expect([p2(20, 15), p2(70, 40)]).toEqual([0, 100]);
    // Frame 4 is drawn after frame 3's area was restored to the background (transparent: white).
    expect([p3(20, 15), p3(70, 40), p3(0, 0)]).toEqual([0, 255, 0]);
    // Asked out of order (a viewer jumping back), a frame is composited again from the start.
    expect((await pagePixels(source, 1))(70, 40)).toBe(230);
  });

  it('inside a CBZ, a GIF member gives a page per frame, between its neighbours', async () => {
    const cbz = file('set.cbz');
    await writeZip(cbz, [
      { name: '01.gif', data: encodeGif(W, H, [barFrame(10), barFrame(30), barFrame(50)]) },
      { name: '02.gif', data: encodeGif(W, H, [barFrame(70)]) },
    ]);
    const r = await extractDocument({ path: cbz, format: 'cbz' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(4);
    expect(r.readNotes ?? []).toEqual([]);
    const bars: number[] = [];
    for (let i = 0; i < 4; i++) {
      const px = await pagePixels({ path: cbz, format: 'cbz' }, i);
      bars.push([10, 30, 50, 70].find((y) => px(80, y + 1) === 0)!);
    }
    expect(bars).toEqual([10, 30, 50, 70]);
  });

  it('frames over the cap are said and make the item partial', async () => {
    const gif = file('many.gif');
    fs.writeFileSync(gif, encodeGif(W, H, Array.from({ length: 6 }, (_, i) => barFrame(5 + i * 10))));
    const r = await extractDocument({ path: gif, format: 'image', mediaType: 'image/gif' }, { pool, limits: { maxImageFrames: 4 } });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(4);
    expect(r.readNotes).toEqual([expect.objectContaining({ code: 'image-frames-skipped', partial: true })]);
    expect(r.readNotes![0].detail).toBe('the image: 2 of 6 frames not read (more than 4 distinct frames (the limit per image)); 4 pages read');
  });

  it('a frame claiming 60000×60000 pixels is refused before allocation; the frames before it are read', async () => {
    const gif = file('claims.gif');
    // The descriptor says 60000×60000; the data holds 10 pixels (what a hostile file costs to write).
    fs.writeFileSync(gif, encodeGif(W, H, [barFrame(10), barFrame(30), { width: 10, height: 1, gray: solid(10, 1, 0), claim: { width: 60000, height: 60000 } }]));
    const r = await extractDocument({ path: gif, format: 'image', mediaType: 'image/gif' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(2);
    expect(r.readNotes).toEqual([expect.objectContaining({ code: 'image-frames-skipped', partial: true })]);
    expect(r.readNotes![0].detail).toBe('the image: 1 of 3 frames not read (frame 3 of 60000×60000 pixels is over the limit of 120000000 pixels); 2 pages read');
  });

  it('LZW data that would link the decoder\'s table into a loop is damage, found before decoding: the frames before it are read', async () => {
    // After a clear and a literal, code 300 is past the table (258 is the next entry). Fed to omggif, such codes
    // make a cycle in its table whose chase never ends (a file of a few hundred bytes hung the worker).
    const codes = [256, 65, 300, 65, ...Array.from({ length: 39 }, () => 66), 259, 65, 300, 257];
    const gif = file('lzw-loop.gif');
    fs.writeFileSync(gif, encodeGif(W, H, [barFrame(10), { width: 10, height: 10, gray: solid(10, 10, 0), codes }, barFrame(30)]));
    const r = await extractDocument({ path: gif, format: 'image', mediaType: 'image/gif' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(1);
    expect(r.readNotes).toEqual([expect.objectContaining({ code: 'image-frames-skipped', partial: true })]);
    expect(r.readNotes![0].detail).toBe('the image: 2 of 3 frames not read (frame 2: damaged image data (LZW code 300 where at most 258 is defined)); 1 page read');
  });

  it('a GIF cut short in its third frame: the two whole frames are read and the damage said', async () => {
    const whole = encodeGif(W, H, [barFrame(10), barFrame(30), barFrame(50)]);
    const two = encodeGif(W, H, [barFrame(10), barFrame(30)]); // the same bytes up to its trailer
    expect(whole.subarray(0, two.length - 1)).toEqual(two.subarray(0, two.length - 1));
    const gif = file('cut.gif');
    fs.writeFileSync(gif, whole.subarray(0, two.length - 1 + 60)); // into the third frame's image data
    const r = await extractDocument({ path: gif, format: 'image', mediaType: 'image/gif' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(2);
    expect(r.readNotes).toEqual([expect.objectContaining({ code: 'image-frames-skipped', partial: true })]);
    expect(r.readNotes![0].detail).toBe('the image: 0 of 2 frames not read (the GIF is damaged: truncated after 2 frame(s) (no trailer)); 2 pages read');
    const px = await pagePixels({ path: gif, format: 'image', mediaType: 'image/gif' }, 1);
    expect([px(80, 11), px(80, 31), px(80, 51)]).toEqual([230, 0, 230]);
  });

  it('an APNG is read as its default image and its other frames are said', async () => {
    const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, 40, 20], false);
    pix.clear(255);
    const png = Buffer.from(pix.asPNG());
    // acTL (3 frames, loop forever) right after IHDR, as APNG writers put it.
    const body = Buffer.alloc(8);
    body.writeUInt32BE(3, 0);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(8);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from('acTL'), body])) >>> 0);
    const apng = Buffer.concat([png.subarray(0, 33), head, Buffer.from('acTL'), body, crc, png.subarray(33)]);
    const f = file('anim.png');
    fs.writeFileSync(f, apng);
    const r = await extractDocument({ path: f, format: 'image', mediaType: 'image/png' }, { pool });
    expect(r.status, r.error).toBe('ok');
    expect(r.pageCount).toBe(1);
    expect(r.readNotes).toEqual([expect.objectContaining({ code: 'image-frames-skipped', partial: true })]);
    expect(r.readNotes![0].detail).toContain('animated PNG of 3 frames');
  });
});

describe('an animated WebP', () => {
  it('is refused with the reason, not read as a blank or first frame', async () => {
    // The RIFF layout of an animation: VP8X (animation flag, 40×20 canvas), ANIM, two ANMF frames. libwebp's
    // still-image decoder refuses any animation, so the check stops before a frame's data is looked at.
    const chunk = (tag: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(tag, 0, 'latin1');
      head.writeUInt32LE(body.length, 4);
      return Buffer.concat([head, body, Buffer.alloc(body.length & 1)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x02;
    vp8x.writeUIntLE(39, 4, 3);
    vp8x.writeUIntLE(19, 7, 3);
    const chunks = Buffer.concat([chunk('VP8X', vp8x), chunk('ANIM', Buffer.alloc(6)), chunk('ANMF', Buffer.alloc(16)), chunk('ANMF', Buffer.alloc(16))]);
    const head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(4 + chunks.length, 4);
    head.write('WEBP', 8, 'latin1');
    const f = file('anim.webp');
    fs.writeFileSync(f, Buffer.concat([head, chunks]));
    const r = await extractDocument({ path: f, format: 'image', mediaType: 'image/webp' }, { pool });
    expect(r.status).toBe('failed');
    expect(r.error).toContain('animated WebP (2 frames): its frames cannot be decoded');
  });
});

describe('an animated GIF in a case', () => {
  it('a GIF over the frame cap: scan says the item was not read whole and exits 1', async () => {
    // 501 frames, each a different pixel set: one more than the 500 distinct frames read per image.
    const side = 32;
    const frames: GifFrame[] = Array.from({ length: 501 }, (_, i) => ({ width: 1, height: 1, left: i % side, top: Math.floor(i / side), gray: solid(1, 1, 0) }));
    frames.unshift({ width: side, height: side, gray: solid(side, side, 255) });
    const gif = file('capped.gif');
    fs.writeFileSync(gif, encodeGif(side, side, frames));
    const caseDir = file('case-capped');
    await runShokoSteps([['case', 'init', caseDir, '--name', 'gif', '--examiner', '検査 太郎'], ['add', caseDir, gif]]);
    const scan = await runShokoAsync(['scan', caseDir, '--ocr', 'never']);
    expect(scan.code, scan.stderr).toBe(1);
    expect(scan.stdout).toContain('500 pages');
    expect(scan.stdout).toContain('1 of 1 item not read whole: 1 partial');
    const info = await runShokoAsync(['info', caseDir, '--item', '1']);
    expect(info.stdout).toContain('note image-frames-skipped (text may be missing): the image: 2 of 502 frames not read');
  });

  it('each frame carrying a different record is OCR\'d as its own page: all found', async () => {
    const records = [
      { key: 'M001', name: '山田太郎', email: 'taro.yamada@example.com' },
      { key: 'M002', name: '佐藤花子', email: 'hanako.sato@example.jp' },
      { key: 'M003', name: '鈴木一郎', email: 'ichiro.suzuki@example.net' },
    ];
    const fw = 560, fh = 90;
    const frames = records.map((r) => ({ width: fw, height: fh, gray: drawLines(fw, fh, [{ text: `${r.name} ${r.email}`, top: 30 }]) }));
    const gif = file('records.gif');
    fs.writeFileSync(gif, encodeGif(fw, fh, frames));
    const list = file('list.csv');
    fs.writeFileSync(list, `会員番号,氏名,メール\n${[...records, { key: 'M004', name: '森本沙織', email: 'saori.morimoto@example.jp' }].map((r) => `${r.key},${r.name},${r.email}`).join('\n')}\n`);
    const caseDir = file('case-records');
    await runShokoSteps([
      ['case', 'init', caseDir, '--name', 'gif', '--examiner', '検査 太郎'], ['add', caseDir, gif],
      ['leaks', 'import', caseDir, list, '--key', '会員番号'], ['scan', caseDir, '--ocr', 'auto'],
    ]);
    const hits = JSON.parse((await runShokoAsync(['hits', caseDir, '--json'])).stdout) as { records: { key: string; present: boolean; occurrences: { page: number }[] }[] };
    const present = hits.records.filter((r) => r.present);
    expect(present.map((r) => r.key).sort()).toEqual(['M001', 'M002', 'M003']);
    // Frame n is page n.
    for (const [i, r] of records.entries()) expect(new Set(present.find((p) => p.key === r.key)!.occurrences.map((o) => o.page))).toEqual(new Set([i + 1]));
  });
});

describe('pages OCR could not read', () => {
  it('make the item partial with a read note, and a run that reads them makes it whole again', async () => {
    const dir = file('case-ocr-note');
    const c = initCase(dir, { name: 'ocr note' });
    try {
      const png = file('one.png');
      const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, 40, 20], false);
      pix.clear(255);
      fs.writeFileSync(png, pix.asPNG());
      const [added] = await addEvidence(c, [png]);
      expect((await extractItem(c, added.id, { pool })).readStatus).toBe('ok');
      setOcrReadNote(c, added.id, [{ index: 0, error: 'page 1 at 150 dpi would be 2250×56250 pixels; it fits at 146 dpi or less' }]);
      const doc = getDocument(c, added.id)!;
      expect(readStatusOf(doc)).toBe('partial');
      expect(doc.partialReason).toBe("ocr-pages-not-read: 1 page(s) not OCR'd (page 1): page 1 at 150 dpi would be 2250×56250 pixels, it fits at 146 dpi or less");
      expect(doc.readNotes.map((n) => n.code)).toEqual(['ocr-pages-not-read']);
      setOcrReadNote(c, added.id, []);
      expect(readStatusOf(getDocument(c, added.id)!)).toBe('ok');
      expect(getDocument(c, added.id)!.readNotes).toEqual([]);
    } finally {
      c.close();
    }
  });
});
