import * as mupdf from 'mupdf';
import { REPORT_FONT_FAMILY, reportFontBytes } from './report-font';
import { htmlDocument, reportSections, reportTitle, type ReportContext, type ReportSection } from './report-html';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
/** Room kept at the bottom for the footer (case number and page n / N). */
const FOOTER = 16;
/** Rows tried per page of a long table; a chunk that still runs over is split until it fits. */
const ROWS_PER_PAGE = 56;

let font: mupdf.Font | null = null;

/**
 * Lays the report out on A4 pages with MuPDF's HTML engine and writes a PDF whose fonts are embedded
 * and subset. Long tables are laid out a page at a time, each page with the table's header row (MuPDF
 * does not repeat <thead>), and every page carries the case number and "n / N" in its footer.
 *
 * Fonts: IPAex Gothic for the text; MuPDF's built-in fonts for the monospace hashes and for the four
 * ASCII characters whose IPAex glyph is shared with another code point ('-' with U+2010–2012, '_' with
 * U+0332, '`' with U+0300, '~' with U+223C), which would otherwise extract as "SHA‒256".
 */
export function renderReportPdf(ctx: ReportContext): Uint8Array {
  font ??= new mupdf.Font(REPORT_FONT_FAMILY, reportFontBytes());
  mupdf.installLoadFontFunction((name) => (name === REPORT_FONT_FAMILY ? font : null));
  const title = reportTitle(ctx);
  const docs: mupdf.Document[] = [];
  try {
    for (const html of pageGroups(reportSections(ctx))) layOutGroup(title, html, docs);
    const total = docs.reduce((n, d) => n + d.countPages(), 0);
    const caseNumber = ctx.findings.case.caseNumber ?? ctx.findings.case.name;
    const buf = new mupdf.Buffer();
    const writer = new mupdf.DocumentWriter(buf, 'pdf', 'compress');
    let n = 0;
    for (const doc of docs) {
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i);
        const dev = writer.beginPage([0, 0, A4[0], A4[1]]);
        page.run(dev, mupdf.Matrix.translate(MARGIN, MARGIN));
        drawFooter(dev, `事件番号 / Case No. ${caseNumber}`, `${++n} / ${total}`);
        writer.endPage();
        page.destroy();
      }
    }
    writer.close();
    const raw = buf.asUint8Array().slice();
    buf.destroy();
    // Subset the fonts and drop unused objects: the full IPAex font is 6 MB, a report uses a few hundred glyphs.
    const pdf = mupdf.PDFDocument.openDocument(raw, 'application/pdf') as mupdf.PDFDocument;
    try {
      pdf.setMetaData('info:Title', 'Shoko evidence package report');
      pdf.setMetaData('info:Subject', `Case ${caseNumber}`);
      pdf.setMetaData('info:Producer', 'Shoko (MuPDF)');
      pdf.subsetFonts();
      return pdf.saveToBuffer('garbage=compact,compress').asUint8Array().slice();
    } finally {
      pdf.destroy();
    }
  } finally {
    for (const d of docs) d.destroy();
  }
}

/** A group is laid out as its own document: flowing text, or one long table (with the text after it). */
type Group = { html: string } | { table: Extract<ReportSection, { kind: 'table' }> };

function pageGroups(sections: ReportSection[]): Group[] {
  const groups: Group[] = [];
  let flow: string[] = [];
  const flush = () => { if (flow.length) groups.push({ html: flow.join('\n') }); flow = []; };
  for (const s of sections) {
    if (s.kind === 'flow') { flow.push(s.html); continue; }
    flush();
    groups.push({ table: s });
    if (s.after) flow.push(s.after);
  }
  flush();
  return groups;
}

/**
 * A table is laid out as page-sized chunks, each with the header row and each after a page break, in
 * one document (a document costs a fixed set-up; per page layout is cheap). Every chunk must fill
 * exactly one page: if the pages outnumber the chunks, a chunk ran over (rows wrapped), and the table
 * is laid out again with fewer rows per page.
 */
function layOutGroup(title: string, g: Group, docs: mupdf.Document[]): void {
  if ('html' in g) {
    docs.push(openLaidOut(title, g.html));
    return;
  }
  const t = g.table;
  for (let per = ROWS_PER_PAGE; ; per = Math.max(1, Math.floor(per * 0.8))) {
    const chunks: string[][] = [];
    // The first page also holds the heading and note before the table.
    const first = Math.max(1, per - 6);
    chunks.push(t.rows.slice(0, first));
    for (let i = first; i < t.rows.length; i += per) chunks.push(t.rows.slice(i, i + per));
    const body = chunks.map((rows, i) => `${i === 0 ? t.before : ''}<div${i ? ' class="pb"' : ''}><table class="${t.className}">${t.head}\n${rows.join('\n')}</table></div>`).join('\n');
    const doc = openLaidOut(title, body);
    if (doc.countPages() === chunks.length || per === 1) {
      docs.push(doc);
      return;
    }
    doc.destroy();
  }
}

function openLaidOut(title: string, body: string): mupdf.Document {
  const doc = mupdf.Document.openDocument(Buffer.from(forPdf(htmlDocument(title, body))), 'text/html');
  doc.layout(A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - FOOTER, 9.5);
  return doc;
}

let latin: mupdf.Font | null = null;

/**
 * The footer is drawn as text, ASCII in a built-in font and the rest in IPAex Gothic (for the same
 * reason as the body: IPAex's '-' extracts as U+2012).
 */
function drawFooter(dev: mupdf.Device, left: string, right: string): void {
  latin ??= new mupdf.Font('Helvetica');
  const size = 7.5;
  const y = A4[1] - MARGIN + 6;
  const text = new mupdf.Text();
  const show = (s: string, x: number): number => {
    let trm: mupdf.Matrix = [size, 0, 0, -size, x, y];
    for (const run of s.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? []) trm = text.showString(/^[\x20-\x7e]/.test(run) ? latin! : font!, trm, run);
    return trm[4];
  };
  show(left, MARGIN);
  // Right-aligned: measured by drawing it once in a scratch text object.
  const probe = new mupdf.Text();
  const width = probe.showString(latin, [size, 0, 0, -size, 0, 0], right)[4];
  show(right, A4[0] - MARGIN - width);
  dev.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0.25], 1);
}

/** Sets those four characters of the body text in the built-in fonts (see above). */
function forPdf(html: string): string {
  const start = html.indexOf('<body');
  if (start < 0) return html;
  const head = html.slice(0, start).replace('</style>', '.hy { font-family: sans-serif; vertical-align: baseline; }\n.mono .hy, pre .hy { font-family: monospace; }\n.pb { page-break-before: always; }\n</style>');
  const body = html.slice(start).replace(/>([^<]*)</g, (_m, text: string) => `>${text.replace(/[-_`~]+/g, (run) => `<span class="hy">${run}</span>`)}<`);
  return head + body;
}
