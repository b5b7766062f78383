import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShokoError } from '../../../main/common/errors';
import { kf8ToEpub, mobi6ToEpub, readKindleContainer } from '../../../main/documents/kindle';

const corpus = path.resolve(process.cwd(), '../shared/corpus/mobi');
const load = (name: string) => new Uint8Array(readFileSync(path.join(corpus, name)));

describe('readKindleContainer on the corpus', () => {
  it('AZW3 (calibre): kf8, UTF-8, Japanese metadata and the calibre/kindlegen traces in EXTH', () => {
    const info = readKindleContainer(load('ja-kusamakura.calibre.azw3'));
    expect(info.kind).toBe('kf8');
    expect(info.encrypted).toBe(false);
    expect(info.mobiVersion).toBe(8);
    expect(info.textEncoding).toBe('utf-8');
    expect(info.compression).toBe('palmdoc');
    const m = info.metadata;
    expect(m.title).toBe('草枕');
    expect(m.authors).toEqual(['夏目 漱石']);
    expect(m.language).toBe('ja');
    expect(m.contributor).toMatch(/^calibre \(6\.13\.0\) \[https?:\/\/calibre-ebook\.com\]$/);
    expect(m.asin).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(m.source).toBe(`calibre:${m.asin}`);
    expect(m.cdeType).toBe('EBOK');
    expect(m.creatorSoftware).toBe('kindlegen (Linux) 2.9.0 build 0730-890adc2');
    expect(m.pageProgressionDirection).toBe('rtl');
    expect(m.exth.find((r) => r.type === 125)).toMatchObject({ name: 'kf8ResourceCount', value: 3 });
  });

  it('MOBI 6 (calibre, KF7 only): mobi6 with metadata, no KF8 boundary', () => {
    const info = readKindleContainer(load('ja-kusamakura.calibre.mobi'));
    expect(info.kind).toBe('mobi6');
    expect(info.mobiVersion).toBe(6);
    expect(info.kf8HeaderRecord).toBeUndefined();
    expect(info.metadata).toMatchObject({ title: '草枕', authors: ['夏目 漱石'], language: 'ja' });
    expect(info.metadata.contributor).toMatch(/^calibre \(6\.13\.0\)/);
    expect(info.metadata.creatorSoftware).toBe('kindlegen (Linux) 1.2.33307');
  });

  it('joint KF7+KF8 MOBI: EXTH 121 boundary found, both headers read', () => {
    const info = readKindleContainer(load('en-childrens-literature.kf7-kf8-joint.mobi'));
    expect(info.kind).toBe('joint');
    expect(info.kf8HeaderRecord).toBe(107);
    expect(info.metadata.authors).toEqual(['Charles Madison Curry', 'Erle Elsworth Clippinger']);
    expect(info.metadata.subjects).toHaveLength(2);
    expect(info.metadata.language).toBe('en');
    expect(info.metadata.creatorSoftware).toMatch(/^kindlegen \(Windows\) 2\.9\.0 build 1029-0897292$/);
    expect(info.metadata.kf8Exth?.length).toBeGreaterThan(0);
  });

  it('libmobi NCX sample: kindlegen output, which carries a KF8 part too (joint), metadata read', () => {
    // The corpus notes call this a MOBI 6 sample; its EXTH 121 and BOUNDARY record say joint.
    const info = readKindleContainer(load('libmobi-sample-ncx.mobi'));
    expect(info.kind).toBe('joint');
    expect(info.kf8HeaderRecord).toBe(12);
    expect(info.metadata.title).toBe('libmobi ncx test');
    expect(info.metadata.creatorSoftware).toMatch(/^kindlegen \(Mac\)/);
    // Unknown EXTH types are kept raw (hex, plus UTF-8 when they read as text): 547 is "InMemory" here.
    expect(info.metadata.exth.find((r) => r.type === 547)).toEqual({ type: 547, hex: '496e4d656d6f7279', utf8: 'InMemory' });
  });

  it('DRM sample (PalmDOC, encryption type 1): recognized as encrypted, no crash, never decrypted', async () => {
    const bytes = load('libmobi-sample-drm-v1.mobi');
    const info = readKindleContainer(bytes);
    expect(info.encrypted).toBe(true);
    expect(info.drmReason).toMatch(/^DRM-protected: the content cannot be examined \(MOBI \(KF7\), MOBI encryption type 1 .*screenshots of the reader app/);
    expect(info.palmType).toBe('TEXtREAd');
    await expect(mobi6ToEpub(bytes)).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/^DRM-protected/) });
    await expect(kf8ToEpub(bytes)).rejects.toBeInstanceOf(ShokoError);
  });

  it('KFX containers (CONT, Ion, DRMION) and Topaz are reported as protected, not parsed', () => {
    const cont = new Uint8Array([...new TextEncoder().encode('CONT'), 2, 0, 0x12, 0, ...new Uint8Array(64)]);
    expect(readKindleContainer(cont)).toMatchObject({ kind: 'kfx', encrypted: true });
    expect(readKindleContainer(new Uint8Array([0xe0, 1, 0, 0xea, 0, 0, 0, 0]))).toMatchObject({ kind: 'kfx', encrypted: true });
    const drmion = new Uint8Array([0xea, ...new TextEncoder().encode('DRMION'), 0xee]);
    expect(readKindleContainer(drmion).drmReason).toMatch(/DRMION/);
    expect(readKindleContainer(new TextEncoder().encode('TPZ0xxxxxxxxxxxx'))).toMatchObject({ kind: 'topaz', encrypted: true });
  });
});

describe('corrupt containers fail with a clear bad-input error', () => {
  const azw3 = load('ja-kusamakura.calibre.azw3');

  const expectBadInput = (fn: () => unknown, message: RegExp) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ShokoError);
      expect((e as ShokoError).kind).toBe('bad-input');
      expect((e as Error).message).toMatch(message);
      return;
    }
    throw new Error('expected a bad-input error');
  };

  it('empty and tiny files', () => {
    expectBadInput(() => readKindleContainer(new Uint8Array()), /too short/);
    expectBadInput(() => readKindleContainer(azw3.subarray(0, 60)), /too short/);
  });

  it('a file truncated inside its record table fails; one truncated inside the records is read with the damage listed', async () => {
    expectBadInput(() => readKindleContainer(azw3.subarray(0, 400)), /record table: 180 entries need .* \(truncated\)/);
    // Cut in the text records: the record table now points past the end. The headers are still read
    // (issue 12: recover what can be recovered), and the records past the cut are named as unreadable.
    const cut = readKindleContainer(azw3.subarray(0, 100_000));
    expect(cut.kind).toBe('kf8');
    expect(cut.damage?.[0]).toMatch(/record \d+ starts at \d+, outside the file's data area/);
  });

  it('a record offset beyond EOF makes that record unreadable, not the book', async () => {
    const bad = azw3.slice();
    new DataView(bad.buffer).setUint32(78 + 5 * 8, bad.length + 1000);
    const info = readKindleContainer(bad);
    expect(info.damage).toEqual([expect.stringMatching(/^PalmDB record table: record 5 starts at \d+, outside the file's data area/)]);
    expect(info.metadata.title).toBeTruthy();
    // KF8 text cannot be read around a hole (positions would shift): its conversion fails on the damaged
    // records (record 4 now runs into record 5's bytes, record 5 has no start).
    await expect(kf8ToEpub(bad)).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringMatching(/record [45]\b/) });
  });

  it('a PalmDB that is not a book', () => {
    const bad = azw3.slice();
    bad.set(new TextEncoder().encode('DATAabcd'), 60);
    expectBadInput(() => readKindleContainer(bad), /type "DATAabcd" is not a MOBI\/AZW book/);
  });

  it('an EXTH record whose size runs past the block: the book is read without its EXTH, and says so', async () => {
    const bad = azw3.slice();
    const r0 = new DataView(bad.buffer).getUint32(78);
    const exth = r0 + 16 + new DataView(bad.buffer).getUint32(r0 + 20);
    new DataView(bad.buffer).setUint32(exth + 12 + 4, 0x7fffffff);
    const info = readKindleContainer(bad);
    expect(info.damage).toEqual([expect.stringMatching(/^EXTH metadata unreadable: .*EXTH record 0 \(type 524\) has size 2147483647/)]);
    expect(info.metadata.exth).toEqual([]);
    // The text does not depend on EXTH: the KF8 part still converts.
    expect((await kf8ToEpub(bad)).length).toBeGreaterThan(1000);
  });

  it('a KF8 skeleton index that points past the file', async () => {
    const bad = azw3.slice();
    const r0 = new DataView(bad.buffer).getUint32(78);
    new DataView(bad.buffer).setUint32(r0 + 0xfc, 5000);
    await expect(kf8ToEpub(bad)).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringMatching(/record 5000 requested/) });
  });
});

describe('mutated corpus files never crash the reader', () => {
  // Seeded byte mutations of the headers, index records and text: every outcome must be a converted
  // book or a ShokoError (never a RangeError/TypeError from reading past a buffer).
  it('120 seeded mutations of an AZW3 and a joint MOBI', async () => {
    let seed = 20261126;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const originals = [load('en-cole-voyage-of-life.calibre.azw3'), load('libmobi-sample-ncx.mobi')];
    const outcomes = { ok: 0, shoko: 0 };
    for (let i = 0; i < 120; i++) {
      const b = originals[i % 2]!.slice();
      for (let k = 0, n = 1 + Math.floor(rnd() * 6); k < n; k++) {
        const pos = rnd() < 0.6 ? Math.floor(rnd() * Math.min(b.length, 1500)) : Math.floor(rnd() * b.length);
        b[pos] = Math.floor(rnd() * 256);
      }
      try {
        const info = readKindleContainer(b);
        if (info.kind === 'kf8' || info.kind === 'joint') await kf8ToEpub(b);
        if (info.kind === 'joint') await mobi6ToEpub(b);
        outcomes.ok++;
      } catch (e) {
        if (!(e instanceof ShokoError)) throw new Error(`mutation ${i}: ${String(e)}`);
        expect((e as Error).message).not.toContain('\n');
        outcomes.shoko++;
      }
    }
    expect(outcomes.ok + outcomes.shoko).toBe(120);
    expect(outcomes.shoko).toBeGreaterThan(10);
  });
});
