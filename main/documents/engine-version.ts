import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// Recorded with every extracted page so a result can be traced to the exact engine that made it.
// mupdf does not export its package.json; find it beside the resolved entry (dist/mupdf.js).
function mupdfVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('mupdf');
    return (JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Bumped when Shoko's own extraction changes what a page holds for the same MuPDF (2: ruby readings
 * set at a marked size and flagged; 3: nothing clipped — reflow style, ZIP names decoded, SVG text laid
 * out, damaged MOBI records read around; 4: clashing ZIP names read by their exact version, every other
 * version and a polyglot's second document on pages after the book's), so a stored page says which rules made it.
 */
const EXTRACTION_REVISION = 4;

export const MUPDF_ENGINE = `mupdf.js ${mupdfVersion()} (shoko extraction ${EXTRACTION_REVISION})`;
