// Issue 16 (5, 10a): files that hide a leak from one reader while another shows it, and ZIP bombs, built
// byte by byte from the APPNOTE layout so that entry order, duplicated names and declared sizes are ours.
import zlib from 'node:zlib';
import { rng } from '../helpers/seeded-rng';
import { rawZip, type RawEntry } from '../helpers/raw-zip';

export { rawZip, type RawEntry };

/** A fake member record (names from a small list, digits from the seed): the text a test must find. */
export function fakeRecord(seed: number): { name: string; email: string; phone: string; line: string } {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const family = pick(['山田', '佐藤', '鈴木', '高橋', '田中']);
  const given = pick(['花子', '太郎', '美咲', '健一', '陽菜']);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const email = `member${digits(5)}@example.jp`;
  const phone = `090-${digits(4)}-${digits(4)}`;
  return { name: `${family}${given}`, email, phone, line: `${family}${given} ${email} ${phone}` };
}

const CONTAINER = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`;

export function xhtml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>${body}</body></html>`;
}

/** An EPUB whose OPF names `spine` (hrefs as written, relative to OEBPS/) and whose ZIP holds `files` in order. */
export function decoyEpub(spine: string[], files: RawEntry[], mediaType = 'application/xhtml+xml'): Buffer {
  const items = spine.map((href, i) => `<item id="c${i}" href="${href}" media-type="${mediaType}"/>`).join('');
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:00000000-0000-4000-8000-000000000016</dc:identifier><dc:title>decoy</dc:title><dc:language>ja</dc:language></metadata>
<manifest>${items}</manifest><spine>${spine.map((_, i) => `<itemref idref="c${i}"/>`).join('')}</spine></package>`;
  return rawZip([
    { name: 'mimetype', data: 'application/epub+zip' },
    { name: 'META-INF/container.xml', data: CONTAINER },
    { name: 'OEBPS/content.opf', data: opf },
    ...files,
  ]);
}

/**
 * `count` entries of `size` zero bytes each, deflated once (streamed: the zeros are never held whole) and
 * stored `count` times: about size/1000 bytes per entry on disk.
 */
export async function zeroBomb(size: number): Promise<{ bytes: Uint8Array; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(part, crc);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(out)), size, crc };
}
