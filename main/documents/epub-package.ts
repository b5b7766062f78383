import path from 'node:path/posix';
import type { DocumentMetadata } from './types';
import { ZIP_NAME_ENCODINGS, type ZipContents, type ZipNameEncoding } from './zip-archive';
import { attr, findAll, parseXml, refuseEntityDeclarations, textOf, type XmlNode } from './xml';
import { drmProtected } from './protection';
import { badInput } from '../common/errors';

export interface SpineItem {
  href: string;
  mediaType: string;
}

export interface EpubPackage {
  opfPath: string;
  metadata: DocumentMetadata;
  spine: SpineItem[];
  /** Every manifest item's entry name (resolved against the OPF, percent-decoded: the exact ZIP name). */
  manifest: string[];
  /** Every spine item is an image (fixed-layout manga with JPEGs straight in the spine). */
  imageOnlySpine: boolean;
  /**
   * Set when some ZIP names are neither ASCII nor marked UTF-8: the encoding chosen for them (the one under
   * which most manifest items are found) and how many were found.
   */
  nameEncoding?: { encoding: ZipNameEncoding; found: number; total: number };
}

// Font obfuscation is not content encryption: the text stays readable (IDPF and Adobe schemes).
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);
const XML_LIKE = /\.(x?html?|xml|opf|ncx|svg|smil)$/i;

/**
 * Reads container.xml and the OPF package of an EPUB already read from its ZIP: metadata, spine,
 * protection. Throws ProtectedDocumentError-worthy messages via `protectedReason` (returned, not thrown),
 * and plain errors for broken packages.
 */
export function readEpubPackage(zip: ZipContents): EpubPackage & { protectedReason?: string } {
  for (const e of zip.entries) {
    // The byte scan finds every declaration; the shared refusal then words the error.
    if (XML_LIKE.test(e.name) && declaresEntity(e.data)) refuseEntityDeclarations('<!ENTITY', e.name);
  }
  const nameEncoding = zip.hasUnmarkedNames ? chooseNameEncoding(zip) : undefined;
  const protectedReason = contentEncryption(zip);
  const containerBytes = zip.get('META-INF/container.xml');
  if (!containerBytes) throw badInput('not an EPUB: META-INF/container.xml is missing');
  const container = parseXml(utf8(containerBytes), 'META-INF/container.xml');
  const rootfile = findAll(container, 'rootfile').map((r) => attr(r, 'full-path')).find(Boolean);
  if (!rootfile) throw badInput('not an EPUB: container.xml names no package document');
  const opfBytes = zip.get(rootfile);
  if (!opfBytes) throw badInput(`not an EPUB: package document ${rootfile} is missing`);
  const opf = parseXml(utf8(opfBytes), rootfile);
  const pkg = findAll(opf, 'package')[0];
  if (!pkg) throw badInput(`${rootfile}: no <package> element`);

  const { manifest, spine } = manifestAndSpine(pkg, rootfile);
  const spineEl = findAll(pkg, 'spine')[0];
  const metadata = opfMetadata(findAll(pkg, 'metadata')[0] ?? {});
  metadata.epub = {
    ...metadata.epub,
    version: attr(pkg, 'version'),
    opfPath: rootfile,
    pageProgression: spineEl ? attr(spineEl, 'page-progression-direction') : undefined,
  };
  const imageOnlySpine = spine.length > 0 && spine.every((s) => s.mediaType.startsWith('image/'));
  return { opfPath: rootfile, metadata, spine, manifest: [...manifest.values()].map((m) => m.href), imageOnlySpine, nameEncoding, protectedReason };
}

/** The manifest (by id) and spine of a package element, hrefs made entry names relative to the OPF's folder. */
function manifestAndSpine(pkg: XmlNode, opfPath: string): { manifest: Map<string, SpineItem>; spine: SpineItem[] } {
  const base = path.dirname(opfPath);
  const manifest = new Map<string, SpineItem>();
  for (const item of findAll(pkg, 'item')) {
    const id = attr(item, 'id');
    const href = attr(item, 'href');
    if (id && href) manifest.set(id, { href: resolveHref(base, href), mediaType: attr(item, 'media-type') ?? '' });
  }
  const spine: SpineItem[] = [];
  for (const ref of findAll(pkg, 'itemref')) {
    const m = manifest.get(attr(ref, 'idref') ?? '');
    if (m) spine.push(m);
  }
  return { manifest, spine };
}

/**
 * The spine of another version of a package document (a duplicated or case-twin OPF): what a reader
 * taking that version would lay out. Empty when it cannot be read.
 */
export function spineOfPackage(opf: Uint8Array, opfPath: string): SpineItem[] {
  try {
    const pkg = findAll(parseXml(utf8(opf), opfPath), 'package')[0];
    return pkg ? manifestAndSpine(pkg, opfPath).spine : [];
  } catch {
    return [];
  }
}

/** The package document a version of container.xml names, or null. */
export function rootfileOf(container: Uint8Array): string | null {
  try {
    return findAll(parseXml(utf8(container), 'META-INF/container.xml'), 'rootfile').map((r) => attr(r, 'full-path')).find(Boolean) ?? null;
  } catch {
    return null;
  }
}

/**
 * Names without the UTF-8 flag: decodes them (in place, see ZipContents.useNameEncoding) with the encoding
 * under which the package finds most of its files: the container's package document and every manifest
 * href. CP437 (the ZIP default) wins ties.
 */
function chooseNameEncoding(zip: ZipContents): { encoding: ZipNameEncoding; found: number; total: number } {
  let best: { encoding: ZipNameEncoding; found: number; total: number } | null = null;
  for (const encoding of ZIP_NAME_ENCODINGS) {
    if (!zip.useNameEncoding(encoding)) continue;
    const wanted = packageFiles(zip);
    const found = wanted.filter((name) => zip.get(name)).length;
    if (!best || found > best.found) best = { encoding, found, total: wanted.length };
  }
  zip.useNameEncoding(best?.encoding ?? 'cp437');
  return best ?? { encoding: 'cp437', found: 0, total: 0 };
}

/** The package document and manifest hrefs named by container.xml and the OPF (empty when unreadable). */
function packageFiles(zip: ZipContents): string[] {
  try {
    const container = zip.get('META-INF/container.xml');
    if (!container) return [];
    const rootfile = findAll(parseXml(utf8(container), 'META-INF/container.xml'), 'rootfile').map((r) => attr(r, 'full-path')).find(Boolean);
    if (!rootfile) return [];
    const opf = zip.get(rootfile);
    if (!opf) return [rootfile];
    const base = path.dirname(rootfile);
    const hrefs = findAll(parseXml(utf8(opf), rootfile), 'item').map((i) => attr(i, 'href')).filter((h): h is string => Boolean(h));
    return [rootfile, ...hrefs.filter((h) => !/^[a-z][a-z0-9+.-]*:/i.test(h)).map((h) => resolveHref(base, h))];
  } catch {
    return [];
  }
}

const ENTITY = Buffer.from('entity', 'latin1');

/**
 * True when the bytes hold "<!ENTITY" in any letter case, scanned in place (no decode, no copy): as
 * single bytes, which covers UTF-8 and every ASCII-compatible encoding (in Shift_JIS and EUC-JP "<" and
 * "!" never occur inside a multibyte character), and as UTF-16 of either byte order.
 */
function declaresEntity(data: Uint8Array): boolean {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const forms: [Buffer, number][] = [
    [Buffer.from('<!', 'latin1'), 1],
    [Buffer.from('<\0!\0', 'latin1'), 2], // UTF-16LE
    [Buffer.from('\0<\0!', 'latin1'), 2], // UTF-16BE
  ];
  for (const [open, width] of forms) {
    for (let at = buf.indexOf(open); at >= 0; at = buf.indexOf(open, at + 1)) {
      if (matchesEntity(buf, at + open.length, width, open[0] === 0 ? 1 : 0)) return true;
    }
  }
  return false;
}

/** Whether "entity" (any case) follows at `from`, one character per `width` bytes, the ASCII byte at `lane`. */
function matchesEntity(buf: Buffer, from: number, width: number, lane: number): boolean {
  if (from + ENTITY.length * width > buf.length) return false;
  for (let k = 0; k < ENTITY.length; k++) {
    const c = buf[from + k * width + lane]!;
    if ((c | 0x20) !== ENTITY[k]) return false;
    if (width === 2 && buf[from + k * width + (1 - lane)] !== 0) return false;
  }
  return true;
}

function contentEncryption(zip: ZipContents): string | undefined {
  const enc = zip.get('META-INF/encryption.xml');
  if (!enc) return undefined;
  const doc = parseXml(utf8(enc), 'META-INF/encryption.xml');
  const encrypted: string[] = [];
  for (const data of findAll(doc, 'EncryptedData')) {
    const method = findAll(data, 'EncryptionMethod').map((m) => attr(m, 'Algorithm'))[0] ?? '';
    if (FONT_OBFUSCATION.has(method)) continue;
    const uri = findAll(data, 'CipherReference').map((c) => attr(c, 'URI'))[0] ?? '?';
    encrypted.push(uri);
  }
  if (encrypted.length === 0) return undefined;
  const scheme = zip.get('META-INF/rights.xml') ? 'Adobe ADEPT' : zip.get('META-INF/sinf.xml') ? 'Apple FairPlay' : 'encrypted';
  return drmProtected(`EPUB, ${scheme}: META-INF/encryption.xml encrypts ${encrypted.length} content file(s) such as ${encrypted[0]}`);
}

function opfMetadata(md: XmlNode): DocumentMetadata {
  const texts = (name: string) => findAll(md, name).map(textOf).filter(Boolean);
  const metas = findAll(md, 'meta');
  // EPUB 3 refinements: <meta refines="#id" property="role">aut</meta>
  const refines = new Map<string, Record<string, string>>();
  const meta: Record<string, string[]> = {};
  for (const m of metas) {
    const key = attr(m, 'property') ?? attr(m, 'name');
    const value = attr(m, 'content') ?? textOf(m);
    if (!key) continue;
    const target = attr(m, 'refines');
    if (target) {
      const r = refines.get(target.replace(/^#/, '')) ?? {};
      r[key] = value;
      refines.set(target.replace(/^#/, ''), r);
    } else (meta[key] ??= []).push(value);
  }
  const roleOf = (n: XmlNode) => attr(n, 'role') ?? refines.get(attr(n, 'id') ?? '')?.role;
  const authors: string[] = [];
  const contributors: string[] = [];
  const tools: string[] = [];
  for (const c of findAll(md, 'creator')) {
    const role = roleOf(c);
    const name = textOf(c);
    if (role && role !== 'aut') contributors.push(`${name} (${role})`);
    else authors.push(name);
  }
  for (const c of findAll(md, 'contributor')) {
    const role = roleOf(c);
    const name = textOf(c);
    contributors.push(role ? `${name} (${role})` : name);
    if (role === 'bkp' || /calibre|sigil|kindle|kdp|indesign|word/i.test(name)) tools.push(name);
  }
  for (const key of ['generator', 'Sigil version', 'calibre:version']) for (const v of meta[key] ?? []) tools.push(`${key}: ${v}`);
  const identifiers = findAll(md, 'identifier').map((n) => ({ scheme: identifierScheme(n), value: textOf(n) }));
  const dates = findAll(md, 'date').map((n) => ({ event: attr(n, 'event') ?? 'date', value: textOf(n) }));
  for (const key of ['dcterms:modified', 'calibre:timestamp', 'dcterms:created', 'dcterms:issued']) {
    for (const v of meta[key] ?? []) dates.push({ event: key, value: v });
  }
  const layout = meta['rendition:layout']?.[0];
  return {
    format: 'EPUB',
    title: texts('title')[0],
    authors,
    contributors,
    publisher: texts('publisher')[0] ?? meta['dcterms:publisher']?.[0],
    language: texts('language')[0],
    identifiers,
    dates,
    tools,
    description: texts('description')[0],
    rights: texts('rights')[0] ?? meta['dcterms:rights']?.[0],
    epub: { layout, meta },
  };
}

function identifierScheme(n: XmlNode): string {
  const declared = attr(n, 'scheme');
  if (declared) return declared.toUpperCase();
  const v = textOf(n).toLowerCase();
  if (v.startsWith('urn:uuid:') || /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v)) return 'UUID';
  if (v.startsWith('urn:isbn:') || /^(97[89])?\d{9}[\dx]$/.test(v.replace(/-/g, ''))) return 'ISBN';
  if (v.startsWith('urn:amazon:') || /^b0[0-9a-z]{8}$/.test(v)) return 'ASIN';
  if (v.startsWith('calibre')) return 'CALIBRE';
  return 'ID';
}

function resolveHref(base: string, href: string): string {
  const clean = decodeHref(href.split('#')[0]);
  return base === '.' ? path.normalize(clean) : path.normalize(path.join(base, clean));
}

/** Percent-decoded href; a malformed escape ("c%ZZ.xhtml") is kept as written, it may be the entry's real name. */
function decodeHref(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

function utf8(b: Uint8Array): string {
  return Buffer.from(b).toString('utf8').replace(/^\uFEFF/, '');
}
