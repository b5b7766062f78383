// Recover what can be recovered (issue 12): a MOBI with damaged records is read around the damage, the sound
// text records kept, and the item says what was skipped (partial) — never a whole-file failure, never silent.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentSandbox } from '../document-sandbox';
import { extractDocument } from '../../../main/documents/extract-document';
import type { ExtractionResult } from '../../../main/documents/types';
import { buildMobi, concat, palmDocLiterals } from './make-mobi';

const { pool, file: inTmp } = documentSandbox('shoko-damaged-mobi-');

const enc = new TextEncoder();
const PARTS = [
  '<html><head></head><body><p>Record one: the member list begins.</p>',
  '<p>Record two: Yamada Taro, 090-1234-5678.</p>',
  '<p>Record three: Suzuki Hanako, 080-8765-4321.</p></body></html>',
];
const texts = PARTS.map((p) => enc.encode(p));
const textLength = texts.reduce((n, t) => n + t.length, 0);
const sound = () => buildMobi({ compression: 2, textRecords: texts.map(palmDocLiterals), textLength, title: 'Damaged' });

async function extract(name: string, bytes: Uint8Array): Promise<{ r: ExtractionResult; text: string }> {
  const file = inTmp(name);
  fs.writeFileSync(file, bytes);
  const r = await extractDocument({ path: file, format: 'mobi' }, { pool });
  return { r, text: r.pages.map((p) => p.lines.map((l) => l.text).join(' ')).join(' ') };
}

describe('damaged MOBI records', () => {
  it('a sound file reads whole, with no note', async () => {
    const { r, text } = await extract('sound.mobi', sound());
    expect(r.status).toBe('ok');
    for (const t of ['member list begins', 'Yamada Taro', 'Suzuki Hanako']) expect(text).toContain(t);
    expect(r.readNotes).toBeUndefined();
  });

  it('a file cut before its last text record: the sound records are read, the lost one named, partial', async () => {
    const full = sound();
    const record3 = new DataView(full.buffer).getUint32(78 + 3 * 8);
    const { r, text } = await extract('cut.mobi', full.slice(0, record3));
    expect(r.status).toBe('ok');
    expect(text).toContain('member list begins');
    expect(text).toContain('Yamada Taro');
    expect(text).not.toContain('Suzuki Hanako');
    const note = r.readNotes?.find((n) => n.code === 'mobi-records-skipped');
    expect(note?.partial).toBe(true);
    expect(note?.detail).toMatch(/record 3 starts at \d+, outside the file's data area/);
    expect(note?.detail).toMatch(/text record 3: record 3 is unreadable/);
  });

  it('a table entry pointing nowhere: its bytes are read with the record before it, and the item is partial', async () => {
    const bytes = sound();
    new DataView(bytes.buffer).setUint32(78 + 2 * 8, bytes.length + 500); // record 2 (the second text record)
    const { r, text } = await extract('bad-entry.mobi', bytes);
    expect(r.status).toBe('ok');
    // Record 1 now runs on to record 3: record 2's text is still read, inside it.
    for (const t of ['member list begins', 'Yamada Taro', 'Suzuki Hanako']) expect(text).toContain(t);
    expect(r.readNotes).toEqual([{ code: 'mobi-records-skipped', detail: expect.stringMatching(/record 2 starts at \d+, outside the file's data area/), partial: true }]);
  });

  it('a record count larger than the table (libmobi-sample-invalid-indx style): the table is fitted', async () => {
    const bytes = sound();
    new DataView(bytes.buffer).setUint16(76, 287);
    const { r, text } = await extract('bad-count.mobi', bytes);
    expect(r.status).toBe('ok');
    for (const t of ['member list begins', 'Yamada Taro', 'Suzuki Hanako']) expect(text).toContain(t);
    expect(r.readNotes).toEqual([
      { code: 'mobi-records-skipped', detail: expect.stringMatching(/^PalmDB header: record count 287 but record 0 starts at \d+, so the table holds 5 entries$/), partial: true },
    ]);
  });

  it('a text record that does not decompress is skipped; the others are read', async () => {
    // PalmDOC literal runs of 8 bytes repeated past the 4096-byte record limit.
    const bomb = concat(Array.from({ length: 600 }, () => palmDocLiterals(enc.encode('xxxxxxxx'))));
    const bytes = buildMobi({ compression: 2, textRecords: [palmDocLiterals(texts[0]), bomb, palmDocLiterals(texts[2])], textLength, title: 'Damaged' });
    const { r, text } = await extract('bad-record.mobi', bytes);
    expect(r.status).toBe('ok');
    expect(text).toContain('member list begins');
    expect(text).toContain('Suzuki Hanako');
    expect(r.readNotes).toEqual([
      { code: 'mobi-records-skipped', detail: 'text record 2: text record 2: PalmDOC data decompresses past the 4096-byte record limit', partial: true },
    ]);
  });

  it('damage only in the EXTH metadata: the text reads whole, the note is not partial', async () => {
    const bytes = buildMobi({ compression: 2, textRecords: texts.map(palmDocLiterals), textLength, title: 'Damaged', exth: [[100, 'Author'], [503, 'Title']] });
    const r0 = new DataView(bytes.buffer).getUint32(78);
    const exth = r0 + 16 + 0xe8;
    new DataView(bytes.buffer).setUint32(exth + 12 + 4, 0x7fffffff); // the first EXTH record's size
    const { r, text } = await extract('bad-exth.mobi', bytes);
    expect(r.status).toBe('ok');
    for (const t of ['member list begins', 'Yamada Taro', 'Suzuki Hanako']) expect(text).toContain(t);
    expect(r.readNotes).toEqual([{ code: 'mobi-exth-unreadable', detail: expect.stringMatching(/EXTH record 0 \(type 100\) has size 2147483647/), partial: false }]);
  });
});
