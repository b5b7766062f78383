import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { ShokoError } from '../../../main/common/errors';
import { mobi6ToEpub, readKindleContainer } from '../../../main/documents/kindle';
import { decompressPalmDoc } from '../../../main/documents/kindle/palmdoc';
import { stripTrailingEntries } from '../../../main/documents/kindle/trailing-entries';
import { buildMobi, concat, huffCdic, huffCdicVariable, huffCodes, palmDocLiterals } from './make-mobi';

const enc = new TextEncoder();

/** Text MuPDF lays out from an EPUB (the real consumer of the converter's output). */
function epubText(epub: Uint8Array): string {
  const doc = mupdf.Document.openDocument(epub, 'application/epub+zip');
  doc.layout(400, 600, 11);
  let text = '';
  for (let i = 0; i < doc.countPages(); i++) text += doc.loadPage(i).toStructuredText('').asText();
  return text;
}

async function expectBadInput(p: Promise<unknown>, message: RegExp) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ShokoError);
  expect((e as ShokoError).kind).toBe('bad-input');
  expect((e as Error).message).toMatch(message);
}

describe('PalmDOC', () => {
  it('decodes literals, space+char bytes and overlapping back-references', () => {
    // "abc" then copy 6 bytes from 3 back (0x8000 | 3 << 3 | 6 - 3), then 0xC1 = " A".
    const out = decompressPalmDoc(new Uint8Array([0x61, 0x62, 0x63, 0x80, 0x1b, 0xc1, 0x02, 0x01, 0x80]), 4096, 't');
    expect([...out]).toEqual([...enc.encode('abcabcabc A'), 0x01, 0x80]);
  });

  it('refuses a back-reference before the start and output past the record limit', () => {
    expect(() => decompressPalmDoc(new Uint8Array([0x61, 0x80, 0x1b]), 4096, 'rec 3')).toThrow(/rec 3: PalmDOC back-reference to 3 bytes back, but only 1/);
    expect(() => decompressPalmDoc(new Uint8Array(5000).fill(0x41), 4096, 'rec 4')).toThrow(/rec 4: PalmDOC data decompresses past the 4096-byte record limit/);
  });

  it('a MOBI whose text record decompresses past the header record size is refused with the record named', async () => {
    const text = new Uint8Array(6000).fill(0x41);
    const bytes = buildMobi({ compression: 2, textRecords: [text], textLength: 4096 });
    expect(readKindleContainer(bytes).kind).toBe('mobi6'); // headers alone are fine
    await expectBadInput(mobi6ToEpub(bytes), /^text record 1: PalmDOC data decompresses past the 4096-byte record limit$/);
  });
});

describe('trailing entries', () => {
  it('strips one size-tagged entry and the multibyte overlap, keeping the text', () => {
    const text = enc.encode('テキスト');
    // Record = text, 2 overlap bytes + count byte (2 → strip 3), then a 3-byte entry ending in 0x83.
    const rec = concat([text, new Uint8Array([0xe3, 0x81, 0x02]), new Uint8Array([0xff, 0x00, 0x83])]);
    expect(new TextDecoder().decode(stripTrailingEntries(rec, 0b11, 'r'))).toBe('テキスト');
    expect(() => stripTrailingEntries(new Uint8Array([0x90]), 0b10, 'rec 9')).toThrow(/rec 9: trailing entry \(flag bit 1\) claims 16 bytes of a 1-byte record/);
  });

  it('a whole MOBI with trailing entries reads back its text through MuPDF', async () => {
    const body = '<html><body><p>Trailing entries survive</p></body></html>';
    const rec = concat([palmDocLiterals(enc.encode(body)), new Uint8Array([0x00]), new Uint8Array([0x00, 0x82])]);
    const bytes = buildMobi({ compression: 2, textRecords: [rec], textLength: body.length, extraDataFlags: 0b11 });
    expect(epubText(await mobi6ToEpub(bytes))).toContain('Trailing entries survive');
  });
});

describe('HUFF/CDIC', () => {
  const phrases = [
    { bytes: enc.encode('<html><body><p>Hello '), literal: true },
    { bytes: enc.encode('HUFF'), literal: true },
    { bytes: enc.encode(' world'), literal: true },
    { bytes: huffCodes([1, 2]), literal: false }, // a compressed phrase: "HUFF world"
    { bytes: enc.encode('</p></body></html>'), literal: true },
  ];

  it('decodes Huffman codes into CDIC phrases, expanding compressed phrases', async () => {
    const { huff, cdic } = huffCdic(phrases);
    const text = huffCodes([0, 3, 4]);
    const bytes = buildMobi({ compression: 17480, textRecords: [text], textLength: 100, extraRecords: [huff, cdic], huffRecord: 2, huffCount: 2 });
    expect(readKindleContainer(bytes).compression).toBe('huffcdic');
    expect(epubText(await mobi6ToEpub(bytes))).toContain('Hello HUFF world');
  });

  it('variable-length codes up to 19 bits (min/max code tables) over three CDIC records', async () => {
    const words = Array.from({ length: 17 }, (_, i) => `word${i + 2} `);
    const phrases = [
      { bytes: enc.encode('<html><body><p>'), literal: true },
      { bytes: enc.encode('</p></body></html>'), literal: true },
      ...words.map((w) => ({ bytes: enc.encode(w), literal: true })),
      { bytes: (encode: (ids: number[]) => Uint8Array) => encode([2, 3, 18]), literal: false },
    ];
    const lengths = [...Array.from({ length: 19 }, (_, i) => i + 1), 19]; // a complete code: 1, 2, …, 19, 19 bits
    const { records, encode } = huffCdicVariable(phrases, lengths, 3);
    expect(records).toHaveLength(4); // HUFF + 20 phrases / 8 per CDIC
    const ids = [0, 2, 18, 19, 10, 17, 19, 1];
    const bytes = buildMobi({ compression: 17480, textRecords: [encode(ids)], textLength: 200, extraRecords: records, huffRecord: 2, huffCount: 4 });
    const text = epubText(await mobi6ToEpub(bytes)).replace(/\s+/g, ' ').trim();
    expect(text).toBe('word2 word18 word2 word3 word18 word10 word17 word2 word3 word18');
  });

  it('a phrase that refers to itself and a code past the dictionary are errors, not loops', async () => {
    const loop = huffCdic([...phrases.slice(0, 3), { bytes: huffCodes([3]), literal: false }]);
    const a = buildMobi({ compression: 17480, textRecords: [huffCodes([3])], textLength: 100, extraRecords: [loop.huff, loop.cdic], huffRecord: 2, huffCount: 2 });
    await expectBadInput(mobi6ToEpub(a), /text record 1: CDIC phrase 3 refers to itself/);
    const { huff, cdic } = huffCdic(phrases);
    const b = buildMobi({ compression: 17480, textRecords: [huffCodes([200])], textLength: 100, extraRecords: [huff, cdic], huffRecord: 2, huffCount: 2 });
    await expectBadInput(mobi6ToEpub(b), /text record 1: HUFF code selects phrase 200, the CDIC has 5/);
  });
});
