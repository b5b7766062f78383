import * as mupdf from 'mupdf';
import { REPORT_FONT_FAMILY, reportFontBytes } from './report-font';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;

let font: mupdf.Font | null = null;

/**
 * Lays the report's HTML out on A4 pages with MuPDF's HTML engine and writes a PDF whose fonts are
 * embedded and subset: IPAex Gothic for the text, MuPDF's built-in fonts for the monospace hashes
 * and for the four ASCII characters whose IPAex glyph is shared with another code point ('-' with
 * U+2010–2012, '_' with U+0332, '`' with U+0300, '~' with U+223C), which would otherwise extract as
 * "SHA‒256". So the PDF renders the same everywhere and its text extracts as written.
 */
export function renderReportPdf(html: string): Uint8Array {
  font ??= new mupdf.Font(REPORT_FONT_FAMILY, reportFontBytes());
  mupdf.installLoadFontFunction((name) => (name === REPORT_FONT_FAMILY ? font : null));
  const doc = mupdf.Document.openDocument(Buffer.from(forPdf(html)), 'text/html');
  try {
    doc.layout(A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, 9.5);
    const buf = new mupdf.Buffer();
    const writer = new mupdf.DocumentWriter(buf, 'pdf', 'compress');
    const pages = doc.countPages();
    for (let i = 0; i < pages; i++) {
      const page = doc.loadPage(i);
      const dev = writer.beginPage([0, 0, A4[0], A4[1]]);
      page.run(dev, mupdf.Matrix.translate(MARGIN, MARGIN));
      writer.endPage();
      page.destroy();
    }
    writer.close();
    const raw = buf.asUint8Array().slice();
    buf.destroy();
    // Subset the fonts and drop unused objects: the full IPAex font is 6 MB, a report uses a few hundred glyphs.
    const pdf = mupdf.PDFDocument.openDocument(raw, 'application/pdf') as mupdf.PDFDocument;
    try {
      pdf.setMetaData('info:Title', 'Shoko evidence package report');
      pdf.setMetaData('info:Producer', 'Shoko (MuPDF)');
      pdf.subsetFonts();
      return pdf.saveToBuffer('garbage=compact,compress').asUint8Array().slice();
    } finally {
      pdf.destroy();
    }
  } finally {
    doc.destroy();
  }
}

/** Sets those four characters of the body text in the built-in fonts (see above). */
function forPdf(html: string): string {
  const start = html.indexOf('<body');
  if (start < 0) return html;
  const head = html.slice(0, start).replace('</style>', '.hy { font-family: sans-serif; }\n.mono .hy, pre .hy { font-family: monospace; }\n</style>');
  const body = html.slice(start).replace(/>([^<]*)</g, (_m, text: string) => `>${text.replace(/[-_`~]+/g, (run) => `<span class="hy">${run}</span>`)}<`);
  return head + body;
}
