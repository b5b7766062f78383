import { readEpubPackage } from './epub-package';
import type { ExtractionLimits } from './types';
import { readZip } from './zip-archive';

/** The text of one source document of a reflowable book (a spine item), as its markup holds it. */
export interface SourceDocument {
  name: string;
  text: string;
}

export interface EpubSourceText {
  documents: SourceDocument[];
  /** Spine documents whose text could not be read (missing from the ZIP): coverage cannot vouch for them. */
  unreadable: string[];
}

/**
 * The text of every spine document of an EPUB, in spine order: what a reader app would show,
 * before any layout. Coverage (coverage.ts) compares it with the laid-out pages.
 */
export async function epubSourceText(epub: Uint8Array, limits: Pick<ExtractionLimits, 'maxZipEntries' | 'maxZipEntryBytes' | 'maxZipTotalBytes'>): Promise<EpubSourceText> {
  const zip = await readZip(epub, limits);
  const pkg = readEpubPackage(zip);
  const documents: SourceDocument[] = [];
  const unreadable: string[] = [];
  for (const item of pkg.spine) {
    if (item.mediaType.startsWith('image/')) continue; // an image page has no characters to lose
    const data = zip.get(item.href);
    if (!data) unreadable.push(item.href);
    else documents.push({ name: item.href, text: markupText(decodeMarkup(data), /svg/i.test(item.mediaType) || /\.svg$/i.test(item.href)) });
  }
  return { documents, unreadable };
}

/** Decodes an (X)HTML document by its XML declaration or meta charset; UTF-8 (with BOM sniffing) otherwise. */
export function decodeMarkup(data: Uint8Array): string {
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  const label = /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]*charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  if (label) {
    try {
      return new TextDecoder(label).decode(data);
    } catch {
      // an unknown label: fall through to UTF-8, as MuPDF does
    }
  }
  return new TextDecoder('utf-8').decode(data);
}

// Elements whose content no reader draws as text: the head, scripts and styles, SVG/MathML descriptions.
const HIDDEN = new Set(['head', 'script', 'style', 'title', 'desc', 'metadata', 'annotation', 'annotation-xml', 'template']);
const TAG_NAME = /^\/?(?:[\w.-]+:)?([a-zA-Z][\w.-]*)/;

/**
 * The characters of an (X)HTML or SVG document: text of the body (of the whole SVG), entities
 * decoded, tags dropped. One linear pass (no backtracking regex: the markup is untrusted), tolerant
 * of HTML that is not XML (MOBI markup): a `<` that starts no tag is text, as in HTML.
 */
export function markupText(markup: string, svg = false): string {
  const s = markup;
  let out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      out.push(decodeEntities(s.slice(i)));
      break;
    }
    out.push(decodeEntities(s.slice(i, lt)));
    const next = s[lt + 1] ?? '';
    if (!/[a-zA-Z/!?]/.test(next)) {
      out.push('<');
      i = lt + 1;
      continue;
    }
    if (s.startsWith('<!--', lt)) {
      i = end(s, '-->', lt + 4);
      continue;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      out.push(s.slice(lt + 9, e < 0 ? s.length : e)); // character data: no references inside
      i = e < 0 ? s.length : e + 3;
      continue;
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0) break; // an unterminated tag swallows the rest, in HTML too
    const tag = s.slice(lt + 1, gt);
    i = gt + 1;
    const m = TAG_NAME.exec(tag);
    if (!m) continue; // <!DOCTYPE …>, <?xml …?>
    const name = m[1].toLowerCase();
    const closing = tag[0] === '/';
    if (!svg && name === 'body') {
      if (closing) break;
      out = [];
      continue;
    }
    if (!closing && HIDDEN.has(name) && !tag.endsWith('/')) {
      const close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'gi');
      close.lastIndex = i;
      const c = close.exec(s);
      i = c ? c.index + c[0].length : s.length;
      continue;
    }
    out.push(' ');
  }
  return out.join('');
}

function end(s: string, marker: string, from: number): number {
  const e = s.indexOf(marker, from);
  return e < 0 ? s.length : e + marker.length;
}

// HTML 4 entities (what XHTML 1.1 books use besides the XML five): Latin-1 160–255 in order, then the rest.
const LATIN1 = ('nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para ' +
  'middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml ' +
  'Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave ' +
  'aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml ' +
  'divide oslash ugrave uacute ucirc uuml yacute thorn yuml').split(' ');
const OTHER: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217,
  sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242,
  Prime: 8243, lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364, trade: 8482, larr: 8592, uarr: 8593, rarr: 8594,
  darr: 8595, harr: 8596, rArr: 8658, hArr: 8660, minus: 8722, lowast: 8727, infin: 8734, ne: 8800, le: 8804, ge: 8805, equiv: 8801,
  sim: 8764, asymp: 8776, sum: 8721, prod: 8719, radic: 8730, part: 8706, nabla: 8711, isin: 8712, cap: 8745, cup: 8746, int: 8747,
  loz: 9674, spades: 9824, clubs: 9827, hearts: 9829, diams: 9830, Alpha: 913, Beta: 914, Gamma: 915, Delta: 916, Omega: 937,
  alpha: 945, beta: 946, gamma: 947, delta: 948, epsilon: 949, lambda: 955, mu: 956, pi: 960, sigma: 963, omega: 969,
};
const NAMED = new Map<string, number>([...LATIN1.map((n, i) => [n, 160 + i] as [string, number]), ...Object.entries(OTHER)]);

/** Numeric and named character references. An unknown name counts as no character (never as a loss). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (_m, ref: string) => {
    const code = ref[0] === '#' ? (ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)) : NAMED.get(ref);
    return code !== undefined && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
  });
}
