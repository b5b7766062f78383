// ZIP entry names in any encoding (issue 12): an EPUB whose names are not marked UTF-8 (Japanese tools write
// Shift_JIS or raw UTF-8 bytes) is read whole, and the item says which encoding was used.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { documentSandbox } from './document-sandbox';
import { extractDocument } from '../../main/documents/extract-document';
import { DEFAULT_LIMITS } from '../../main/documents/types';
import { readZip } from '../../main/documents/zip-archive';
import { rawZip as writeRawZip } from '../helpers/raw-zip';

const { pool, file: inTmp } = documentSandbox('shoko-zipnames-');

/** Names given as raw bytes, the UTF-8 flag (bit 11) never set, stored: what zip tools without Unicode support write. */
const rawZip = (entries: { name: Buffer; data: Buffer }[]): Buffer => writeRawZip(entries.map((e) => ({ ...e, compress: false })));

const CHAPTERS = [
  { file: '一.xhtml', text: '吾輩は猫である。名前はまだ無い。' },
  { file: '二章/名簿.xhtml', text: '会員名簿：山田太郎、鈴木花子。' },
];

function nonUtf8Epub(encode: (name: string) => Buffer): Buffer {
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>名前</dc:title><dc:language>ja</dc:language></metadata>
<manifest>${CHAPTERS.map((c, i) => `<item id="c${i}" href="xhtml/${encodeURI(c.file)}" media-type="application/xhtml+xml"/>`).join('')}</manifest>
<spine>${CHAPTERS.map((_, i) => `<itemref idref="c${i}"/>`).join('')}</spine></package>`;
  const xhtml = (t: string) => `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>${t}</p></body></html>`;
  const ascii = (s: string) => Buffer.from(s, 'ascii');
  return rawZip([
    { name: ascii('mimetype'), data: ascii('application/epub+zip') },
    { name: ascii('META-INF/container.xml'), data: Buffer.from(`<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`) },
    { name: ascii('EPUB/package.opf'), data: Buffer.from(opf) },
    ...CHAPTERS.map((c) => ({ name: encode(`EPUB/xhtml/${c.file}`), data: Buffer.from(xhtml(c.text)) })),
  ]);
}

describe('ZIP names not marked UTF-8', () => {
  for (const [label, encoding, encode] of [
    ['Shift_JIS', 'Shift_JIS', (n: string) => iconv.encode(n, 'shift_jis')],
    ['raw UTF-8 bytes', 'UTF-8 bytes', (n: string) => Buffer.from(n, 'utf8')],
  ] as const) {
    it(`names in ${label}: every chapter is read, and the encoding is said`, async () => {
      const file = inTmp(`${label.replace(/\W+/g, '-')}.epub`);
      fs.writeFileSync(file, nonUtf8Epub(encode));
      // As the ZIP default (CP437) the names are mojibake: no chapter would be found.
      const zip = await readZip(new Uint8Array(fs.readFileSync(file)), DEFAULT_LIMITS);
      expect(zip.hasUnmarkedNames).toBe(true);
      expect(zip.get('EPUB/xhtml/一.xhtml')).toBeUndefined();

      const r = await extractDocument({ path: file, format: 'epub' }, { pool });
      expect(r.status).toBe('ok');
      const text = r.pages.map((p) => p.lines.map((l) => l.text).join('')).join('');
      for (const c of CHAPTERS) expect(text).toContain(c.text);
      expect(text).not.toMatch(/cannot find chapter/);
      expect(r.readNotes).toEqual([{ code: 'zip-name-encoding', detail: `ZIP entry names are not marked UTF-8: read as ${encoding} (3 of 3 package files found)`, partial: false }]);
      // The inventory lists the names as decoded.
      expect(r.metadata?.inventory?.map((e) => e.name)).toContain('EPUB/xhtml/二章/名簿.xhtml');
    });
  }

  it('an unmarked name that climbs out of the archive is still refused', async () => {
    const bad = rawZip([{ name: Buffer.concat([Buffer.from('../'), iconv.encode('名簿.xhtml', 'shift_jis')]), data: Buffer.from('x') }]);
    // "." and "/" are the same bytes in every candidate encoding: refused before any is chosen.
    await expect(readZip(new Uint8Array(bad), DEFAULT_LIMITS)).rejects.toThrow(/\.\./);
  });
});
