// Reference text of real EPUBs, read independently of the engine: yauzl with raw name bytes (matched to the
// OPF's hrefs in UTF-8 or Shift_JIS), the OPF and XHTML taken apart with plain patterns. Used to check that
// the pages hold every character of the source (test/documents/realworld.test.ts).
import fs from 'node:fs';
import path from 'node:path/posix';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';

/** Whitespace removed, NFKC: what is compared (line breaks and compatibility forms differ per layout). */
export const normalized = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

async function rawEntries(file: string): Promise<{ raw: Buffer; data: Buffer }[]> {
  const zip = await yauzl.fromBufferPromise(fs.readFileSync(file), { lazyEntries: true, decodeStrings: false });
  const out: { raw: Buffer; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (e: yauzl.Entry) => {
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.push({ raw: e.fileName as unknown as Buffer, data: Buffer.concat(chunks) });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}

const decodeRefs = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The body text of an XHTML document: head, scripts, styles and comments dropped, tags removed. */
export function xhtmlText(x: string): string {
  const body = x
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<head[\s>][\s\S]*?<\/head>/gi, '')
    .replace(/<(script|style|title)[\s>][\s\S]*?<\/\1>/gi, '');
  return decodeRefs(body.replace(/<[^>]*>/g, ' '));
}

/** The content of every SVG <text> element (its <tspan>s included), in document order. */
export function svgText(x: string): string {
  return [...x.matchAll(/<text[\s>][\s\S]*?<\/text>/g)].map((m) => decodeRefs(m[0].replace(/<[^>]*>/g, ''))).join(' ');
}

/** The spine documents of an EPUB, in spine order, as text (`pick` chooses what of each document counts). */
export async function epubSpineText(file: string, pick: (xhtml: string) => string = xhtmlText): Promise<string> {
  const entries = await rawEntries(file);
  const find = (name: string) =>
    entries.find((e) => e.raw.equals(Buffer.from(name, 'utf8')) || e.raw.equals(iconv.encode(name, 'shift_jis')))?.data;
  const container = find('META-INF/container.xml')!.toString('utf8');
  const opfPath = /full-path="([^"]+)"/.exec(container)![1];
  const opf = find(opfPath)!.toString('utf8');
  const items = new Map<string, string>();
  for (const m of opf.matchAll(/<(?:[\w-]+:)?item\s[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[0])?.[1];
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (id && href) items.set(id, path.join(path.dirname(opfPath), decodeURIComponent(href)));
  }
  const parts: string[] = [];
  for (const m of opf.matchAll(/<(?:[\w-]+:)?itemref\s[^>]*idref="([^"]+)"/g)) {
    const data = find(items.get(m[1]) ?? '');
    if (!data) throw new Error(`reference: spine item ${m[1]} not found`);
    parts.push(pick(data.toString('utf8')));
  }
  if (parts.length === 0) throw new Error(`reference: no spine in ${opfPath}`);
  return parts.join('\n');
}

/**
 * The share of the reference's characters found in the text, counted per character (a multiset): order-free,
 * so a layout that moves a block still counts it, and text the reference does not hold (list numbers,
 * "[image]") neither helps nor hurts. Also the characters most missed, for the failure message.
 */
export function characterCoverage(reference: string, text: string): { coverage: number; total: number; missing: string } {
  if (!reference) throw new Error('characterCoverage: empty reference (nothing would be checked)');
  const have = new Map<string, number>();
  for (const c of text) have.set(c, (have.get(c) ?? 0) + 1);
  let found = 0;
  let total = 0;
  const missed = new Map<string, number>();
  for (const c of reference) {
    total++;
    const n = have.get(c) ?? 0;
    if (n > 0) {
      found++;
      have.set(c, n - 1);
    } else missed.set(c, (missed.get(c) ?? 0) + 1);
  }
  const missing = [...missed].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([c, n]) => `${c}×${n}`).join(' ');
  return { coverage: total ? found / total : 1, total, missing };
}
