/**
 * SVG text is text. MuPDF 1.28's HTML engine hides `<svg>` (its default style is `svg { display: none }`)
 * and MuPDF.js has no SVG document handler, so a fixed-layout EPUB whose pages are inline SVG (text set as
 * `<text>`/`<tspan>`, pictures as `<image>`) shows nothing of it. Before layout, each inline `<svg>` that
 * holds text or images is replaced by plain XHTML MuPDF lays out: one block per `<text>` element, an
 * `<img>` per `<image>`, in document order. The page then draws and extracts the same characters (with
 * boxes where they are drawn); the SVG's own positions are not kept (a reflowed substitute, said by a
 * ReadNote 'svg-text-reflowed').
 *
 * A linear scan over the markup (no backtracking pattern: the file is untrusted). Entities and character
 * references are copied as written: the output is XHTML again.
 */
export interface SvgTextResult {
  /** The document with every converted `<svg>` replaced; the input itself when nothing was converted. */
  markup: string;
  /** How many `<svg>` elements were replaced. */
  converted: number;
}

const TAG = /<(\/?)([\w.:-]+)([^>]*?)(\/?)>/y;

export interface SvgTextOptions {
  /** Rewrites a relative `<image>` href (an SVG file shown from another folder); absent: kept as written. */
  rebase?: (href: string) => string;
}

export function svgTextToHtml(markup: string, opts: SvgTextOptions = {}): SvgTextResult {
  let out = '';
  let from = 0;
  let converted = 0;
  for (;;) {
    const start = findTag(markup, 'svg', from);
    if (start < 0) break;
    const end = svgEnd(markup, start);
    const replacement = convertSvg(markup.slice(start, end), opts);
    if (replacement !== null) {
      out += markup.slice(from, start) + replacement;
      converted++;
    } else out += markup.slice(from, end);
    from = end;
  }
  return converted ? { markup: out + markup.slice(from), converted } : { markup, converted: 0 };
}

/** Index of the next opening tag named `name` (any namespace prefix, any case) at or after `from`; -1 if none. */
function findTag(s: string, name: string, from: number): number {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`, 'gi');
  re.lastIndex = from;
  return re.exec(s)?.index ?? -1;
}

/** The index just past the `</svg>` closing the `<svg>` at `start` (nested `<svg>` counted), or the end. */
function svgEnd(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return s.length;
    TAG.lastIndex = lt;
    const m = TAG.exec(s);
    if (!m) {
      i = lt + 1;
      continue;
    }
    i = TAG.lastIndex;
    if (localName(m[2]) !== 'svg') continue;
    if (m[1]) {
      depth--;
      if (depth === 0) return i;
    } else if (!m[4]) depth++;
    else if (depth === 0) return i; // <svg/>
  }
  return s.length;
}

/** The XHTML substitute of one `<svg>…</svg>`, or null when it holds neither text nor images. */
function convertSvg(svg: string, opts: SvgTextOptions): string | null {
  const blocks: string[] = [];
  const drawingWidth = svgWidth(svg);
  let text: string[] | null = null; // the current <text>'s pieces
  let textDepth = 0;
  let skipUntil: string | null = null; // inside <title>, <desc>, <style>, <script>: no drawn text
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const chunk = svg.slice(i, lt < 0 ? svg.length : lt);
    if (text && !skipUntil && chunk) text.push(chunk);
    if (lt < 0) break;
    if (svg.startsWith('<![CDATA[', lt)) {
      const e = svg.indexOf(']]>', lt);
      const data = svg.slice(lt + 9, e < 0 ? svg.length : e);
      if (text && !skipUntil) text.push(escapeText(data));
      i = e < 0 ? svg.length : e + 3;
      continue;
    }
    if (svg.startsWith('<!--', lt)) {
      const e = svg.indexOf('-->', lt);
      i = e < 0 ? svg.length : e + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(svg);
    if (!m) {
      if (text && !skipUntil) text.push('&lt;');
      i = lt + 1;
      continue;
    }
    i = TAG.lastIndex;
    const [, closing, rawName, attrs, selfClosing] = m;
    const name = localName(rawName);
    if (skipUntil) {
      if (closing && name === skipUntil) skipUntil = null;
      continue;
    }
    if (!closing && !selfClosing && ['title', 'desc', 'style', 'script', 'metadata'].includes(name)) {
      skipUntil = name;
      continue;
    }
    if (name === 'text') {
      if (closing) {
        textDepth--;
        if (textDepth === 0 && text) {
          const content = text.join('').replace(/\s+/g, ' ').trim();
          if (content) blocks.push(`<div class="shoko-svg-text">${content}</div>`);
          text = null;
        }
      } else if (!selfClosing) {
        textDepth++;
        text ??= [];
      }
      continue;
    }
    if (name === 'tspan' && !closing && text && /\s(x|y)\s*=/.test(attrs)) {
      // A tspan placed on its own starts a new word (a new line or column of the drawing).
      text.push(' ');
      continue;
    }
    if (name === 'image' && !closing) {
      const href = /(?:^|\s)(?:xlink:)?href\s*=\s*("([^"]*)"|'([^']*)')/.exec(attrs);
      const written = href?.[2] ?? href?.[3];
      const src = written && opts.rebase && !/^[a-z][a-z0-9+.-]*:|^\//i.test(written) ? opts.rebase(written) : written;
      // Sized as a share of the drawing's width (transforms aside), so a full-page picture stays full-page.
      const width = Number(/(?:^|\s)width\s*=\s*["']([\d.]+)/.exec(attrs)?.[1]);
      const share = drawingWidth && width > 0 ? Math.min(100, (width / drawingWidth) * 100) : 100;
      if (src) blocks.push(`<div class="shoko-svg-image"><img src="${src}" alt="" style="width:${Math.round(share * 100) / 100}%"/></div>`);
    }
  }
  return blocks.length ? `<div class="shoko-svg">${blocks.join('')}</div>` : null;
}

/** The width of the drawing in its own units: the viewBox's, else the width attribute's number. */
function svgWidth(svg: string): number | null {
  const open = svg.slice(0, svg.indexOf('>') + 1);
  const viewBox = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)/.exec(open)?.[1];
  const width = viewBox ?? /\swidth\s*=\s*["']([\d.]+)/.exec(open)?.[1];
  const n = Number(width);
  return n > 0 ? n : null;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
