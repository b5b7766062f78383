/**
 * Nothing clipped in reflowable books. MuPDF 1.28 lays a line that does not fit the page out past the right
 * edge and draws (and extracts) nothing there: a `<pre>` line, a long URL, a table wider than the page lose
 * whatever lies outside. A reader app wraps instead; this user style makes MuPDF do the same (each rule was
 * checked on MuPDF 1.28: test/documents/reflow-style.test.ts):
 *
 * - `white-space: pre-wrap` on `<pre>`: line breaks kept, long lines wrap at spaces;
 * - `overflow-wrap: break-word` everywhere: a word longer than the line breaks (also under `nowrap`), only
 *   where it would otherwise overflow (`word-break`, `word-wrap` and `overflow-wrap: anywhere` are ignored);
 * - table parts as blocks: MuPDF sizes a column by the widest thing in it (an image's own width even under
 *   CSS that shrinks it), so a table can outgrow the page; as blocks its cells follow each other, row by
 *   row, at page width (a wide table "splits" rather than being cut);
 * - block containers at `width: auto`: a fixed-layout book's `body { width: 1474px }` (or any block set wider
 *   than the page) otherwise pushes line ends off the page. Images keep their sizes.
 *
 * `!important` so a book's own rules lose. A `style=""` attribute still wins in MuPDF (its width or margins
 * can still push text off the page); the coverage check reports what is lost that way.
 */
export const REFLOW_CSS = [
  'pre { white-space: pre-wrap !important; }',
  '* { overflow-wrap: break-word !important; }',
  'table, thead, tbody, tfoot, tr, td, th, caption { display: block !important; width: auto !important; }',
  'html, body, div, p, section, article, main, header, footer, aside, nav, blockquote, ul, ol, li, dl, dd, dt,' +
    ' h1, h2, h3, h4, h5, h6, pre, figure, figcaption { width: auto !important; }',
].join('\n');
